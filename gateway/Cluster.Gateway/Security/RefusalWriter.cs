using Cluster.Gateway.Grpc;
using Cluster.Gateway.Rest;
using Cluster.Gateway.Serving;
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

    /// <summary>The model a REST inference names in its route (gRPC carries it in the unread body).</summary>
    public static (string Model, string Version) RouteModel(HttpRequest request) =>
        (request.RouteValues.TryGetValue("name", out var name) ? name?.ToString() ?? "" : "",
         request.RouteValues.TryGetValue("version", out var version) ? version?.ToString() ?? "" : "");
}
