namespace Cluster.Grains.Inference;

/// <summary>
/// Outcome of a shard call. The values are the gRPC status codes they map to, so the gateway
/// forwards them unchanged.
/// </summary>
public enum InferenceStatus
{
    Ok = 0,
    InvalidArgument = 3,
    DeadlineExceeded = 4,
    NotFound = 5,
    ResourceExhausted = 8,
    FailedPrecondition = 9,
    Unavailable = 14,
}
