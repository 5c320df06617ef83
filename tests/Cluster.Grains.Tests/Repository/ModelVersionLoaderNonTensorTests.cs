using Cluster.Grains.Repository;
using Cluster.Grains.Tests.Fixtures;
using Cluster.Onnx;

namespace Cluster.Grains.Tests.Repository;

/// <summary>A model whose output is a sequence, not a tensor, and whose config leaves the outputs out.</summary>
public sealed class ModelVersionLoaderNonTensorTests
{
    [Fact]
    public void AutoCompleteOfASequenceOutputIsUnavailableWithItsReason()
    {
        using var repository = new TempRepository();
        repository.WriteConfig("sequence", """{ "max_batch_size": 4, "instance_group": [ { "kind": "KIND_CPU" } ] }""");
        repository.WriteModel("sequence", OddModels.SequenceOutput());

        var version = GrainServices.Loader().Load(repository.Root, "sequence", ModelConfigReader.Read(repository.ModelFolder("sequence")), 1);

        Assert.Equal(ModelVersionState.Unavailable, version.State);
        Assert.Equal("the ONNX model's output 'OUTPUT0' is a ONNX_TYPE_SEQUENCE, not a tensor; the protocol carries tensors only.", version.Reason);
    }

    [Fact]
    public void ASequenceOutputModelDoesNotStopTheOthersLoading()
    {
        using var repository = new TempRepository();
        repository.WriteConfig("sequence", """{ "max_batch_size": 4, "instance_group": [ { "kind": "KIND_CPU" } ] }""");
        repository.WriteModel("sequence", OddModels.SequenceOutput());
        ModelRepositoryWriter.Write(repository.Root, Configs.Simple("simple"), TestModels.BuildSimple());

        var snapshot = GrainServices.Scan(repository.Root);

        Assert.True(Assert.Single(snapshot.Find("simple")!.Versions).IsReady);
        Assert.False(Assert.Single(snapshot.Find("sequence")!.Versions).IsReady);
    }
}
