using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Hosting;

/// <summary>
/// Refuses an oversized unary gRPC request with INVALID_ARGUMENT and a message that gives both
/// sizes, by reading the length prefix of its first message before gRPC parses it (gRPC's own
/// limit, kept as a backstop for streams, would answer RESOURCE_EXHAUSTED, which clients take
/// for a quota). Nothing is consumed, so the request then proceeds unchanged.
/// </summary>
public sealed class GrpcMessageSizeLimitMiddleware(RequestDelegate next, IOptions<GatewayOptions> options)
{
    private const int FrameHeaderBytes = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true
            || context.Request.Path.Value?.EndsWith("/ModelStreamInfer", StringComparison.Ordinal) == true)
        {
            await next(context);
            return;
        }
        var reader = context.Request.BodyReader;
        var result = await reader.ReadAtLeastAsync(FrameHeaderBytes, context.RequestAborted);
        var buffer = result.Buffer;
        uint length = 0;
        if (buffer.Length >= FrameHeaderBytes)
        {
            Span<byte> header = stackalloc byte[FrameHeaderBytes];
            buffer.Slice(0, FrameHeaderBytes).CopyTo(header);
            length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        }
        reader.AdvanceTo(buffer.Start);
        var max = options.Value.MaxRequestBytes;
        if (length > max)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "3";
            context.Response.Headers["grpc-message"] = $"request message is {length} bytes; the gateway accepts at most {max} bytes (Gateway:MaxRequestBytes).";
            return;
        }
        await next(context);
    }
}
