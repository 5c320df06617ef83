using Cluster.Gateway.Serving;

namespace Cluster.Gateway.Security;

/// <summary>The authentication and authorization errors, with their stable reasons.</summary>
public static class SecurityErrors
{
    public const string InvalidCredential = "INVALID_CREDENTIAL";
    public const string OperatorCredential = "OPERATOR_CREDENTIAL";
    public const string OperatorOnly = "OPERATOR_ONLY";
    public const string OtherTenant = "OTHER_TENANT";
    public const string AuthenticationThrottled = "AUTHENTICATION_THROTTLED";

    /// <summary>One message for a missing, malformed, unknown, revoked or expired key: no hint which.</summary>
    public static ServingException Unauthenticated() => new(ServingCode.Unauthenticated, InvalidCredential,
        "missing, malformed, unknown, revoked or expired API key; send 'authorization: Bearer <key>'.");

    public static ServingException OperatorOnInferencePlane() => new(ServingCode.PermissionDenied, OperatorCredential,
        "operator credentials cannot call the inference data plane as a tenant; use a tenant key.");

    public static ServingException RequiresOperator() => new(ServingCode.PermissionDenied, OperatorOnly,
        "this call needs an operator key.");

    /// <summary>A source that failed to authenticate too often is refused before its credential is looked up.</summary>
    public static ServingException TooManyFailedAuthentications(TimeSpan retryAfter) => new(ServingCode.ResourceExhausted, AuthenticationThrottled,
        $"too many failed authentications from this address; retry after {Math.Ceiling(retryAfter.TotalSeconds):0} s.",
        new QuotaRefusal("failed-authentications", "source", retryAfter, null));

    /// <summary>The key store could not be reached to check a credential.</summary>
    public static ServingException CredentialCheckUnavailable() => new(ServingCode.Unavailable, "CREDENTIAL_CHECK_UNAVAILABLE",
        "the cluster could not check the credential right now; retry.");

    public static ServingException NotYourTenant() => new(ServingCode.PermissionDenied, OtherTenant,
        "a tenant key may read only its own tenant.");
}
