using Grpc.Net.Client.Balancer;

namespace Cluster.PerfAnalyzer.Load;

/// <summary>Makes the <see cref="ReadyGatewaysResolver"/> of channels addressed <c>gateways:///…</c>.</summary>
public sealed class ReadyGatewaysResolverFactory(IReadOnlyList<Uri> gateways, Func<Uri, CancellationToken, Task<bool>> isReady) : ResolverFactory
{
    public const string Scheme = "gateways";

    public override string Name => Scheme;

    public override Resolver Create(ResolverOptions options) => new ReadyGatewaysResolver(gateways, isReady, TimeProvider.System);
}
