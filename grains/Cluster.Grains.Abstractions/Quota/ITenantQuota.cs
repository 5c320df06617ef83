namespace Cluster.Grains.Quota;

/// <summary>
/// A tenant's quota counters, leased to gateways in chunks so admission needs no grain call per
/// request. Implemented by the tenant grain, the single writer of its counters.
/// </summary>
[Alias("cluster.ITenantQuota")]
public interface ITenantQuota : IGrainWithStringKey
{
    [Alias("Lease")]
    Task<QuotaLease> Lease(QuotaLeaseRequest request);

    /// <summary>Gives back what a gateway leased and did not use (units return to the windows they came from).</summary>
    [Alias("Return")]
    Task Return(string gatewayId, int tokens, long units, int slots, DateTimeOffset leasedAt);
}
