using Cluster.IntegrationTests.Infrastructure;
using Google.Protobuf;
using Inference;

namespace Cluster.IntegrationTests.Embeddings;

/// <summary>Requests for clinical-text-embedder and the vectors it answers.</summary>
public static class EmbeddingRequests
{
    public const int Dimension = 384;
    public const string ExampleSentence = "This is an example sentence";

    /// <summary>The published all-MiniLM-L6-v2 embedding of <see cref="ExampleSentence"/> begins with these.</summary>
    public static readonly float[] PublishedPrefix = [0.0677f, 0.0635f, 0.0487f, 0.0793f];

    /// <summary>Texts as BYTES [n, 1] in raw_input_contents.</summary>
    public static ModelInferRequest Raw(params string[] texts) =>
        Requests.Raw(EmbeddingModels.Embedder, ("TEXT", "BYTES", [texts.Length, 1], OrtReference.RawStrings(texts)));

    /// <summary>Texts as BYTES [n, 1] in the typed bytes_contents field.</summary>
    public static ModelInferRequest Typed(params string[] texts)
    {
        var contents = new InferTensorContents();
        contents.BytesContents.Add(texts.Select(ByteString.CopyFromUtf8));
        var request = new ModelInferRequest { ModelName = EmbeddingModels.Embedder };
        request.Inputs.Add(Requests.Input("TEXT", "BYTES", [texts.Length, 1], contents));
        return request;
    }

    /// <summary>The rows of the response's EMBEDDING output.</summary>
    public static float[][] Rows(ModelInferResponse response)
    {
        var output = Assert.Single(response.Outputs);
        Assert.Equal(("EMBEDDING", "FP32"), (output.Name, output.Datatype));
        var raw = response.RawOutputContents[0].ToByteArray();
        var values = Enumerable.Range(0, raw.Length / 4).Select(i => BitConverter.ToSingle(raw, i * 4)).ToArray();
        Assert.Equal([values.Length / Dimension, Dimension], output.Shape.ToArray());
        return [.. values.Chunk(Dimension)];
    }

    public static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    public static void AssertIsTheExampleEmbedding(float[] embedding)
    {
        Assert.Equal(Dimension, embedding.Length);
        for (var i = 0; i < PublishedPrefix.Length; i++)
            Assert.InRange(embedding[i], PublishedPrefix[i] - 1e-3f, PublishedPrefix[i] + 1e-3f);
        Assert.InRange(Math.Sqrt(Dot(embedding, embedding)), 1 - 1e-5, 1 + 1e-5);
    }
}
