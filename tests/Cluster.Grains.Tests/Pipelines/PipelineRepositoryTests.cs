using System.Security.Cryptography;
using System.Text;
using Cluster.Grains.Inference;
using Cluster.Grains.Pipelines;
using Cluster.Grains.Repository;
using Cluster.Grains.Tests.Fixtures;

namespace Cluster.Grains.Tests.Pipelines;

public sealed class PipelineRepositoryTests(PipelineRepositoryFixture repository) : IClassFixture<PipelineRepositoryFixture>
{
    [Fact]
    public void APipelineOverARepositoryEncoderIsReady()
    {
        var version = Ready("good");

        Assert.Equal(PipelineConfig.Platform, version.Platform);
        Assert.Equal([("TEXT", DataTypes.Bytes, "[-1,1]")], version.Inputs.Select(i => (i.Name, i.DataType, i.ShapeText)));
        Assert.Equal([("EMBEDDING", DataTypes.Fp32, "[-1,384]")], version.Outputs.Select(o => (o.Name, o.DataType, o.ShapeText)));
        Assert.Equal(Path.Combine(MiniLmFixture.Encoder, "1", "model.onnx"), version.ArtifactPath);
        Assert.Equal("cpu", version.LoadedDevice);
    }

    [Fact]
    public void ThePipelineDigestIsTheSha256OfItsManifest()
    {
        var version = Ready("good");
        var encoder = Path.Combine(ModelAssets.Repository, MiniLmFixture.Encoder);
        var manifest = $"""
            pipeline sentence_embedding
            encoder minilm-l6-v2 version 1 sha256 {Sha256(Path.Combine(encoder, "1", "model.onnx"))}
            vocab sha256 {Sha256(Path.Combine(encoder, "vocab.txt"))}
            max_sequence_length 128

            """.ReplaceLineEndings("\n");

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest))), version.ArtifactSha256);
        Assert.Equal(new FileInfo(Path.Combine(encoder, "1", "model.onnx")).Length + new FileInfo(Path.Combine(encoder, "vocab.txt")).Length, version.ArtifactBytes);
    }

    [Fact]
    public void TheServedConfigPinsTheEncoderVersionAndSequenceLimit()
    {
        var config = Ready("good").ConfigJson;

        Assert.Contains("\"platform\":\"pipeline\"", config, StringComparison.Ordinal);
        Assert.Contains("\"encoder_version\":{\"string_value\":\"1\"}", config, StringComparison.Ordinal);
        Assert.Contains("\"max_sequence_length\":{\"string_value\":\"128\"}", config, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("absent-encoder", "encoder model 'no-such-model' is not in the repository.")]
    [InlineData("no-vocab", "encoder model 'encoder-without-vocab' has no vocab.txt (in its folder or in version 1); the tokenizer needs it.")]
    [InlineData("missing-version", "encoder model 'minilm-l6-v2' version 2 has no model.onnx.")]
    [InlineData("wrong-hidden-size", "the pipeline's output has dims [128] but encoder model 'minilm-l6-v2' has hidden size 384.")]
    [InlineData("pipeline-encoder", "encoder model 'good' is itself a pipeline; an encoder must be an ONNX model.")]
    [InlineData("self-encoder", "pipeline 'self-encoder' names itself as its encoder.")]
    public void APipelineWhoseEncoderDoesNotFitIsUnavailableWithTheReason(string model, string reason)
    {
        var version = Assert.Single(repository.Snapshot.Find(model)!.Versions);

        Assert.Equal(ModelVersionState.Unavailable, version.State);
        Assert.Equal(reason, version.Reason);
    }

    [Fact]
    public void AnUnknownPipelineKindMakesTheModelUnavailable() =>
        Assert.Equal("pipeline kind 'ensemble' is not served; served kinds: sentence_embedding.", repository.Snapshot.Find("unknown-kind")!.Reason);

    [Fact]
    public void OtherModelsKeepServing() => Assert.True(repository.Snapshot.Find(MiniLmFixture.Encoder)!.LatestReady?.IsReady);

    private ModelVersionDescriptor Ready(string model)
    {
        var entry = repository.Snapshot.Find(model)!;
        var version = Assert.Single(entry.Versions);
        Assert.True(version.IsReady, version.Reason + entry.Reason);
        return version;
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
