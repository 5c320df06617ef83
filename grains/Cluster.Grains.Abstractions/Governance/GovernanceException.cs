namespace Cluster.Grains.Governance;

/// <summary>
/// A refused governance change (unknown tenant, duplicate id, stale revision, ...), thrown by the
/// tenancy and model governance grains and mapped by the gateway to its gRPC status.
/// </summary>
[GenerateSerializer, Alias("cluster.GovernanceException")]
public sealed class GovernanceException : Exception
{
    public GovernanceException(GovernanceError error, string reason, string message) : base(message)
    {
        Error = error;
        Reason = reason;
    }

    /// <summary>The status class.</summary>
    [Id(0)] public GovernanceError Error { get; private set; }

    /// <summary>A stable google.rpc.ErrorInfo reason, e.g. <c>TENANT_NOT_FOUND</c>.</summary>
    [Id(1)] public string Reason { get; private set; }

    public static GovernanceException Invalid(string message) => new(GovernanceError.InvalidArgument, "INVALID_ARGUMENT", message);
}
