using Cluster.Grains.Governance;
using Cluster.Grains.Inference;

namespace Cluster.Gateway.Serving;

/// <summary>
/// A call the gateway refuses or cannot complete, in the data plane's own terms: a class
/// (<see cref="ServingCode"/>), a stable reason, a message that names what was wrong (never a tensor's
/// contents or a key), and for quota refusals what the client may do next. Each frontend maps it
/// once: gRPC to a rich google.rpc.Status (<c>GrpcErrors</c>), REST to an HTTP status and
/// <c>{"error": ...}</c> (<c>RestErrors</c>).
/// </summary>
public sealed class ServingException(ServingCode code, string reason, string message, QuotaRefusal? quota = null) : Exception(message)
{
    public ServingCode Code { get; } = code;

    /// <summary>Stable and machine-readable, e.g. <c>MODEL_NOT_FOUND</c> (<see cref="ErrorReasons"/>).</summary>
    public string Reason { get; } = reason;

    /// <summary>Set on refusals by a tenant's limits.</summary>
    public QuotaRefusal? Quota { get; } = quota;

    /// <summary>A malformed or contract-breaking request (<see cref="ErrorReasons.InvalidTensor"/>).</summary>
    public static ServingException Invalid(string message) => new(ServingCode.InvalidArgument, ErrorReasons.InvalidTensor, message);

    /// <summary>A shard's answer other than OK, in the data plane's terms.</summary>
    public static ServingException FromInference(InferenceStatus status, string message) => status switch
    {
        InferenceStatus.InvalidArgument => new(ServingCode.InvalidArgument, ErrorReasons.InvalidTensor, message),
        InferenceStatus.NotFound => new(ServingCode.NotFound, ErrorReasons.VersionNotFound, message),
        InferenceStatus.DeadlineExceeded => new(ServingCode.DeadlineExceeded, ErrorReasons.DeadlineExceeded, message),
        InferenceStatus.Unavailable => new(ServingCode.Unavailable, ErrorReasons.ModelUnavailable, message),
        InferenceStatus.ResourceExhausted => new(ServingCode.ResourceExhausted, ErrorReasons.ShardUnavailable, message),
        InferenceStatus.FailedPrecondition => new(ServingCode.FailedPrecondition, ErrorReasons.ModelUnavailable, message),
        _ => new(ServingCode.Unavailable, ErrorReasons.ShardUnavailable, message),
    };

    /// <summary>A refused governance change from the tenancy or governance grains.</summary>
    public static ServingException FromGovernance(GovernanceException ex) => new((ServingCode)(int)ex.Error, ex.Reason, ex.Message);
}
