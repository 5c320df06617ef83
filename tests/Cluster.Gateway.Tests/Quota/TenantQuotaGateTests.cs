using Cluster.Gateway.Metrics;
using Cluster.Gateway.Quota;
using Cluster.Gateway.Serving;
using Cluster.Grains.Quota;

namespace Cluster.Gateway.Tests.Quota;

public sealed class TenantQuotaGateTests
{
    private static readonly TenantMetrics Metrics = new();

    private static TenantQuotaGate Gate(ITenantQuota quota) =>
        new("tenant-a", quota, "gateway-1", new QuotaOptions(), Metrics, TimeProvider.System);

    [Fact]
    public async Task ABurstLargerThanTheLeaseRoundsIsAdmittedWhenTheTenantHasTheSlots()
    {
        // A gateway that handed its idle slots back holds none; a burst of 40 arrives at once.
        var quota = new ManualTenantQuota(concurrency: 1000);
        var gate = Gate(quota);
        var limits = new TenantLimits(0, 0, 1000, 0, 0);

        var burst = Enumerable.Range(0, 40).Select(_ => gate.AdmitAsync(limits, 1).AsTask()).ToArray();
        quota.OpenFirstLease();
        var admissions = await Task.WhenAll(burst).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(40, admissions.Length);
        Assert.True(quota.Requests.Count <= 3, $"{quota.Requests.Count} leases for one burst: slots were leased one round at a time.");
        foreach (var admission in admissions) admission.Dispose();
    }

    [Fact]
    public async Task ABurstBeyondTheTenantsConcurrencyIsRefusedOnlyForTheExcess()
    {
        var quota = new ManualTenantQuota(concurrency: 5);
        var gate = Gate(quota);
        var limits = new TenantLimits(0, 0, 5, 0, 0);

        var burst = Enumerable.Range(0, 12).Select(_ => gate.AdmitAsync(limits, 1).AsTask()).ToArray();
        quota.OpenFirstLease();
        await Task.WhenAny(Task.WhenAll(burst), Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.All(burst, t => Assert.True(t.IsCompleted));
        Assert.Equal(5, burst.Count(t => t.IsCompletedSuccessfully));
        var refusals = burst.Where(t => t.IsFaulted).Select(t => Assert.IsType<ServingException>(t.Exception!.InnerException)).ToArray();
        Assert.Equal(7, refusals.Length);
        Assert.All(refusals, r => Assert.Equal(QuotaErrors.ConcurrencyLimited, r.Reason));
    }

    [Fact]
    public async Task ASlotReleasedByAnAdmittedRequestAdmitsTheNextWithoutALease()
    {
        var quota = new ManualTenantQuota(concurrency: 1);
        var gate = Gate(quota);
        var limits = new TenantLimits(0, 0, 1, 0, 0);
        quota.OpenFirstLease();

        using (await gate.AdmitAsync(limits, 1)) { }
        var leases = quota.Requests.Count;
        using (await gate.AdmitAsync(limits, 1)) { }

        Assert.Equal(leases, quota.Requests.Count);
    }

    [Fact]
    public async Task ATenantThatGetsAConcurrencyLimitAfterARateLimitIsNotLockedOut()
    {
        var quota = new ManualTenantQuota(concurrency: 5);
        var gate = Gate(quota);
        quota.OpenFirstLease();
        var rateOnly = new TenantLimits(100, 100, 0, 0, 0);
        for (var i = 0; i < 20; i++)
        {
            using (await gate.AdmitAsync(rateOnly, 1)) { }
        }

        var withConcurrency = new TenantLimits(100, 100, 5, 0, 0);
        var admitted = new List<Admission>();
        for (var i = 0; i < 5; i++) admitted.Add(await gate.AdmitAsync(withConcurrency, 1));

        Assert.Equal(5, admitted.Count);
        foreach (var a in admitted) a.Dispose();
    }

    [Fact]
    public async Task ALeaseForSlotsAloneAsksForNoUnitsWhileTheGatewayHoldsEnough()
    {
        // Leased units are durable (the tenant grain writes its record): a slot lease must not top
        // them up by a few units each time, or every slot lease becomes a storage write.
        var quota = new ManualTenantQuota(concurrency: 100);
        var gate = Gate(quota);
        var limits = new TenantLimits(0, 0, 100, 10_000_000, 0);
        quota.OpenFirstLease();
        var first = await gate.AdmitAsync(limits, 1);
        Assert.True(quota.Requests[0].Units > 0);

        var held = new List<Admission> { first };
        for (var i = 0; i < 10; i++) held.Add(await gate.AdmitAsync(limits, 1));

        Assert.True(quota.Requests.Count > 1, "the test needs further leases for slots");
        Assert.All(quota.Requests.Skip(1), r => Assert.Equal(0, r.Units));
        Assert.All(quota.Requests.Skip(1), r => Assert.True(r.Slots > 0));
        foreach (var a in held) a.Dispose();
    }
}
