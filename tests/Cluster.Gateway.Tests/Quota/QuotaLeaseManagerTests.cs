using Cluster.Gateway.Hosting;
using Cluster.Gateway.Metrics;
using Cluster.Gateway.Quota;
using Cluster.Gateway.Tests.Fakes;
using Cluster.Grains.Quota;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Cluster.Gateway.Tests.Quota;

public sealed class QuotaLeaseManagerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    [Fact]
    public async Task IdleSlotsGoBackToTheTenantOnlyOnceTheReleaseIntervalHasPassedOnItsClock()
    {
        // An hour's interval: only the fake clock can make it pass during the test.
        var clock = new FakeTimeProvider();
        var quota = new ManualTenantQuota(concurrency: 5);
        quota.OpenFirstLease();
        var client = GrainsOnlyClusterClient.Create((_, _) => quota);
        var manager = new QuotaLeaseManager(client, new GatewayIdentity(), Options.Create(new QuotaOptions { SlotReleaseInterval = Interval }),
            new TenantMetrics(), clock, NullLogger<QuotaLeaseManager>.Instance);
        await manager.StartAsync(CancellationToken.None);
        try
        {
            using (await manager.AdmitAsync("tenant-a", new TenantLimits(0, 0, 5, 0, 0), 1)) { }
            var leased = quota.SlotsHeld;

            clock.Advance(Interval - TimeSpan.FromSeconds(1));
            await Task.Delay(100);
            Assert.True(leased > 0);
            Assert.Equal(leased, quota.SlotsHeld);

            // The first tick keeps what the last interval's peak used; the next gives that back too.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (quota.SlotsHeld > 0 && DateTime.UtcNow < deadline)
            {
                clock.Advance(Interval);
                await Task.Delay(20);
            }
            Assert.Equal(0, quota.SlotsHeld);
        }
        finally
        {
            await manager.StopAsync(CancellationToken.None);
        }
    }
}
