namespace Cluster.PerfAnalyzer;

/// <summary>
/// A problem with the command line or with what it points at (the repository, the model, the data
/// file, the key file). The tool prints the message and exits with code 2.
/// </summary>
public sealed class PerfSetupException(string message) : Exception(message);
