using Cluster.Grains.Devices;
using Cluster.Grains.Placement;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Tests.Placement;

public sealed class DeviceDiscoveryTests
{
    [Fact]
    public void NvidiaSmiOutputBecomesCudaDevicesWithTheirMemory()
    {
        var devices = DeviceDiscovery.ParseNvidiaSmi("0, 81559, 1024\n1, 81559 MiB, 81000 MiB\n", slots: 3);

        Assert.Equal(["cuda:0", "cuda:1"], devices.Select(d => d.Name));
        Assert.Equal(81559L << 20, devices[0].TotalMemoryBytes);
        Assert.Equal((81559L - 1024) << 20, devices[0].FreeMemoryBytes);
        Assert.Equal(559L << 20, devices[1].FreeMemoryBytes);
        Assert.All(devices, d => Assert.Equal((DeviceType.Cuda, 3), (d.Type, d.Slots)));
    }

    [Fact]
    public void NvidiaSmiLinesThatDoNotParseAreSkipped()
    {
        var devices = DeviceDiscovery.ParseNvidiaSmi("No devices were found\n2, [N/A], [N/A]\n3, 4096, 0", slots: 1);

        Assert.Equal(["cuda:3"], devices.Select(d => d.Name));
    }

    [Fact]
    public void WithoutNvidiaSmiTheSiloAnnouncesCpuOnly()
    {
        var options = new DeviceOptions { NvidiaSmi = Path.Combine(Path.GetTempPath(), "no-such-nvidia-smi-" + Guid.NewGuid().ToString("N")) };

        var devices = new DeviceDiscovery(Options.Create(options), NullLogger<DeviceDiscovery>.Instance).Discover();

        Assert.Equal([("cpu", DeviceOptions.DefaultCpuSlots)], devices.Select(d => (d.Name, d.Slots)));
    }

    [Fact]
    public void ConfiguredDevicesAreAnnouncedAsListedWithoutAskingNvidiaSmi()
    {
        var options = new DeviceOptions { Devices = "cuda:1=40960, cpu", NvidiaSmi = "/no/such/program", CpuSlots = 3, CudaDeviceSlots = 2 };

        var devices = new DeviceDiscovery(Options.Create(options), NullLogger<DeviceDiscovery>.Instance).Discover();

        Assert.Equal([("cuda:1", 2, 40960L << 20), ("cpu", 3, 0L)], devices.Select(d => (d.Name, d.Slots, d.TotalMemoryBytes)));
    }

    [Theory]
    [InlineData("cpu", true)]
    [InlineData("cuda:0", true)]
    [InlineData("cuda:7=16384", true)]
    [InlineData("gpu", false)]
    [InlineData("cuda:", false)]
    [InlineData("cuda:-1", false)]
    [InlineData("cuda:0=0", false)]
    [InlineData("cuda:0=lots", false)]
    public void ConfiguredDeviceNamesParse(string text, bool valid)
    {
        Assert.Equal(valid, ConfiguredDevice.TryParse(text, out _));
    }
}
