using Cluster.Gateway.Serving;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Cluster.Gateway.Grpc;

/// <summary>
/// The gRPC side of the error model, in one place: a <see cref="ServingException"/> becomes an
/// RpcException whose google.rpc.Status carries ErrorInfo (reason, domain), BadRequest for invalid
/// arguments, and for quota refusals QuotaFailure, RetryInfo and the limit in ErrorInfo's metadata.
/// </summary>
public static class GrpcErrors
{
    public static RpcException From(ServingException error) => ToStatus(error).ToRpcException();

    /// <summary>The google.rpc.Status of <paramref name="error"/>, for an answer written outside a handler (trailers-only).</summary>
    public static Google.Rpc.Status ToStatus(ServingException error)
    {
        var code = (StatusCode)(int)error.Code;
        var status = new Google.Rpc.Status { Code = (int)code, Message = error.Message };
        var info = new ErrorInfo { Reason = error.Reason, Domain = ErrorReasons.Domain };
        if (error.Quota is { } quota)
        {
            info.Metadata["limit"] = quota.Limit;
            if (quota.ResetsAt is { } resets) info.Metadata["resets_at"] = resets.ToString("O");
        }
        status.Details.Add(Any.Pack(info));
        if (code == StatusCode.InvalidArgument)
        {
            status.Details.Add(Any.Pack(new BadRequest
            {
                FieldViolations = { new BadRequest.Types.FieldViolation { Field = "inputs", Description = error.Message } },
            }));
        }
        if (error.Quota is { } refusal)
        {
            status.Details.Add(Any.Pack(new QuotaFailure
            {
                Violations = { new QuotaFailure.Types.Violation { Subject = refusal.Subject, Description = error.Message } },
            }));
            if (refusal.RetryAfter is { } delay) status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(delay) }));
        }
        return status;
    }
}
