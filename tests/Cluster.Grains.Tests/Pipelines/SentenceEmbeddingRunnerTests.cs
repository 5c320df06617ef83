using Cluster.Grains.Inference;
using Cluster.Grains.Pipelines;
using Cluster.Grains.Tests.Fixtures;

namespace Cluster.Grains.Tests.Pipelines;

[Collection(MiniLmCollection.Name)]
public sealed class SentenceEmbeddingRunnerTests(MiniLmFixture models)
{
    [Fact]
    public void TheShippedEmbedderIsAReadyPipelineOverMiniLmWithACard()
    {
        var version = models.Version(MiniLmFixture.Embedder);

        Assert.Equal(PipelineConfig.Platform, version.Platform);
        Assert.Equal([("TEXT", DataTypes.Bytes, "[-1,1]")], version.Inputs.Select(i => (i.Name, i.DataType, i.ShapeText)));
        Assert.Equal([("EMBEDDING", DataTypes.Fp32, "[-1,384]")], version.Outputs.Select(o => (o.Name, o.DataType, o.ShapeText)));
        Assert.Equal(Cuda.AutoDevice, version.LoadedDevice);
        Assert.Contains("not clinically validated", version.Card.IntendedUse, StringComparison.Ordinal);
        Assert.Contains("NOT clinically validated", models.Version(MiniLmFixture.Encoder).Card.IntendedUse, StringComparison.Ordinal);
    }

    [Fact]
    public void ExampleSentenceEmbedsToThePublishedVector()
    {
        var embedding = Embeddings.Embed(models.EmbedderRunner, "This is an example sentence");

        Assert.Equal(Embeddings.Dimension, embedding.Length);
        float[] published = [0.0677f, 0.0635f, 0.0487f, 0.0793f];
        for (var i = 0; i < published.Length; i++) Assert.InRange(embedding[i], published[i] - 1e-3f, published[i] + 1e-3f);
        Assert.InRange(Math.Sqrt(Embeddings.Dot(embedding, embedding)), 1 - 1e-5, 1 + 1e-5);
    }

    [Fact]
    public void ParaphrasedClinicalSentencesScoreHigherThanUnrelatedOnes()
    {
        var output = Assert.Single(models.EmbedderRunner.Run(Embeddings.Request(
            "The patient has a fever and a cough.",
            "Patient presents with cough and elevated temperature.",
            "The quarterly invoice is due on Friday.")).Outputs);
        var rows = Embeddings.Rows(output);

        var paraphrase = Embeddings.Dot(rows[0], rows[1]);
        Assert.True(paraphrase > Embeddings.Dot(rows[0], rows[2]), $"paraphrase cosine {paraphrase:F3} is not above the unrelated pair's {Embeddings.Dot(rows[0], rows[2]):F3}");
        Assert.True(paraphrase > Embeddings.Dot(rows[1], rows[2]), $"paraphrase cosine {paraphrase:F3} is not above the unrelated pair's {Embeddings.Dot(rows[1], rows[2]):F3}");
    }

    [Fact]
    public void ABatchOfMixedLengthsEqualsOneByOne()
    {
        string[] texts =
        [
            "Fever.",
            "Chest pain radiating to the left arm, onset two hours ago, with diaphoresis and nausea.",
            "",
            "No known drug allergies.",
        ];
        var output = Assert.Single(models.EmbedderRunner.Run(Embeddings.Request(texts)).Outputs);

        Assert.Equal([texts.Length, Embeddings.Dimension], output.Shape);
        var batched = Embeddings.Rows(output);
        for (var row = 0; row < texts.Length; row++)
        {
            var alone = Embeddings.Embed(models.EmbedderRunner, texts[row]);
            for (var d = 0; d < alone.Length; d++) Assert.InRange(batched[row][d], alone[d] - 1e-5f, alone[d] + 1e-5f);
        }
    }

    [Fact]
    public void ConcurrentRunsAnswerTheSameAsOneRun()
    {
        var expected = Embeddings.Embed(models.EmbedderRunner, "Shortness of breath on exertion.");

        var results = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4)
            .Select(_ => Embeddings.Embed(models.EmbedderRunner, "Shortness of breath on exertion."))
            .ToArray();

        foreach (var result in results) Assert.Equal(expected, result);
    }

    [Fact]
    public void AnswersOnlyTheRequestedEmbeddingOutput()
    {
        var request = Embeddings.Request("Hypertension.") with { RequestedOutputs = ["EMBEDDING"] };
        RequestValidator.Validate(models.Version(MiniLmFixture.Embedder), request);

        var output = Assert.Single(models.EmbedderRunner.Run(request).Outputs);

        Assert.Equal(("EMBEDDING", DataTypes.Fp32), (output.Name, output.DataType));
    }

    [Fact]
    public void InvalidUtf8IsRefusedNamingTheElementNotItsBytes()
    {
        var request = new InferenceRequest(MiniLmFixture.Embedder, 1,
            [new InferenceTensor("TEXT", DataTypes.Bytes, [2, 1], BytesTensor.Join(["12345 ok"u8.ToArray(), new byte[] { 0x31, 0x32, 0xC3, 0x28 }]))], []);

        var error = Assert.Throws<InferenceException>(() => models.EmbedderRunner.Run(request));

        Assert.Equal(InferenceStatus.InvalidArgument, error.Status);
        Assert.Equal("input 'TEXT' element 1 is not valid UTF-8 text.", error.Message);
    }

    [Fact]
    public void TextLongerThanTheSequenceLimitIsTruncatedNotRefused()
    {
        var longText = string.Join(' ', Enumerable.Repeat("bilateral lower extremity edema", 200));
        var truncated = Embeddings.Embed(models.EmbedderRunner, longText);
        var prefix = Embeddings.Embed(models.EmbedderRunner, string.Join(' ', Enumerable.Repeat("bilateral lower extremity edema", 60)));

        // 126 word pieces fit; both texts keep the same first 126, so the embeddings agree.
        Assert.InRange(Embeddings.Dot(truncated, prefix), 0.9999, 1.0001);
    }
}
