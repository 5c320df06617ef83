using Cluster.Grains.Governance;

namespace Cluster.Grains.Tenancy;

/// <summary>
/// A health system (key: tenant id, <c>[a-z0-9-]{2,63}</c>): display name, state, policy and API
/// keys (hashed). The single writer of its own state; every change is audited.
/// </summary>
[Alias("cluster.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<TenantInfo> Create(string displayName, Actor actor);

    [Alias("Get")]
    Task<TenantInfo> Get();

    [Alias("Suspend")]
    Task<TenantInfo> Suspend(string reason, Actor actor);

    [Alias("Resume")]
    Task<TenantInfo> Resume(Actor actor);

    [Alias("IssueKey")]
    Task<IssuedApiKey> IssueKey(string name, DateTimeOffset? expiresAt, Actor actor);

    [Alias("ListKeys")]
    Task<ApiKeyInfo[]> ListKeys();

    [Alias("RevokeKey")]
    Task<ApiKeyInfo> RevokeKey(string keyId, Actor actor);

    [Alias("GetPolicy")]
    Task<TenantPolicy> GetPolicy();

    /// <param name="expectedRevision">0 for an unconditional change; otherwise the revision the caller read.</param>
    [Alias("SetPolicy")]
    Task<TenantPolicy> SetPolicy(Entitlement[] entitlements, string[] permittedPurposes, string defaultPurpose, Quota.TenantLimits limits, long expectedRevision, Actor actor);

    /// <summary>
    /// State and policy for gateways' caches; <see cref="TenantAccess.Exists"/> is false for an
    /// unknown tenant. Interleaves with the grain's other calls (it only reads): a quota lease
    /// waiting on a storage write (storage paused or slow) must not stall the gateways' governance
    /// refresh, or every call of a tenant with volume limits would wait on it (issue 13).
    /// </summary>
    [Alias("GetAccess")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<TenantAccess> GetAccess();
}
