using Cluster.Gateway.Audit;
using Cluster.Gateway.Serving;
using Cluster.Grains.Audit;
using Cluster.Grains.Inference;
using Grpc.Core;
using Inference;
using Grpc.Core.Interceptors;

namespace Cluster.Gateway.Security;

/// <summary>
/// The gRPC choke point: every call except liveness, readiness, server metadata and health checks
/// must carry a valid key; the caller it resolves to is kept for the call.
/// </summary>
public sealed class AuthenticationInterceptor(ICredentialResolver resolver, IInferenceAuditor auditor, TimeProvider time) : Interceptor
{
    private static readonly HashSet<string> OpenMethods = new(StringComparer.Ordinal)
    {
        "/inference.GRPCInferenceService/ServerLive",
        "/inference.GRPCInferenceService/ServerReady",
        "/inference.GRPCInferenceService/ServerMetadata",
        "/grpc.health.v1.Health/Check",
        "/grpc.health.v1.Health/Watch",
    };

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await AuthenticateAsync(context);
        }
        catch (ServingException ex) when (ex.Code == ServingCode.Unauthenticated && request is ModelInferRequest infer)
        {
            // A refused inference is a decision too: it goes to the anonymous audit chain.
            auditor.Record(new AuditRecord
            {
                Time = time.GetUtcNow(),
                RequestId = ClientText.Cap(infer.Id),
                Model = ClientText.Cap(infer.ModelName),
                Version = ClientText.Cap(infer.ModelVersion),
                Decision = AuditRecord.Denied,
                Reason = SecurityErrors.InvalidCredential,
                StatusCode = (int)ServingCode.Unauthenticated,
            });
            throw;
        }
        return await continuation(request, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        await continuation(requestStream, responseStream, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        await continuation(request, responseStream, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        return await continuation(requestStream, context);
    }

    private async ValueTask AuthenticateAsync(ServerCallContext context)
    {
        if (OpenMethods.Contains(context.Method)) return;
        var caller = await resolver.ResolveAsync(context.RequestHeaders.GetValue("authorization"))
            ?? throw SecurityErrors.Unauthenticated();
        Callers.Set(context.GetHttpContext(), caller);
    }
}
