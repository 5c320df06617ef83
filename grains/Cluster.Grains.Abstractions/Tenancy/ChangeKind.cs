namespace Cluster.Grains.Tenancy;

/// <summary>What a <see cref="ChangeNotice"/> names: which of the gateways' caches holds it.</summary>
public enum ChangeKind
{
    /// <summary>An API key (id: the key id): what <see cref="IApiKeyGrain.Resolve"/> answers changed.</summary>
    Key = 1,

    /// <summary>A tenant (id: the tenant id): what <see cref="ITenantGrain.GetAccess"/> answers changed.</summary>
    Tenant = 2,
}
