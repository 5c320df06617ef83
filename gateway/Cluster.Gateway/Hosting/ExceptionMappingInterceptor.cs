using Grpc.Core;
using Grpc.Core.Interceptors;
using Cluster.Gateway.Grpc;
using Cluster.Gateway.Serving;
using Cluster.Grains.Governance;

namespace Cluster.Gateway.Hosting;

/// <summary>
/// Where the gRPC services' errors meet the protocol, once for every kind of method: a refusal
/// (<see cref="ServingException"/>, or a governance grain's <see cref="GovernanceException"/>)
/// becomes its rich status; cluster faults become UNAVAILABLE (retryable); anything else
/// unexpected is INTERNAL with a correlation id, logged by type only.
/// </summary>
public sealed partial class ExceptionMappingInterceptor(ILogger<ExceptionMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (ex is not RpcException and not OperationCanceledException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException and not OperationCanceledException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException and not OperationCanceledException)
        {
            throw Map(ex, context);
        }
    }

    private RpcException Map(Exception ex, ServerCallContext context)
    {
        if (ex is ServingException serving) return GrpcErrors.From(serving);
        if (ex is GovernanceException governance) return GrpcErrors.From(ServingException.FromGovernance(governance));
        if (ex is OrleansException or TimeoutException)
        {
            LogClusterFault(logger, context.Method, ex.GetType().Name);
            return GrpcErrors.From(new ServingException(ServingCode.Unavailable, ErrorReasons.ShardUnavailable, "the cluster could not serve this call right now; retry."));
        }
        var id = Guid.NewGuid().ToString("N")[..12];
        LogUnexpected(logger, context.Method, ex.GetType().Name, id);
        return new RpcException(new Status(StatusCode.Internal, $"internal error (reference {id})."));
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "{Method} failed: cluster fault {Error}")]
    private static partial void LogClusterFault(ILogger logger, string method, string error);

    [LoggerMessage(EventId = 601, Level = LogLevel.Error, Message = "{Method} failed unexpectedly with {Error} (reference {Reference})")]
    private static partial void LogUnexpected(ILogger logger, string method, string error, string reference);
}
