using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;

namespace Cluster.Grains.Tests.Repository;

public sealed class ModelConfigReaderDeviceTests
{
    private static DeviceSpec DeviceOf(params InstanceGroupConfig[] groups) =>
        ModelConfigReader.Device(new ModelConfigFile { InstanceGroup = [.. groups] });

    [Fact]
    public void NoInstanceGroupMeansAutoOnDeviceZero() => Assert.Equal(new DeviceSpec(DeviceKind.Auto, 0), DeviceOf());

    [Fact]
    public void KindAutoMeansAuto() => Assert.Equal(new DeviceSpec(DeviceKind.Auto, 0), DeviceOf(new InstanceGroupConfig()));

    [Fact]
    public void KindAutoKeepsItsGpu() =>
        Assert.Equal(new DeviceSpec(DeviceKind.Auto, 2), DeviceOf(new InstanceGroupConfig { Kind = "KIND_AUTO", Gpus = [2] }));

    [Fact]
    public void KindCpuMeansCpuEvenWithGpusListed()
    {
        Assert.Equal(DeviceSpec.Cpu, DeviceOf(new InstanceGroupConfig { Kind = "KIND_CPU" }));
        Assert.Equal(DeviceSpec.Cpu, DeviceOf(new InstanceGroupConfig { Kind = "KIND_CPU", Gpus = [1] }));
    }

    [Fact]
    public void KindGpuRequiresCudaOnItsGpuOrDeviceZero()
    {
        Assert.Equal("cuda:0", DeviceOf(new InstanceGroupConfig { Kind = "KIND_GPU" }).ToString());
        Assert.Equal("cuda:3", DeviceOf(new InstanceGroupConfig { Kind = "KIND_GPU", Gpus = [3] }).ToString());
    }
}
