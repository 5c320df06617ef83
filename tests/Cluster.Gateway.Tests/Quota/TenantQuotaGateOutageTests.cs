using Cluster.Gateway.Metrics;
using Cluster.Gateway.Quota;
using Cluster.Gateway.Serving;
using Cluster.Grains.Quota;
using Microsoft.Extensions.Time.Testing;

namespace Cluster.Gateway.Tests.Quota;

/// <summary>A tenant with volume limits while its tenant grain cannot answer (storage paused, issue 13).</summary>
public sealed class TenantQuotaGateOutageTests
{
    // 10,000 units a day: leases of 1% (100 units); a top-up lease starts below 50.
    private static readonly TenantLimits Daily = new(0, 0, 0, 10_000, 0);

    private static TenantQuotaGate Gate(ITenantQuota quota, TimeProvider time) =>
        new("tenant-a", quota, "gateway-1", new QuotaOptions(), new TenantMetrics(), time);

    [Fact]
    public async Task ItIsServedFromItsLeaseThenRefusedWithQuotaUnavailableAfterTheLeaseWaitThenServedOnceStorageAnswers()
    {
        var clock = new FakeTimeProvider();
        var quota = new StalledTenantQuota();
        var gate = Gate(quota, clock);

        for (var i = 0; i < 100; i++) (await gate.AdmitAsync(Daily, 1)).Dispose();
        Assert.Equal(2, quota.Leases);

        var waiting = gate.AdmitAsync(Daily, 1).AsTask();
        clock.Advance(new QuotaOptions().LeaseWait - TimeSpan.FromMilliseconds(1));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var refusal = await Assert.ThrowsAsync<ServingException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(ServingCode.Unavailable, refusal.Code);
        Assert.Equal(ErrorReasons.QuotaUnavailable, refusal.Reason);
        Assert.Contains("did not run", refusal.Message);
        Assert.Equal(2, quota.Leases);

        quota.Resume();
        (await gate.AdmitAsync(Daily, 1).AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }

    [Fact]
    public async Task ALeaseThatFailsRefusesWithQuotaUnavailableNotAShardOrDeadlineError()
    {
        var quota = new StalledTenantQuota { FailWith = new TimeoutException("Response did not arrive on time in 00:00:30") };
        var gate = Gate(quota, new FakeTimeProvider());
        for (var i = 0; i < 100; i++) (await gate.AdmitAsync(Daily, 1)).Dispose();

        // The top-up lease started at 50 units left failed; the first request short of units leases again, and that fails too.
        var refusal = await Assert.ThrowsAsync<ServingException>(() => gate.AdmitAsync(Daily, 1).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(ErrorReasons.QuotaUnavailable, refusal.Reason);
    }

    [Fact]
    public async Task ACallerThatGivesUpWhileWaitingForALeaseIsCancelledNotRefused()
    {
        var quota = new StalledTenantQuota();
        var gate = Gate(quota, new FakeTimeProvider());
        for (var i = 0; i < 100; i++) (await gate.AdmitAsync(Daily, 1)).Dispose();
        using var deadline = new CancellationTokenSource();

        var waiting = gate.AdmitAsync(Daily, 1, deadline.Token).AsTask();
        deadline.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public void ALeaseWaitOutsideItsRangeIsRefusedNamingTheKey(int seconds)
    {
        var result = new QuotaOptionsValidator().Validate(null, new QuotaOptions { LeaseWait = TimeSpan.FromSeconds(seconds) });

        Assert.Contains(result.Failures!, f => f.StartsWith("Quota:LeaseWait", StringComparison.Ordinal));
    }
}
