namespace Cluster.IntegrationTests.Infrastructure;

/// <summary>
/// The same cluster as <see cref="ClusterFixture"/> with the gateway role inside the silo's process
/// (<c>Silo:HostGateway</c>): calls to shards pass in memory, and outputs come back as windows on
/// the shard's pooled buffers.
/// </summary>
public sealed class CoHostedClusterFixture : ClusterFixture
{
    protected override bool CoHostGateway => true;
}
