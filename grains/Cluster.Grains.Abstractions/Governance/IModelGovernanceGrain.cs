namespace Cluster.Grains.Governance;

/// <summary>
/// Governance of one model (key: model name): lifecycle per version, approvals, model card facts,
/// registered artifact digests. Versions are immutable: a version whose artifact digest differs
/// from the one first registered is refused.
/// </summary>
[Alias("cluster.IModelGovernanceGrain")]
public interface IModelGovernanceGrain : IGrainWithStringKey
{
    [Alias("Register")]
    Task<RegistrationResult> Register(long version, string artifactSha256, ModelCardFacts card, string ownerTenant);

    [Alias("Get")]
    Task<ModelGovernance> Get();

    [Alias("SetLifecycle")]
    Task<VersionGovernance> SetLifecycle(long version, LifecycleState state, DateTimeOffset? sunsetAt, Actor actor);

    /// <param name="tenantId">The tenant to approve for, or null for all tenants.</param>
    [Alias("Approve")]
    Task<VersionGovernance> Approve(long version, string? tenantId, Actor actor);

    [Alias("Withdraw")]
    Task<VersionGovernance> Withdraw(long version, string? tenantId, Actor actor);
}
