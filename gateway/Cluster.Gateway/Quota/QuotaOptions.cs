namespace Cluster.Gateway.Quota;

/// <summary>How the gateway leases quota from tenants (configuration section <c>Quota</c>).</summary>
public sealed class QuotaOptions
{
    public const string SectionName = "Quota";

    /// <summary>Rate tokens leased at a time, as seconds of the tenant's rate (at least one token). Default 0.1 s.</summary>
    public double TokenLeaseSeconds { get; set; } = 0.1;

    /// <summary>Units leased at a time, as a fraction of the tenant's smaller volume limit (at least the request's units). Default 1%.</summary>
    public double UnitLeaseFraction { get; set; } = 0.01;

    /// <summary>Most units leased at a time.</summary>
    public long MaxUnitLease { get; set; } = 10_000;

    /// <summary>
    /// Longest a request waits for a lease when this gateway's stock of the tenant's quota ran
    /// out; then it is refused with UNAVAILABLE <c>QUOTA_UNAVAILABLE</c> rather than held until the
    /// client's deadline (the tenant grain may be unreachable: storage or silos down). The lease
    /// itself goes on, and what it brings serves later requests. Default 2 s.
    /// </summary>
    public TimeSpan LeaseWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often concurrency slots idle since the last tick are handed back, and slots still held are
    /// renewed (one grain call per tenant holding slots). Default 3 s: a tenant calling a few times a
    /// second keeps its slot instead of handing it back and leasing it again on its next call; under
    /// 5 s, as tenants take back the slots of a gateway silent for 10 s.
    /// </summary>
    public TimeSpan SlotReleaseInterval { get; set; } = TimeSpan.FromSeconds(3);
}
