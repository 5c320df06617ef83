using Cluster.Grains.Onnx;
using Cluster.Grains.Tests.Fixtures;
using Cluster.Onnx;

namespace Cluster.Grains.Tests.Onnx;

public sealed class OnnxSessionFactoryTests(TempRepository repository) : IClassFixture<TempRepository>
{
    private string IdentityPath()
    {
        var path = repository.ModelPath("identity");
        if (!File.Exists(path)) repository.WriteModel("identity", TestModels.BuildIdentity(TritonDataType.Fp32));
        return path;
    }

    [Fact]
    public void CpuLoadsOnCpu()
    {
        using var loaded = GrainServices.SessionFactory().Load(IdentityPath(), DeviceSpec.Cpu);

        Assert.Equal("cpu", loaded.Device);
        Assert.Equal(["INPUT0"], loaded.Session.InputMetadata.Keys);
    }

    [Fact]
    public void AutoLoadsOnCudaOrFallsBackToCpu()
    {
        var sessions = GrainServices.SessionFactory();

        using var first = sessions.Load(IdentityPath(), new DeviceSpec(DeviceKind.Auto, 0));
        using var second = sessions.Load(IdentityPath(), new DeviceSpec(DeviceKind.Auto, 0));

        Assert.Equal(Cuda.AutoDevice, first.Device);
        Assert.Equal(Cuda.AutoDevice, second.Device);
    }

    [Fact]
    public void AutoWithCudaOptionsLoadsOnCudaOrFallsBackToCpu()
    {
        var cuda = new Cluster.Grains.Repository.CudaProviderSettings { CudnnConvAlgoSearch = "HEURISTIC", UseTf32 = false, ArenaExtendStrategy = "kSameAsRequested" };

        using var loaded = GrainServices.SessionFactory().Load(IdentityPath(), new DeviceSpec(DeviceKind.Auto, 0), cuda);

        Assert.Equal(Cuda.AutoDevice, loaded.Device);
    }

    [Fact]
    public void CudaWithoutCudaFailsEveryTimeWithTheProvidersReason()
    {
        var sessions = GrainServices.SessionFactory();
        if (Cuda.IsAvailable)
        {
            using var loaded = sessions.Load(IdentityPath(), new DeviceSpec(DeviceKind.Cuda, 0));
            Assert.Equal("cuda:0", loaded.Device);
            return;
        }

        var first = Assert.Throws<ModelLoadException>(() => sessions.Load(IdentityPath(), new DeviceSpec(DeviceKind.Cuda, 0)));
        var second = Assert.Throws<ModelLoadException>(() => sessions.Load(IdentityPath(), new DeviceSpec(DeviceKind.Cuda, 0)));

        Assert.StartsWith("model requires CUDA device 0 but the CUDA execution provider did not load: ", first.Message, StringComparison.Ordinal);
        Assert.Equal(first.Message, second.Message);
    }

    [Fact]
    public void AMissingFileIsAModelLoadException()
    {
        var error = Assert.Throws<ModelLoadException>(() =>
            GrainServices.SessionFactory().Load(Path.Combine(repository.Root, "none", "1", "model.onnx"), DeviceSpec.Cpu));

        Assert.StartsWith("ONNX Runtime could not load model.onnx: ", error.Message, StringComparison.Ordinal);
    }
}
