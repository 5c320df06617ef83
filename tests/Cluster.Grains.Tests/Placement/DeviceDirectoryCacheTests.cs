using Cluster.Grains.Inference;
using Cluster.Grains.Placement;
using Cluster.Grains.Tests.Fixtures;

namespace Cluster.Grains.Tests.Placement;

public sealed class DeviceDirectoryCacheTests
{
    private static readonly DateTime s_start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void APlacementShowsInTheViewUntilTheChosenSiloAnnouncesItsAllocation()
    {
        var clock = new FixedClock(s_start);
        var cache = new DeviceDirectoryCache(clock);
        cache.Update([Silos.Silo(1, Silos.Cpu(), Silos.Cuda(0))]);
        cache.NotePlacement(Silos.Address(1), "cpu", new ShardKey("m", 1, 0));
        Assert.Equal(["m/1/0"], cache.View().Single().Devices[0].Allocations);

        clock.Now = s_start.AddSeconds(1);
        cache.Update([Silos.Silo(1, Silos.Cpu(), Silos.Cuda(0))]);
        Assert.Equal(["m/1/0"], cache.View().Single().Devices[0].Allocations);

        // The silo's allocator chose the other device: counted once, where it really is.
        cache.Update([Silos.Silo(1, Silos.Cpu(), Silos.Cuda(0, allocations: "m/1/0"))]);
        Assert.Equal([0, 1], cache.View().Single().Devices.Select(d => d.Allocations.Length));
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
