using System.Text.Json;
using Cluster.Grains.Inference;
using Cluster.Grains.Repository;
using Cluster.Grains.Tests.Fixtures;
using Cluster.Onnx;

namespace Cluster.Grains.Tests.Repository;

/// <summary>Loads single versions with real ONNX Runtime; each test writes its own model folder.</summary>
public sealed class ModelVersionLoaderTests(TempRepository repository) : IClassFixture<TempRepository>
{
    private readonly ModelVersionLoader _loader = GrainServices.Loader();

    private ModelVersionDescriptor Load(string model) =>
        _loader.Load(repository.Root, model, ModelConfigReader.Read(repository.ModelFolder(model)), 1);

    private static ModelConfigFile Served(ModelVersionDescriptor version) =>
        JsonSerializer.Deserialize<ModelConfigFile>(version.ConfigJson, ModelConfigReader.JsonOptions)!;

    [Fact]
    public void LoadTurnsTheConfigIntoTheServedContract()
    {
        ModelRepositoryWriter.Write(repository.Root, Configs.Simple("loader-simple") with { InstanceCount = 3 }, TestModels.BuildSimple());

        var version = Load("loader-simple");

        Assert.True(version.IsReady, version.Reason);
        Assert.Equal(("loader-simple", 1L, 8), (version.Name, version.Version, version.MaxBatchSize));
        Assert.Equal(
            [new TensorSpec("INPUT0", DataTypes.Int32, [-1, 16]), new TensorSpec("INPUT1", DataTypes.Int32, [-1, 16])],
            version.Inputs, TensorSpecComparer.Instance);
        Assert.Equal(["OUTPUT0", "OUTPUT1"], version.Outputs.Select(o => o.Name));
        Assert.Equal(3, version.InstanceCount);
        Assert.Equal(100, version.DynamicBatching?.MaxQueueDelayMicroseconds);
        Assert.Equal("cpu", version.LoadedDevice);
    }

    [Fact]
    public void LoadAcceptsAConfigThatListsOnlySomeOutputs()
    {
        ModelRepositoryWriter.Write(
            repository.Root,
            Configs.Simple("loader-output-subset") with { Outputs = [new("OUTPUT1", TritonDataType.Int32, [16])] },
            TestModels.BuildSimple());

        var version = Load("loader-output-subset");

        Assert.True(version.IsReady, version.Reason);
        Assert.Equal(["OUTPUT1"], version.Outputs.Select(o => o.Name));
    }

    [Fact]
    public void LoadAutoCompletesInputsAndOutputsFromTheModel()
    {
        repository.WriteConfig("loader-auto", """{ "name": "loader-auto", "max_batch_size": 8, "instance_group": [ { "kind": "KIND_CPU" } ] }""");
        repository.WriteModel("loader-auto", TestModels.BuildSimple());

        var version = Load("loader-auto");

        Assert.True(version.IsReady, version.Reason);
        Assert.Equal(["INPUT0", "INPUT1"], version.Inputs.Select(i => i.Name).Order());
        Assert.All(version.Inputs.Concat(version.Outputs), t => Assert.Equal((DataTypes.Int32, "[-1,16]"), (t.DataType, t.ShapeText)));
        var served = Served(version);
        Assert.Equal("onnxruntime_onnx", served.Platform);
        Assert.All(served.Input.Concat(served.Output), t => Assert.Equal(("TYPE_INT32", 16L), (t.DataType, Assert.Single(t.Dims))));
        Assert.Equal(1, served.VersionPolicy?.Latest?.NumVersions);
        Assert.Equal("KIND_CPU", Assert.Single(served.InstanceGroup).Kind);
    }

    [Fact]
    public void AutoCompleteKeepsEveryDimensionWhenTheModelDoesNotBatch()
    {
        repository.WriteConfig("loader-auto-unbatched", """{ "instance_group": [ { "kind": "KIND_CPU" } ] }""");
        repository.WriteModel("loader-auto-unbatched", TestModels.BuildIdentity(TritonDataType.Bytes));

        var version = Load("loader-auto-unbatched");

        Assert.True(version.IsReady, version.Reason);
        var input = Assert.Single(version.Inputs);
        Assert.Equal(("INPUT0", DataTypes.Bytes, "[-1,4]"), (input.Name, input.DataType, input.ShapeText));
        var served = Assert.Single(Served(version).Input);
        Assert.Equal("TYPE_STRING", served.DataType);
        Assert.Equal([-1L, 4L], served.Dims);
    }

    [Fact]
    public void AutoCompleteNamesTheServedConfigAfterTheModel()
    {
        repository.WriteConfig("loader-unnamed", """{ "max_batch_size": 8, "instance_group": [ { "kind": "KIND_CPU" } ] }""");
        repository.WriteModel("loader-unnamed", TestModels.BuildIdentity(TritonDataType.Fp32));

        var version = Load("loader-unnamed");

        Assert.True(version.IsReady, version.Reason);
        Assert.Equal("loader-unnamed", Served(version).Name);
    }

    [Fact]
    public void LoadReadsTheFileNamedByDefaultModelFilename()
    {
        repository.WriteConfig("loader-filename", """{ "max_batch_size": 8, "default_model_filename": "identity.onnx", "instance_group": [ { "kind": "KIND_CPU" } ] }""");
        OnnxFile.Save(TestModels.BuildIdentity(TritonDataType.Fp32), Path.Combine(repository.ModelFolder("loader-filename"), "1", "identity.onnx"));

        var version = Load("loader-filename");

        Assert.True(version.IsReady, version.Reason);
        Assert.Equal(Path.Combine("loader-filename", "1", "identity.onnx"), version.ArtifactPath);
    }

    [Fact]
    public void AnAutoModelFallsBackToCpuWhenCudaIsMissing()
    {
        ModelRepositoryWriter.Write(repository.Root, Configs.IdentityFp32("loader-auto-device") with { InstanceKind = InstanceKind.Auto }, TestModels.BuildIdentity(TritonDataType.Fp32));

        var version = Load("loader-auto-device");

        Assert.True(version.IsReady, version.Reason);
        Assert.Equal("auto", version.Device);
        Assert.Equal(Cuda.AutoDevice, version.LoadedDevice);
    }
}
