using Cluster.Grains.Repository;
using Cluster.Grains.Tests.Fixtures;

namespace Cluster.Grains.Tests.Pipelines;

/// <summary>
/// A temporary repository holding the real encoder (its files linked, not copied) and pipelines
/// that must fail to load for a stated reason, scanned once.
/// </summary>
public sealed class PipelineRepositoryFixture : IDisposable
{
    private readonly TempRepository _repository = new();

    public PipelineRepositoryFixture()
    {
        var shipped = Path.Combine(ModelAssets.Repository, MiniLmFixture.Encoder);
        LinkEncoder(shipped, MiniLmFixture.Encoder, withVocab: true);
        LinkEncoder(shipped, "encoder-without-vocab", withVocab: false);
        foreach (var (name, config) in Pipelines)
        {
            _repository.WriteConfig(name, config);
            _repository.CreateFolder(name, "1");
        }
        Snapshot = GrainServices.Scan(_repository.Root);
    }

    /// <summary>Each pipeline's config.json; the tests name the reason each must fail with.</summary>
    public static IReadOnlyDictionary<string, string> Pipelines { get; } = new Dictionary<string, string>
    {
        ["good"] = Config(),
        ["absent-encoder"] = Config(encoder: "no-such-model"),
        ["no-vocab"] = Config(encoder: "encoder-without-vocab"),
        ["missing-version"] = Config(extra: """, "encoder_version": { "string_value": "2" }"""),
        ["wrong-hidden-size"] = Config(dimension: 128),
        ["pipeline-encoder"] = Config(encoder: "good"),
        ["self-encoder"] = Config(encoder: "self-encoder"),
        ["unknown-kind"] = Config(kind: "ensemble"),
    };

    public RepositorySnapshot Snapshot { get; }

    public string Root => _repository.Root;

    public static string Config(string encoder = MiniLmFixture.Encoder, int dimension = 384, string kind = "sentence_embedding", string extra = "") => $$"""
        { "platform": "pipeline", "max_batch_size": 8,
          "input": [ { "name": "TEXT", "data_type": "TYPE_STRING", "dims": [1] } ],
          "output": [ { "name": "EMBEDDING", "data_type": "TYPE_FP32", "dims": [{{dimension}}] } ],
          "instance_group": [ { "kind": "KIND_CPU" } ],
          "parameters": { "pipeline": { "string_value": "{{kind}}" }, "encoder": { "string_value": "{{encoder}}" }{{extra}} } }
        """;

    private void LinkEncoder(string shipped, string name, bool withVocab)
    {
        var folder = _repository.WriteConfig(name, File.ReadAllText(Path.Combine(shipped, "config.json")).Replace(MiniLmFixture.Encoder, name));
        _repository.CreateFolder(name, "1");
        File.CreateSymbolicLink(Path.Combine(folder, "1", "model.onnx"), Path.Combine(shipped, "1", "model.onnx"));
        if (withVocab) File.CreateSymbolicLink(Path.Combine(folder, "vocab.txt"), Path.Combine(shipped, "vocab.txt"));
    }

    public void Dispose() => _repository.Dispose();
}
