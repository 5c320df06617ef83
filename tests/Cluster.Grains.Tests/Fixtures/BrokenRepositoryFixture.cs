using Cluster.Grains.Repository;
using Cluster.Onnx;

namespace Cluster.Grains.Tests.Fixtures;

/// <summary>
/// A repository where most models are broken in one way each, beside two good ones, scanned once
/// with real ONNX Runtime.
/// </summary>
public sealed class BrokenRepositoryFixture : IDisposable
{
    private readonly TempRepository _repository = new();

    public BrokenRepositoryFixture()
    {
        try
        {
            Snapshot = WriteAndScan();
        }
        catch
        {
            _repository.Dispose();
            throw;
        }
    }

    private RepositorySnapshot WriteAndScan()
    {
        var identity = TestModels.BuildIdentity(TritonDataType.Fp32);
        var root = _repository.Root;

        ModelRepositoryWriter.Write(root, Configs.Simple("good-simple"), TestModels.BuildSimple());
        _repository.WriteConfig("good-auto-complete", """{ "max_batch_size": 8, "instance_group": [ { "kind": "KIND_CPU" } ] }""");
        _repository.WriteModel("good-auto-complete", identity);

        var fp32 = Configs.IdentityFp32("x");
        Write(fp32 with { Name = "datatype-mismatch", Inputs = [new("INPUT0", TritonDataType.Int32, [4])] }, identity);
        Write(fp32 with { Name = "rank-mismatch", Inputs = [new("INPUT0", TritonDataType.Fp32, [4, 1])] }, identity);
        Write(fp32 with { Name = "unbatched-rank-mismatch", MaxBatchSize = 0 }, identity);
        Write(fp32 with { Name = "dims-mismatch", Inputs = [new("INPUT0", TritonDataType.Fp32, [5])] }, identity);
        Write(fp32 with { Name = "wrong-input-name", Inputs = [new("INPUT", TritonDataType.Fp32, [4])] }, identity);
        Write(fp32 with { Name = "output-mismatch", Outputs = [new("OUTPUT0", TritonDataType.Fp64, [4])] }, identity);
        Write(Configs.Simple("input-left-out") with { Inputs = [new("INPUT0", TritonDataType.Int32, [16])] }, TestModels.BuildSimple());
        Write(fp32 with { Name = "fixed-batch", MaxBatchSize = 4 }, OddModels.FixedBatchIdentity());
        Write(fp32 with { Name = "gpu-only", InstanceKind = InstanceKind.Gpu }, identity);
        Write(fp32 with { Name = "sequence-output" }, OddModels.SequenceOutput());

        _repository.WriteConfig("missing-onnx", (fp32 with { Name = "missing-onnx" }).ToJson());
        _repository.CreateFolder("missing-onnx", "1");
        _repository.WriteConfig("corrupt-onnx", (fp32 with { Name = "corrupt-onnx" }).ToJson());
        _repository.WriteModelBytes("corrupt-onnx", OddModels.Garbage());

        WriteAutoComplete("auto-fixed-batch", OddModels.FixedBatchIdentity());

        _repository.WriteConfig("bad-config", """{ "name": "bad-config", "max_batch": 4 }""");
        _repository.WriteModel("bad-config", identity);
        _repository.WriteConfig("no-versions", """{ "max_batch_size": 8 }""");
        _repository.CreateFolder("no-versions", "0");
        _repository.CreateFolder("no-versions", "latest");
        _repository.WriteConfig("bad name", "{}");
        _repository.WriteConfig(".hidden", "{}");

        return GrainServices.Scan(root);
    }

    public RepositorySnapshot Snapshot { get; }

    public string Root => _repository.Root;

    public ModelEntry Model(string name) => Snapshot.Find(name) ?? throw new InvalidOperationException($"no model '{name}' in the snapshot.");

    /// <summary>The single version of a model that has one.</summary>
    public ModelVersionDescriptor Version(string name) => Assert.Single(Model(name).Versions);

    private void Write(ModelConfig config, ModelProto model) => ModelRepositoryWriter.Write(_repository.Root, config, model);

    private void WriteAutoComplete(string name, ModelProto model)
    {
        _repository.WriteConfig(name, """{ "max_batch_size": 4, "instance_group": [ { "kind": "KIND_CPU" } ] }""");
        _repository.WriteModel(name, model);
    }

    public void Dispose() => _repository.Dispose();
}
