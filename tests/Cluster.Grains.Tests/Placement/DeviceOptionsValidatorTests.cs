using Cluster.Grains.Devices;

namespace Cluster.Grains.Tests.Placement;

public sealed class DeviceOptionsValidatorTests
{
    [Fact]
    public void DefaultDeviceOptionsAreValid()
    {
        Assert.True(new DeviceOptionsValidator().Validate(null, new DeviceOptions()).Succeeded);
    }

    [Fact]
    public void BadDeviceOptionsFailNamingTheKey()
    {
        var options = new DeviceOptions { Devices = "cpu, tpu:0,cpu", CpuSlots = 0, CudaDeviceSlots = -1, DeviceRefreshInterval = TimeSpan.Zero };

        var result = new DeviceOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
            [
                "Silo:Devices entry 'tpu:0' is not 'cpu', 'cuda:N' or 'cuda:N=MEMORY_MIB'.",
                "Silo:Devices names cpu twice.",
                "Silo:CpuSlots must be 1 or more.",
                "Silo:CudaDeviceSlots must be 1 or more.",
                "Silo:DeviceRefreshInterval must be above zero.",
            ],
            result.Failures);
    }
}
