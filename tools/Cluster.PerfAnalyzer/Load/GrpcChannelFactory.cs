using Grpc.Net.Client;

namespace Cluster.PerfAnalyzer.Load;

/// <summary>
/// The one channel every cluster caller shares: HTTP/2 multiplexes their calls, and a further
/// connection opens when one reaches the server's concurrent-stream limit.
/// </summary>
public static class GrpcChannelFactory
{
    /// <summary>Largest request or response accepted (Triton's clients allow the same order).</summary>
    public const int MaxMessageBytes = 256 * 1024 * 1024;

    public static GrpcChannel Create(Uri endpoint)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        };
        return GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxSendMessageSize = MaxMessageBytes,
            MaxReceiveMessageSize = MaxMessageBytes,
        });
    }
}
