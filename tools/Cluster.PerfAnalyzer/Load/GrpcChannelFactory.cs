using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;

namespace Cluster.PerfAnalyzer.Load;

/// <summary>
/// The one channel every cluster caller shares: HTTP/2 multiplexes their calls, and a further
/// connection opens when one reaches the server's concurrent-stream limit.
/// </summary>
public static class GrpcChannelFactory
{
    /// <summary>Largest request or response accepted (Triton's clients allow the same order).</summary>
    public const int MaxMessageBytes = 256 * 1024 * 1024;

    public static GrpcChannel Create(Uri endpoint) => GrpcChannel.ForAddress(endpoint, Options());

    /// <summary>
    /// One channel over several gateways, as a client behind a load balancer sees them: gRPC's
    /// client-side round_robin over the gateways that are ready (<see cref="ReadyGatewaysResolver"/>,
    /// which asks each one over its own small channel, <paramref name="probes"/>; dispose them after
    /// the channel). No retry policy: the load generator sends a call again only when no gateway
    /// answered it (<see cref="UnansweredCall"/>), as gRPC's transparent retry does.
    /// </summary>
    public static GrpcChannel CreateBalanced(IReadOnlyList<Uri> gateways, out IDisposable probes)
    {
        var health = gateways.Distinct().ToDictionary(g => g, g => GrpcChannel.ForAddress(g));
        probes = new Probes(health.Values);
        var resolver = new ReadyGatewaysResolverFactory(gateways,
            (gateway, cancellationToken) => ReadyGatewaysResolver.IsServingAsync(health[gateway], cancellationToken));
        var options = Options();
        options.Credentials = gateways[0].Scheme == Uri.UriSchemeHttps ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure;
        options.ServiceConfig = new ServiceConfig { LoadBalancingConfigs = { new RoundRobinConfig() } };
        options.ServiceProvider = new Resolvers(resolver);
        return GrpcChannel.ForAddress($"{ReadyGatewaysResolverFactory.Scheme}:///cluster", options);
    }

    private static GrpcChannelOptions Options() => new()
    {
        HttpHandler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        },
        DisposeHttpClient = true,
        MaxSendMessageSize = MaxMessageBytes,
        MaxReceiveMessageSize = MaxMessageBytes,
    };

    /// <summary>What the channel asks its service provider for: the resolver factories (nothing else is needed).</summary>
    private sealed class Resolvers(ResolverFactory factory) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(IEnumerable<ResolverFactory>) ? new[] { factory } : null;
    }

    private sealed class Probes(IEnumerable<GrpcChannel> channels) : IDisposable
    {
        public void Dispose()
        {
            foreach (var channel in channels) channel.Dispose();
        }
    }
}
