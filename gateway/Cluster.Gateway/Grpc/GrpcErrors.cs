using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Cluster.Grains.Inference;

namespace Cluster.Gateway.Grpc;

/// <summary>
/// Builds RpcExceptions with the rich error model: a google.rpc.Status carrying ErrorInfo (and
/// BadRequest for invalid arguments). Messages name what was wrong, never a tensor's contents.
/// </summary>
public static class GrpcErrors
{
    public static RpcException Create(StatusCode code, string reason, string message)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        status.Details.Add(Any.Pack(new ErrorInfo { Reason = reason, Domain = ErrorReasons.Domain }));
        if (code == StatusCode.InvalidArgument)
        {
            status.Details.Add(Any.Pack(new BadRequest
            {
                FieldViolations = { new BadRequest.Types.FieldViolation { Field = "inputs", Description = message } },
            }));
        }
        return status.ToRpcException();
    }

    public static RpcException FromInference(InferenceStatus status, string message) => status switch
    {
        InferenceStatus.InvalidArgument => Create(StatusCode.InvalidArgument, ErrorReasons.InvalidTensor, message),
        InferenceStatus.NotFound => Create(StatusCode.NotFound, ErrorReasons.VersionNotFound, message),
        InferenceStatus.DeadlineExceeded => Create(StatusCode.DeadlineExceeded, ErrorReasons.DeadlineExceeded, message),
        InferenceStatus.Unavailable => Create(StatusCode.Unavailable, ErrorReasons.ModelUnavailable, message),
        InferenceStatus.ResourceExhausted => Create(StatusCode.ResourceExhausted, ErrorReasons.ShardUnavailable, message),
        InferenceStatus.FailedPrecondition => Create(StatusCode.FailedPrecondition, ErrorReasons.ModelUnavailable, message),
        _ => Create(StatusCode.Unavailable, ErrorReasons.ShardUnavailable, message),
    };

    public static RpcException Invalid(string message) => Create(StatusCode.InvalidArgument, ErrorReasons.InvalidTensor, message);
}
