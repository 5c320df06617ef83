namespace Cluster.BenchHost;

/// <summary>A problem with the command line or the machine (no Azurite, no model, no perf analyzer build); printed, exit code 2.</summary>
public sealed class BenchSetupException(string message) : Exception(message);
