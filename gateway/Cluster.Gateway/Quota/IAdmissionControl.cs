using Cluster.Grains.Quota;

namespace Cluster.Gateway.Quota;

/// <summary>
/// Admits a tenant's request against its limits, or refuses it with RESOURCE_EXHAUSTED (over a
/// limit) or UNAVAILABLE <c>QUOTA_UNAVAILABLE</c> (the limit could not be checked in time).
/// </summary>
public interface IAdmissionControl
{
    /// <summary>Admits <paramref name="units"/> units; dispose the result when the request ends (it holds a concurrency slot).</summary>
    ValueTask<Admission> AdmitAsync(string tenantId, TenantLimits limits, long units, CancellationToken cancellationToken = default);
}
