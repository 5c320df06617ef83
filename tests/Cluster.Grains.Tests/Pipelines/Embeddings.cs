using System.Runtime.InteropServices;
using System.Text;
using Cluster.Grains.Inference;

namespace Cluster.Grains.Tests.Pipelines;

/// <summary>Requests for clinical-text-embedder and the vectors it answers.</summary>
public static class Embeddings
{
    public const int Dimension = 384;

    public static InferenceRequest Request(params string[] texts) => new(
        MiniLmFixture.Embedder, 1,
        [new InferenceTensor("TEXT", DataTypes.Bytes, [texts.Length, 1], BytesTensor.Join([.. texts.Select(t => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(t))]))],
        []);

    /// <summary>The rows of an EMBEDDING output.</summary>
    public static float[][] Rows(InferenceTensor output)
    {
        var values = MemoryMarshal.Cast<byte, float>(output.Data.Span).ToArray();
        return [.. values.Chunk(Dimension)];
    }

    public static float[] Embed(Cluster.Grains.Inference.IModelRunner runner, string text) =>
        Rows(Assert.Single(runner.Run(Request(text)).Outputs))[0];

    public static double Dot(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += (double)a[i] * b[i];
        return sum;
    }
}
