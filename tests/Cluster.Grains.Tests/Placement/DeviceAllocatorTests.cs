using Cluster.Grains.Devices;
using Cluster.Grains.Inference;
using Cluster.Grains.Onnx;
using Cluster.Grains.Placement;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Tests.Placement;

public sealed class DeviceAllocatorTests
{
    private static readonly DeviceRequirement s_gpu = new(DeviceKind.Cuda, []);

    private static DeviceAllocator Allocator(params string[] devices) => new(
        new DeviceDiscovery(Options.Create(new DeviceOptions { Devices = string.Join(",", devices), CudaDeviceSlots = 2, CpuSlots = 2 }), NullLogger<DeviceDiscovery>.Instance),
        NullLogger<DeviceAllocator>.Instance);

    private static DeviceLease Take(DeviceAllocator allocator, DeviceRequirement need, string model, int replica)
    {
        Assert.True(allocator.TryAllocate(new ShardKey(model, 1, replica), need, out var lease, out var reason), reason);
        return lease;
    }

    [Fact]
    public void EachActivationGetsTheLeastLoadedCudaDevice()
    {
        var allocator = Allocator("cuda:0", "cuda:1");

        var first = Take(allocator, s_gpu, "a", 0);
        var second = Take(allocator, s_gpu, "b", 0);

        Assert.NotEqual(first.Device, second.Device);
        Assert.Equal(DeviceKind.Cuda, first.Spec.Kind);
    }

    [Fact]
    public void ReplicasOfOneVersionGoToDifferentDevices()
    {
        var allocator = Allocator("cuda:0", "cuda:1");
        Take(allocator, s_gpu, "other", 0);

        var devices = new[] { Take(allocator, s_gpu, "m", 0).Device, Take(allocator, s_gpu, "m", 1).Device };

        Assert.Equal(["cuda:0", "cuda:1"], devices.Order());
    }

    [Fact]
    public void AFullSiloRefusesAndSaysWhy()
    {
        var allocator = Allocator("cuda:0");
        Take(allocator, s_gpu, "m", 0);
        Take(allocator, s_gpu, "m", 1);

        Assert.False(allocator.TryAllocate(new ShardKey("m", 1, 2), s_gpu, out _, out var reason));
        Assert.Equal("every slot of cuda:0 on this silo is taken", reason);
    }

    [Fact]
    public void AGpuModelGetsNothingOnACpuOnlySilo()
    {
        var allocator = Allocator("cpu");

        Assert.False(allocator.TryAllocate(new ShardKey("m", 1, 0), s_gpu, out _, out var reason));
        Assert.Equal("this silo has no such device (it has cpu)", reason);
    }

    [Fact]
    public void GivingALeaseBackFreesItsSlotOnce()
    {
        var allocator = Allocator("cuda:0");
        var lease = Take(allocator, s_gpu, "m", 0);
        Take(allocator, s_gpu, "m", 1);

        lease.Dispose();
        lease.Dispose();

        Assert.Equal(["m/1/1"], allocator.Snapshot().Single().Allocations);
        Take(allocator, s_gpu, "m", 2);
    }

    [Fact]
    public void AnAutoModelThatFellBackToCpuHoldsACpuSlot()
    {
        var allocator = Allocator("cpu", "cuda:0");
        var lease = Take(allocator, new DeviceRequirement(DeviceKind.Auto, []), "m", 0);
        Assert.Equal("cuda:0", lease.Device);

        var moved = allocator.Reassign(lease, "cpu");

        Assert.Equal("cpu", moved.Device);
        Assert.Equal(["m/1/0"], allocator.Snapshot().Single(d => d.Name == "cpu").Allocations);
        Assert.Empty(allocator.Snapshot().Single(d => d.Name == "cuda:0").Allocations);
    }

    [Fact]
    public void AnAutoModelThatFellBackToCpuOnASiloWithoutCpuKeepsItsCudaSlot()
    {
        var allocator = Allocator("cuda:0");
        var lease = Take(allocator, new DeviceRequirement(DeviceKind.Auto, []), "m", 0);

        Assert.Same(lease, allocator.Reassign(lease, "cpu"));
        Assert.Equal(["m/1/0"], allocator.Snapshot().Single().Allocations);
    }

    [Fact]
    public void TheSnapshotAnnouncesEveryDeviceWithItsSlots()
    {
        var allocator = Allocator("cpu", "cuda:0=8192");

        var snapshot = allocator.Snapshot();

        Assert.Equal(["cpu", "cuda:0"], snapshot.Select(d => d.Name));
        Assert.Equal(8192L << 20, snapshot[1].TotalMemoryBytes);
        Assert.All(snapshot, d => Assert.Equal(2, d.FreeSlots));
    }
}
