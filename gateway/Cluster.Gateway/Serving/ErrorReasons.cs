namespace Cluster.Gateway.Serving;

/// <summary>Stable error reasons clients can act on (google.rpc.ErrorInfo.reason on gRPC).</summary>
public static class ErrorReasons
{
    public const string Domain = "cluster.health-models";
    public const string ModelNotFound = "MODEL_NOT_FOUND";
    public const string VersionNotFound = "VERSION_NOT_FOUND";
    public const string ModelUnavailable = "MODEL_UNAVAILABLE";
    public const string InvalidTensor = "INVALID_TENSOR";
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";
    public const string MalformedMessage = "MALFORMED_MESSAGE";
    public const string AuditBacklog = "AUDIT_BACKLOG";
    public const string ShardUnavailable = "SHARD_UNAVAILABLE";
    /// <summary>A tenant with limits ran out of the quota this gateway holds and its tenant grain did not answer a lease in time (storage or silos unreachable).</summary>
    public const string QuotaUnavailable = "QUOTA_UNAVAILABLE";
    public const string DeadlineExceeded = "DEADLINE_EXCEEDED";
    public const string Cancelled = "CANCELLED";
}
