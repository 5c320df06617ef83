using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;

namespace Cluster.Client.Tests.Infrastructure;

/// <summary>
/// An in-process stand-in for the gateway at the HTTP/2 framing level: it records each gRPC call
/// (path, headers, request bytes) and answers with a canned message or a canned status. It has no
/// business logic; it only lets tests see what the client sends and how it prints what comes back.
/// </summary>
public sealed class FakeGrpcHandler : HttpMessageHandler
{
    private readonly Dictionary<string, Func<HttpResponseMessage>> _routes = new(StringComparer.Ordinal);

    public List<RecordedCall> Calls { get; } = [];

    /// <summary>Answers calls to <paramref name="path"/> (e.g. <c>/cluster.admin.v1.TenantService/GetTenant</c>) with <paramref name="response"/>.</summary>
    public FakeGrpcHandler Reply(string path, IMessage response)
    {
        _routes[path] = () => Ok(response);
        return this;
    }

    /// <summary>Fails calls to <paramref name="path"/> with <paramref name="status"/> (rich details included).</summary>
    public FakeGrpcHandler Fail(string path, Google.Rpc.Status status)
    {
        _routes[path] = () => TrailersOnly(status);
        return this;
    }

    public T Request<T>(int index = 0) where T : IMessage<T>, new()
    {
        var parser = new MessageParser<T>(() => new T());
        return parser.ParseFrom(Calls[index].Message);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        var length = BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(1, 4));
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var path = request.RequestUri!.AbsolutePath;
        Calls.Add(new RecordedCall(path, headers, body.AsSpan(5, length).ToArray()));
        return _routes.TryGetValue(path, out var route)
            ? route()
            : TrailersOnly(new Google.Rpc.Status { Code = (int)StatusCode.Unimplemented, Message = $"no canned answer for {path}" });
    }

    private static HttpResponseMessage Ok(IMessage message)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1, 4), payload.Length);
        payload.CopyTo(frame, 5);
        var response = Response(new ByteArrayContent(frame));
        response.TrailingHeaders.Add("grpc-status", "0");
        return response;
    }

    private static HttpResponseMessage TrailersOnly(Google.Rpc.Status status)
    {
        var response = Response(new ByteArrayContent([]));
        response.Headers.Add("grpc-status", status.Code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers.Add("grpc-message", Uri.EscapeDataString(status.Message));
        response.Headers.Add("grpc-status-details-bin", Convert.ToBase64String(status.ToByteArray()));
        return response;
    }

    private static HttpResponseMessage Response(HttpContent content)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        return new HttpResponseMessage(HttpStatusCode.OK) { Version = HttpVersion.Version20, Content = content };
    }
}
