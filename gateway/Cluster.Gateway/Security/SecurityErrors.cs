using Cluster.Gateway.Serving;

namespace Cluster.Gateway.Security;

/// <summary>The authentication and authorization errors, with their stable reasons.</summary>
public static class SecurityErrors
{
    public const string InvalidCredential = "INVALID_CREDENTIAL";
    public const string OperatorCredential = "OPERATOR_CREDENTIAL";
    public const string OperatorOnly = "OPERATOR_ONLY";
    public const string OtherTenant = "OTHER_TENANT";

    /// <summary>One message for a missing, malformed, unknown, revoked or expired key: no hint which.</summary>
    public static ServingException Unauthenticated() => new(ServingCode.Unauthenticated, InvalidCredential,
        "missing, malformed, unknown, revoked or expired API key; send 'authorization: Bearer <key>'.");

    public static ServingException OperatorOnInferencePlane() => new(ServingCode.PermissionDenied, OperatorCredential,
        "operator credentials cannot call the inference data plane as a tenant; use a tenant key.");

    public static ServingException RequiresOperator() => new(ServingCode.PermissionDenied, OperatorOnly,
        "this call needs an operator key.");

    public static ServingException NotYourTenant() => new(ServingCode.PermissionDenied, OtherTenant,
        "a tenant key may read only its own tenant.");
}
