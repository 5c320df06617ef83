using Cluster.Grains.Quota;

namespace Cluster.Gateway.Quota;

/// <summary>Admits a tenant's request against its limits, or refuses it with RESOURCE_EXHAUSTED.</summary>
public interface IAdmissionControl
{
    /// <summary>Admits <paramref name="units"/> units; dispose the result when the request ends (it holds a concurrency slot).</summary>
    ValueTask<Admission> AdmitAsync(string tenantId, TenantLimits limits, long units);
}
