using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Hosting;

/// <summary>
/// Keeps each listener to its purpose by the port the connection arrived on (never by the Host
/// header, which the client writes): the metrics port serves <c>/metrics</c> and nothing else, the
/// gRPC port serves gRPC only, and <c>/metrics</c> is served nowhere but the metrics port.
/// </summary>
public sealed class ListenerIsolationMiddleware(RequestDelegate next, IOptions<GatewayOptions> options)
{
    public const string MetricsPath = "/metrics";

    private readonly GatewayOptions _options = options.Value;

    public Task InvokeAsync(HttpContext context)
    {
        var port = context.Connection.LocalPort;
        var isMetrics = context.Request.Path.Equals(MetricsPath, StringComparison.Ordinal);
        var allowed = port == _options.MetricsPort
            ? isMetrics
            : !isMetrics && (port != _options.GrpcPort || IsGrpc(context.Request));
        if (allowed) return next(context);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;
}
