namespace Cluster.PerfAnalyzer.Load;

/// <summary>One tenant of a spread load (<c>--tenant-keys</c>): its API key and the model it calls.</summary>
public sealed record TenantKey(string Key, string Model);
