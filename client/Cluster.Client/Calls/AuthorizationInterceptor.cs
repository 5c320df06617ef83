using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Cluster.Client.Calls;

/// <summary>
/// Adds <c>authorization: Bearer &lt;key&gt;</c> to every call, and the default deadline to calls
/// that set none. Plain metadata, so it works over plain-text <c>http://</c> as well as TLS.
/// </summary>
internal sealed class AuthorizationInterceptor(string? apiKey, TimeSpan timeout) : Interceptor
{
    public const string Header = "authorization";

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        => continuation(request, Decorate(context));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
        => continuation(request, Decorate(context));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation)
        => continuation(Decorate(context));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation)
        => continuation(Decorate(context));

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation)
        => continuation(request, Decorate(context));

    private ClientInterceptorContext<TRequest, TResponse> Decorate<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class where TResponse : class
    {
        var options = context.Options;
        if (apiKey is not null && options.Headers?.Get(Header) is null)
        {
            var headers = new Metadata();
            if (options.Headers is not null)
            {
                foreach (var entry in options.Headers) headers.Add(entry);
            }
            headers.Add(Header, "Bearer " + apiKey);
            options = options.WithHeaders(headers);
        }
        if (options.Deadline is null && timeout != Timeout.InfiniteTimeSpan)
        {
            options = options.WithDeadline(DateTime.UtcNow + timeout);
        }
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, options);
    }
}
