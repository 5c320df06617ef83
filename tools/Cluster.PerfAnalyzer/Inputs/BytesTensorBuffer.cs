using System.Buffers.Binary;
using System.Text;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace Cluster.PerfAnalyzer.Inputs;

/// <summary>
/// A BYTES tensor: UTF-8 strings, sent in Triton's raw layout (each element a 4-byte little-endian
/// length followed by its bytes), and as an ONNX Runtime string tensor for the baseline.
/// </summary>
public sealed class BytesTensorBuffer : TensorBuffer
{
    private readonly string[] _values;

    public BytesTensorBuffer(string[] values)
    {
        _values = values;
        Raw = ByteString.CopyFrom(Encode(values));
    }

    public override ByteString Raw { get; }

    public override int ElementCount => _values.Length;

    /// <summary>Triton's raw BYTES layout of <paramref name="values"/>.</summary>
    public static byte[] Encode(IReadOnlyList<string> values)
    {
        var encoded = values.Select(Encoding.UTF8.GetBytes).ToArray();
        var bytes = new byte[encoded.Sum(e => 4 + e.Length)];
        var offset = 0;
        foreach (var element in encoded)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), element.Length);
            element.CopyTo(bytes, offset + 4);
            offset += 4 + element.Length;
        }

        return bytes;
    }

    public override OrtValue CreateOrtValue(long[] shape) => OrtValue.CreateFromStringTensor(new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<string>(_values, shape.Select(d => (int)d).ToArray()));
}
