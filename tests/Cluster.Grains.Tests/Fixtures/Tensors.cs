using System.Runtime.InteropServices;
using System.Text;
using Cluster.Grains.Inference;

namespace Cluster.Grains.Tests.Fixtures;

/// <summary>Builds request tensors and requests.</summary>
public static class Tensors
{
    /// <summary>A value no message may echo; every validator test puts it in its data.</summary>
    public const float Secret = 12345.678f;

    /// <summary>The secret's digits as they would appear if a message printed the data.</summary>
    public const string SecretText = "12345";

    public static InferenceTensor Fp32(string name, long[] shape, int? count = null)
    {
        var n = count ?? (int)Product(shape);
        var values = Enumerable.Repeat(Secret, n).ToArray();
        return new InferenceTensor(name, DataTypes.Fp32, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
    }

    public static InferenceTensor Int32(string name, long[] shape, Func<int, int>? value = null)
    {
        var values = Enumerable.Range(0, (int)Product(shape)).Select(value ?? (_ => 12345)).ToArray();
        return new InferenceTensor(name, DataTypes.Int32, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
    }

    public static InferenceTensor Strings(string name, long[] shape, params string[] elements) =>
        new(name, DataTypes.Bytes, shape, BytesTensor.Join([.. elements.Select(e => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(e))]));

    public static InferenceRequest Request(string model, params InferenceTensor[] inputs) => new(model, 1, inputs, []);

    public static InferenceRequest Request(string model, string[] outputs, params InferenceTensor[] inputs) => new(model, 1, inputs, outputs);

    public static int[] AsInt32(InferenceTensor tensor) => MemoryMarshal.Cast<byte, int>(tensor.Data.Span).ToArray();

    private static long Product(long[] shape) => shape.Aggregate(1L, (a, d) => a * d);
}
