using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;
using Cluster.Onnx;
using DataType = Cluster.Onnx.TensorProto.Types.DataType;

namespace Cluster.Grains.Tests.Fixtures;

/// <summary>
/// Two batching models with a variable sequence dimension, for padding tests:
/// <c>ragged-sum</c> (tokens INT64 [batch, seq] -> total = ReduceSum over seq with keepdims
/// [batch, 1], doubled = tokens + tokens [batch, seq]) and <c>ragged-text</c>
/// (text BYTES [batch, seq] -> echo, the identity).
/// </summary>
public sealed class RaggedModelsFixture : IDisposable
{
    public const string Sum = "ragged-sum";
    public const string Text = "ragged-text";

    private readonly TempRepository _repository = new();
    private readonly OnnxSessionFactory _sessions = GrainServices.SessionFactory();
    private readonly Dictionary<string, OnnxModelRunner> _runners = [];

    public RaggedModelsFixture()
    {
        ModelRepositoryWriter.Write(_repository.Root, new ModelConfig
        {
            Name = Sum,
            MaxBatchSize = 8,
            Inputs = [new("tokens", TritonDataType.Int64, [-1])],
            Outputs = [new("total", TritonDataType.Int64, [1]), new("doubled", TritonDataType.Int64, [-1])],
        }, new OnnxGraphBuilder(Sum)
            .Input("tokens", DataType.Int64, TestModels.BatchDim, "seq")
            .Initializer("axes", [1L], 1)
            .Node("ReduceSum", ["tokens", "axes"], ["total"], OnnxAttribute.Int("keepdims", 1))
            .Node("Add", ["tokens", "tokens"], ["doubled"])
            .Output("total", DataType.Int64, TestModels.BatchDim, 1)
            .Output("doubled", DataType.Int64, TestModels.BatchDim, "seq")
            .Build());
        ModelRepositoryWriter.Write(_repository.Root, new ModelConfig
        {
            Name = Text,
            MaxBatchSize = 8,
            Inputs = [new("text", TritonDataType.Bytes, [-1])],
            Outputs = [new("echo", TritonDataType.Bytes, [-1])],
        }, new OnnxGraphBuilder(Text)
            .Input("text", DataType.String, TestModels.BatchDim, "seq")
            .Node("Identity", ["text"], ["echo"])
            .Output("echo", DataType.String, TestModels.BatchDim, "seq")
            .Build());
        Snapshot = GrainServices.Scan(_repository.Root);
    }

    public RepositorySnapshot Snapshot { get; }

    public ModelVersionDescriptor Version(string model) =>
        Snapshot.Find(model)?.LatestReady ?? throw new InvalidOperationException($"model '{model}' is not ready: {Snapshot.Find(model)?.Versions.FirstOrDefault()?.Reason}");

    public OnnxModelRunner Runner(string model)
    {
        lock (_runners)
        {
            if (_runners.TryGetValue(model, out var runner)) return runner;
            var version = Version(model);
            Assert.True(DeviceSpec.TryParse(version.Device, out var device));
            return _runners[model] = new OnnxModelRunner(version, _sessions.Load(Path.Combine(_repository.Root, version.ArtifactPath), device));
        }
    }

    public void Dispose()
    {
        foreach (var runner in _runners.Values) runner.Dispose();
        _repository.Dispose();
    }
}
