using Cluster.Grains.Inference;
using Cluster.Grains.Onnx;
using Cluster.Grains.Placement;
using Cluster.Grains.Tests.Fixtures;

namespace Cluster.Grains.Tests.Placement;

public sealed class DevicePlacementChooserTests
{
    private static readonly DeviceRequirement s_gpu = new(DeviceKind.Cuda, []);
    private static readonly DeviceRequirement s_auto = new(DeviceKind.Auto, []);
    private static ShardKey Shard(int replica) => new("m", 1, replica);

    [Fact]
    public void GpuModelLandsNowhereWhenNoSiloAnnouncesCuda()
    {
        SiloDevices[] view = [Silos.Silo(1, Silos.Cpu()), Silos.Silo(2, Silos.Cpu())];

        Assert.Null(DevicePlacementChooser.Choose(s_gpu, Shard(0), view));
        Assert.Equal("no silo in the cluster announces one (2 silo(s) announce cpu)", DevicePlacementChooser.Explain(s_gpu, view));
    }

    [Fact]
    public void GpuModelLandsOnlyOnASiloAnnouncingCuda()
    {
        SiloDevices[] view = [Silos.Silo(1, Silos.Cpu(64)), Silos.Silo(2, Silos.Cpu(), Silos.Cuda(0)), Silos.Silo(3, Silos.Cpu(64))];

        var choice = DevicePlacementChooser.Choose(s_gpu, Shard(0), view);

        Assert.Equal(new PlacementChoice(Silos.Address(2), "cuda:0"), choice);
    }

    [Fact]
    public void CpuModelGoesToTheSiloWithTheMostFreeSlots()
    {
        SiloDevices[] view = [Silos.Silo(1, Silos.Cpu(8, "x/1/0")), Silos.Silo(2, Silos.Cpu(8)), Silos.Silo(3, Silos.Cpu(4))];

        Assert.Equal(Silos.Address(2), DevicePlacementChooser.Choose(DeviceRequirement.Cpu, Shard(0), view)!.Silo);
    }

    [Fact]
    public void CpuModelNeverLandsOnASiloThatAnnouncesNoCpu()
    {
        SiloDevices[] view = [Silos.Silo(1, Silos.Cuda(0)), Silos.Silo(2, Silos.Cpu(1))];

        Assert.Equal(new PlacementChoice(Silos.Address(2), "cpu"), DevicePlacementChooser.Choose(DeviceRequirement.Cpu, Shard(0), view));
    }

    [Fact]
    public void ReplicasOfOneVersionSpreadAcrossSilosBeforeSharingOne()
    {
        SiloDevices[] view = [Silos.Silo(1, Silos.Cpu(16)), Silos.Silo(2, Silos.Cpu(8)), Silos.Silo(3, Silos.Cpu(4))];
        var silos = new List<SiloAddress>();
        for (var r = 0; r < 4; r++)
        {
            var choice = DevicePlacementChooser.Choose(DeviceRequirement.Cpu, Shard(r), view)!;
            silos.Add(choice.Silo);
            view = view.With(choice, Shard(r).ToString());
        }

        Assert.Equal([Silos.Address(1), Silos.Address(2), Silos.Address(3), Silos.Address(1)], silos);
    }

    [Fact]
    public void ReplicasSpreadEvenWhenTheViewMissesTheOthersPlacements()
    {
        // Three silos deciding at once, none seeing the others' choices yet.
        SiloDevices[] view = [Silos.Silo(1, Silos.Cpu(16)), Silos.Silo(2, Silos.Cpu(8)), Silos.Silo(3, Silos.Cpu(8))];

        var silos = Enumerable.Range(0, 3).Select(r => DevicePlacementChooser.Choose(DeviceRequirement.Cpu, Shard(r), view)!.Silo).ToArray();

        Assert.Equal(3, silos.Distinct().Count());
    }

    [Fact]
    public void ReplicasSpreadAcrossTheDevicesOfOneSilo()
    {
        SiloDevices[] view = [Silos.Silo(1, Silos.Cuda(0), Silos.Cuda(1))];
        var devices = new List<string>();
        for (var r = 0; r < 2; r++)
        {
            var choice = DevicePlacementChooser.Choose(s_gpu, Shard(r), view)!;
            devices.Add(choice.Device);
            view = view.With(choice, Shard(r).ToString());
        }

        Assert.Equal(["cuda:0", "cuda:1"], devices.Order());
    }

    [Fact]
    public void OtherModelsReplicasDoNotCountAsThisModels()
    {
        SiloDevices[] view = [Silos.Silo(1, Silos.Cpu(8, "other/1/0")), Silos.Silo(2, Silos.Cpu(8, "m/1/0"))];

        Assert.Equal(Silos.Address(1), DevicePlacementChooser.Choose(DeviceRequirement.Cpu, Shard(1), view)!.Silo);
    }

    [Fact]
    public void FullDevicesAreSkipped()
    {
        SiloDevices[] view = [Silos.Silo(1, Silos.Cuda(0, slots: 1, allocations: "x/1/0")), Silos.Silo(2, Silos.Cuda(0, slots: 1))];

        Assert.Equal(Silos.Address(2), DevicePlacementChooser.Choose(s_gpu, Shard(0), view)!.Silo);
    }

    [Fact]
    public void GpuModelFindsNoPlaceWhenEveryCudaSlotIsTaken()
    {
        SiloDevices[] view = [Silos.Silo(1, Silos.Cpu(), Silos.Cuda(0, slots: 1, allocations: "x/1/0"))];

        Assert.Null(DevicePlacementChooser.Choose(s_gpu, Shard(0), view));
        Assert.Equal("every slot of the 1 such device(s) in the cluster is taken", DevicePlacementChooser.Explain(s_gpu, view));
    }

    [Fact]
    public void TheDeviceWithMoreFreeMemoryWinsAmongEqualSlots()
    {
        SiloDevices[] view = [Silos.Silo(1, Silos.Cuda(0, freeMib: 1_000), Silos.Cuda(1, freeMib: 9_000))];

        Assert.Equal("cuda:1", DevicePlacementChooser.Choose(s_gpu, Shard(0), view)!.Device);
    }

    [Fact]
    public void GpusListRestrictsTheCudaDevices()
    {
        SiloDevices[] view = [Silos.Silo(1, Silos.Cuda(0)), Silos.Silo(2, Silos.Cuda(0), Silos.Cuda(3, slots: 1))];

        Assert.Equal(new PlacementChoice(Silos.Address(2), "cuda:3"), DevicePlacementChooser.Choose(new DeviceRequirement(DeviceKind.Cuda, [3]), Shard(0), view));
    }

    [Fact]
    public void AutoModelPrefersAFreeCudaSlotAndOtherwiseTakesCpu()
    {
        SiloDevices[] withGpu = [Silos.Silo(1, Silos.Cpu(64)), Silos.Silo(2, Silos.Cpu(), Silos.Cuda(0, slots: 1))];
        SiloDevices[] gpuFull = [Silos.Silo(1, Silos.Cpu(64)), Silos.Silo(2, Silos.Cpu(), Silos.Cuda(0, slots: 1, allocations: "x/1/0"))];

        Assert.Equal(new PlacementChoice(Silos.Address(2), "cuda:0"), DevicePlacementChooser.Choose(s_auto, Shard(0), withGpu));
        Assert.Equal(new PlacementChoice(Silos.Address(1), "cpu"), DevicePlacementChooser.Choose(s_auto, Shard(0), gpuFull));
    }

    [Fact]
    public void TheExplanationPointsElsewhereWhenAnotherSiloHasAFreeSlot()
    {
        SiloDevices[] view = [Silos.Silo(1, Silos.Cpu()), Silos.Silo(2, Silos.Cuda(0))];

        Assert.Equal("another silo has a free slot; the next call is placed again", DevicePlacementChooser.Explain(s_gpu, view));
    }

    [Fact]
    public void NoAnnouncementsMeansNoChoice()
    {
        Assert.Null(DevicePlacementChooser.Choose(DeviceRequirement.Cpu, Shard(0), []));
        Assert.Equal("no silo has announced its devices yet", DevicePlacementChooser.Explain(DeviceRequirement.Cpu, []));
    }
}
