using System.Runtime.InteropServices;
using Cluster.Grains.Inference;
using Cluster.Grains.Pipelines;

namespace Cluster.Grains.Tests.Pipelines;

/// <summary>The raw encoder served as an ordinary ONNX model.</summary>
[Collection(MiniLmCollection.Name)]
public sealed class MiniLmEncoderTests(MiniLmFixture models)
{
    [Fact]
    public void TheShippedConfigServesTheTokenInputsAndLastHiddenStateOnly()
    {
        var version = models.Version(MiniLmFixture.Encoder);

        Assert.Equal(
            [("input_ids", DataTypes.Int64, "[-1,-1]"), ("attention_mask", DataTypes.Int64, "[-1,-1]"), ("token_type_ids", DataTypes.Int64, "[-1,-1]")],
            version.Inputs.Select(i => (i.Name, i.DataType, i.ShapeText)));
        var output = Assert.Single(version.Outputs);
        Assert.Equal(("last_hidden_state", DataTypes.Fp32, "[-1,-1,384]"), (output.Name, output.DataType, output.ShapeText));
        Assert.Equal(32, version.MaxBatchSize);
    }

    [Fact]
    public void TheShippedConfigRunsOneSequencePerRunOnOneIntraOpThread()
    {
        // Measured on CPU (docs/performance.md, issue 11): batches of four cost more per sequence than
        // single runs, and one intra-op thread per run costs less than two with two runs at a time.
        var version = models.Version(MiniLmFixture.Encoder);

        Assert.Null(version.DynamicBatching);
        Assert.Equal(1, version.Threads?.IntraOpThreads);
        Assert.Null(version.Threads?.InterOpThreads);
    }

    [Fact]
    public void OnnxModelRunnerReturnsLastHiddenStateOfShapeOneBySequenceBy384()
    {
        var batch = SentenceTokenizer.Load(Path.Combine(models.Root, MiniLmFixture.Encoder, "vocab.txt"), 128)
            .EncodeBatch(["This is an example sentence"]);
        InferenceTensor Int64(string name, long[] values) =>
            new(name, DataTypes.Int64, batch.Shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
        var request = new InferenceRequest(MiniLmFixture.Encoder, 1,
            [Int64("input_ids", batch.InputIds), Int64("attention_mask", batch.AttentionMask), Int64("token_type_ids", batch.TokenTypeIds)], []);
        RequestValidator.Validate(models.Version(MiniLmFixture.Encoder), request);

        var output = Assert.Single(models.EncoderRunner.Run(request).Outputs);

        Assert.Equal("last_hidden_state", output.Name);
        Assert.Equal([1L, 7, 384], output.Shape);
        // Pooling the raw output by hand gives the pipeline's answer: the pipeline adds nothing else.
        var pooled = MeanPooling.PoolAndNormalize(MemoryMarshal.Cast<byte, float>(output.Data.Span), batch, 384);
        var pipeline = Embeddings.Embed(models.EmbedderRunner, "This is an example sentence");
        for (var d = 0; d < 384; d++) Assert.InRange(pooled[d], pipeline[d] - 1e-6f, pipeline[d] + 1e-6f);
    }
}
