namespace Cluster.Grains.Governance;

/// <summary>Reads the governance audit trail (stateless; any silo serves it).</summary>
[Alias("cluster.IGovernanceAuditGrain")]
public interface IGovernanceAuditGrain : IGrainWithIntegerKey
{
    /// <param name="tenantId">A tenant's events, or every event when null.</param>
    [Alias("List")]
    Task<GovernanceEvent[]> List(string? tenantId, DateTimeOffset? from, DateTimeOffset? to, int limit);
}
