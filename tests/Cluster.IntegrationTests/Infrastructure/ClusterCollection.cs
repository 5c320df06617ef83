namespace Cluster.IntegrationTests.Infrastructure;

/// <summary>All integration tests share one cluster; it starts once per run.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
