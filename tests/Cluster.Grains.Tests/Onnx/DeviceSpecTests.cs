using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;

namespace Cluster.Grains.Tests.Onnx;

public sealed class DeviceSpecTests
{
    [Theory]
    [InlineData("cpu", DeviceKind.Cpu, 0)]
    [InlineData("auto", DeviceKind.Auto, 0)]
    [InlineData("cuda:0", DeviceKind.Cuda, 0)]
    [InlineData("cuda:7", DeviceKind.Cuda, 7)]
    public void TryParseReadsWhatToStringWrites(string text, DeviceKind kind, int id)
    {
        Assert.True(DeviceSpec.TryParse(text, out var device));

        Assert.Equal(new DeviceSpec(kind, id), device);
        Assert.Equal(text, device.ToString());
    }

    [Theory]
    [InlineData("CPU")]
    [InlineData("gpu")]
    [InlineData("cuda")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:1x")]
    [InlineData("")]
    public void TryParseRefusesOtherText(string text)
    {
        Assert.False(DeviceSpec.TryParse(text, out var device));
        Assert.Equal(default, device);
    }

    [Fact]
    public void AnAutoDeviceOnAnotherGpuSurvivesTheDescriptor()
    {
        var requested = ModelConfigReader.Device(new ModelConfigFile { InstanceGroup = [new InstanceGroupConfig { Kind = "KIND_AUTO", Gpus = [1] }] });

        Assert.True(DeviceSpec.TryParse(requested.ToString(), out var reloaded));

        Assert.Equal((requested.Kind, requested.CudaDevice), (reloaded.Kind, reloaded.CudaDevice));
    }
}
