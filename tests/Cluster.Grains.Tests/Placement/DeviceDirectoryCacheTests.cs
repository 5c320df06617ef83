using Cluster.Grains.Inference;
using Cluster.Grains.Placement;
using Cluster.Grains.Tests.Fixtures;

namespace Cluster.Grains.Tests.Placement;

public sealed class DeviceDirectoryCacheTests
{
    private static readonly DateTime s_start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void APlacementShowsInTheViewUntilTheChosenSiloAnnouncesAgain()
    {
        var clock = new FixedClock(s_start);
        var cache = new DeviceDirectoryCache(clock);
        cache.Update([Silos.Silo(1, Silos.Cpu()) with { ReceivedAt = s_start }]);

        clock.Now = s_start.AddSeconds(1);
        cache.NotePlacement(Silos.Address(1), "cpu", new ShardKey("m", 1, 0));
        Assert.Equal(["m/1/0"], cache.View().Single().Devices.Single().Allocations);

        clock.Now = s_start.AddSeconds(2);
        cache.Update([Silos.Silo(1, Silos.Cpu()) with { ReceivedAt = s_start.AddSeconds(2) }]);
        Assert.Empty(cache.View().Single().Devices.Single().Allocations);
    }

    [Fact]
    public void APendingPlacementExpires()
    {
        var clock = new FixedClock(s_start);
        var cache = new DeviceDirectoryCache(clock) { PendingLifetime = TimeSpan.FromSeconds(5) };
        cache.Update([Silos.Silo(1, Silos.Cpu()) with { ReceivedAt = s_start }]);
        cache.NotePlacement(Silos.Address(1), "cpu", new ShardKey("m", 1, 0));

        clock.Now = s_start.AddSeconds(6);
        cache.Update([Silos.Silo(1, Silos.Cpu()) with { ReceivedAt = s_start }]);

        Assert.Empty(cache.View().Single().Devices.Single().Allocations);
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public DateTime Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
