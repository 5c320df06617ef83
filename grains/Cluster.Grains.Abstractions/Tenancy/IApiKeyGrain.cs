namespace Cluster.Grains.Tenancy;

/// <summary>
/// The key directory entry for one key id (key: the key id): maps a presented key to its tenant.
/// Written only by the owning <see cref="ITenantGrain"/>.
/// </summary>
[Alias("cluster.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Claims this key id for a new key; false when the id is taken.</summary>
    [Alias("Register")]
    Task<bool> Register(ApiKeyRecord record);

    [Alias("Revoke")]
    Task Revoke(DateTimeOffset at);

    /// <summary>The key's record, or null for an unknown key id.</summary>
    [Alias("Resolve")]
    Task<ApiKeyRecord?> Resolve();
}
