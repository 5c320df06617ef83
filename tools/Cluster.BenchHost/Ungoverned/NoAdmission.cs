using Cluster.Gateway.Quota;
using Cluster.Grains.Quota;

namespace Cluster.BenchHost.Ungoverned;

/// <summary>Bench only, never in the product: admits everything without looking at limits.</summary>
public sealed class NoAdmission : IAdmissionControl
{
    public ValueTask<Admission> AdmitAsync(string tenantId, TenantLimits limits, long units, CancellationToken cancellationToken = default) => ValueTask.FromResult(Admission.Unlimited);
}
