using Cluster.Grains.Quota;
using Cluster.Grains.Tenancy;

namespace Cluster.Grains.Tests.Quota;

public sealed class QuotaLedgerSlotTests
{
    private static readonly TenantLimits FiveInFlight = new(0, 0, 5, 0, 0);

    private sealed class StepClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static QuotaLease Lease(QuotaLedger ledger, string gateway, int slots) =>
        ledger.Lease(FiveInFlight, new TenantRecord { Exists = true }, new QuotaLeaseRequest(gateway, 0, 0, slots)).Lease;

    [Fact]
    public void TheSlotsOfAGatewayThatFellSilentReturnAfterTheLeaseTtl()
    {
        var clock = new StepClock();
        var ledger = new QuotaLedger(clock);
        Assert.Equal(5, Lease(ledger, "gateway-killed", 5).Slots);
        Assert.Equal(0, Lease(ledger, "gateway-alive", 5).Slots);

        clock.Now += QuotaLedger.SlotLeaseTtl - TimeSpan.FromSeconds(1);
        Assert.Equal(0, Lease(ledger, "gateway-alive", 5).Slots);
        clock.Now += TimeSpan.FromSeconds(1);

        Assert.Equal(5, Lease(ledger, "gateway-alive", 5).Slots);
        Assert.Equal(0, ledger.SlotsHeldBy("gateway-killed"));
    }

    [Fact]
    public void AGatewayThatRenewsKeepsItsSlots()
    {
        var clock = new StepClock();
        var ledger = new QuotaLedger(clock);
        Lease(ledger, "gateway-a", 5);

        for (var i = 0; i < 5; i++)
        {
            clock.Now += TimeSpan.FromSeconds(5);
            ledger.Return(FiveInFlight, new TenantRecord { Exists = true }, "gateway-a", 0, 0, 0, clock.Now); // the renewal
        }

        Assert.Equal(5, ledger.SlotsHeldBy("gateway-a"));
        Assert.Equal(0, Lease(ledger, "gateway-b", 1).Slots);
    }
}
