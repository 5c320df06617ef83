using Cluster.IntegrationTests.Infrastructure;

namespace Cluster.IntegrationTests.Tracing;

/// <summary>One call with the client's <c>traceparent</c>, through a stand-alone gateway and a silo, is one trace.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TracingTests(ClusterFixture cluster)
{
    [Fact]
    public Task OneCallWithATraceparentYieldsOneConnectedTraceFromGatewayToShard() => ConnectedTrace.AssertOneCallYieldsOneTreeAsync(cluster);
}
