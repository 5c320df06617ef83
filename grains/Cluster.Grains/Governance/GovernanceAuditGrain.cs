using Orleans.Concurrency;

namespace Cluster.Grains.Governance;

/// <summary>Reads the governance audit trail for the admin API; stateless, so any silo serves it.</summary>
[StatelessWorker]
public sealed class GovernanceAuditGrain(GovernanceAuditStore store) : Grain, IGovernanceAuditGrain
{
    public Task<GovernanceEvent[]> List(string? tenantId, DateTimeOffset? from, DateTimeOffset? to, int limit) =>
        store.ListAsync(tenantId, from, to, Math.Clamp(limit, 1, 1000));
}
