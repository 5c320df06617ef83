namespace Cluster.Gateway.Governance;

/// <summary>Stable google.rpc.ErrorInfo reasons for governance denials.</summary>
public static class AccessReasons
{
    public const string TenantSuspended = "TENANT_SUSPENDED";
    public const string TenantUnknown = "TENANT_UNKNOWN";
    public const string ModelNotEntitled = "MODEL_NOT_ENTITLED";
    public const string PurposeRequired = "PURPOSE_REQUIRED";
    public const string PurposeUnknown = "PURPOSE_UNKNOWN";
    public const string PurposeNotPermitted = "PURPOSE_NOT_PERMITTED";
    public const string LifecycleNotServable = "LIFECYCLE_NOT_SERVABLE";
    public const string ModelNotApproved = "MODEL_NOT_APPROVED";
}
