using System.Reflection;
using Cluster.Grains.Tenancy;
using Orleans.Concurrency;

namespace Cluster.Grains.Tests.Quota;

public sealed class TenantGrainInterleavingTests
{
    /// <summary>
    /// A lease of units waits on its storage write; with storage paused (resilience suite, outage
    /// phase) the gateways' governance refresh must still be answered, or the tenant's calls wait on
    /// it past their deadline instead of being served from their lease.
    /// </summary>
    [Fact]
    public void GatewaysReadATenantsAccessWhileAQuotaLeaseWaitsOnStorage() =>
        Assert.NotNull(typeof(ITenantGrain).GetMethod(nameof(ITenantGrain.GetAccess))!.GetCustomAttribute<AlwaysInterleaveAttribute>());
}
