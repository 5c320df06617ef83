namespace Cluster.Gateway.Security;

/// <summary>The API-key authentication scheme, its claims and the authorization policies over it.</summary>
public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";

    /// <summary>Claim: <see cref="TenantRole"/> or <see cref="OperatorRole"/>.</summary>
    public const string RoleClaim = "cluster/role";
    public const string TenantClaim = "cluster/tenant";
    public const string KeyClaim = "cluster/key";
    public const string TenantRole = "tenant";
    public const string OperatorRole = "operator";

    /// <summary>Policy: a tenant key (the inference data plane).</summary>
    public const string TenantPolicy = "Tenant";

    /// <summary>Policy: the operator key (statistics over every tenant's traffic).</summary>
    public const string OperatorPolicy = "Operator";
}
