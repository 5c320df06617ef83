namespace Cluster.IntegrationTests.Infrastructure;

/// <summary>
/// The tests that share one cluster; it starts once per run. Not run in parallel with the other
/// collections: its fair-share, batching and quota tests measure time on the real cluster, and
/// another fixture starting beside them on a two-core machine moved them off their bounds.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
