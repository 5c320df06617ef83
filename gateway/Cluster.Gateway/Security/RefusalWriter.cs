using Cluster.Gateway.Audit;
using Cluster.Gateway.Grpc;
using Cluster.Gateway.Rest;
using Cluster.Gateway.Serving;
using Cluster.Grains.Audit;
using Cluster.Grains.Inference;
using Google.Protobuf;

namespace Cluster.Gateway.Security;

/// <summary>
/// Answers a request refused before any handler ran (authentication, authorization, the failed-
/// authentication limit) in its own protocol: a gRPC call gets a trailers-only response carrying
/// the status, message and google.rpc.Status details; REST gets the HTTP status and
/// <c>{"error": ...}</c>. The request body is never read.
/// </summary>
public static class RefusalWriter
{
    public static bool IsGrpc(HttpRequest request) => request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;

    public static Task WriteAsync(HttpContext context, ServingException refusal)
    {
        var response = context.Response;
        if (!IsGrpc(context.Request))
        {
            if (refusal.Code == ServingCode.Unauthenticated) response.Headers.WWWAuthenticate = "Bearer";
            return RestErrors.From(refusal).ExecuteAsync(context);
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)refusal.Code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(refusal.Message);
        response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(GrpcErrors.ToStatus(refusal).ToByteArray());
        return Task.CompletedTask;
    }

    /// <summary>Whether <paramref name="request"/> asks for an inference (gRPC ModelInfer or ModelStreamInfer, REST <c>POST .../infer</c>).</summary>
    public static bool IsInference(HttpRequest request) => IsGrpc(request)
        ? request.Path.Value is "/inference.GRPCInferenceService/ModelInfer" or "/inference.GRPCInferenceService/ModelStreamInfer"
        : HttpMethods.IsPost(request.Method) && request.Path.Value?.EndsWith("/infer", StringComparison.Ordinal) == true;

    /// <summary>
    /// Answers with <paramref name="refusal"/>, first recording it in the audit trail when the
    /// request asked for an inference: a refused inference is a decision too. The record names what
    /// the route names (REST: model and version; gRPC carries them in the body, which is not read).
    /// </summary>
    public static Task RefuseAsync(HttpContext context, ServingException refusal, IInferenceAuditor auditor, TimeProvider time, string keyId = "")
    {
        if (IsInference(context.Request))
        {
            auditor.Record(new AuditRecord
            {
                Time = time.GetUtcNow(),
                KeyId = keyId,
                Model = ClientText.Cap(Route(context.Request, "name")),
                Version = ClientText.Cap(Route(context.Request, "version")),
                Decision = AuditRecord.Denied,
                Reason = refusal.Reason,
                StatusCode = (int)refusal.Code,
            });
        }
        return WriteAsync(context, refusal);
    }

    private static string Route(HttpRequest request, string key) =>
        request.RouteValues.TryGetValue(key, out var value) ? value?.ToString() ?? "" : "";
}
