using System.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Cluster.IntegrationTests.Infrastructure;

/// <summary>ONNX Runtime called directly on a model file: the reference the cluster's answers are compared with.</summary>
public static class OrtReference
{
    /// <summary>A tensor in raw form: datatype, shape, raw bytes (BYTES as a string list).</summary>
    public sealed record class Tensor(string Name, string DataType, long[] Shape, byte[] Raw, string[]? Strings = null);

    public static Dictionary<string, Tensor> Run(string modelPath, params Tensor[] inputs)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(modelPath, options);
        var values = inputs.Select(Create).ToArray();
        try
        {
            using var runOptions = new RunOptions();
            var outputNames = session.OutputMetadata.Keys.ToArray();
            using var results = session.Run(runOptions, inputs.Select(i => i.Name).ToArray(), values, outputNames);
            var outputs = new Dictionary<string, Tensor>();
            var i = 0;
            foreach (var value in results)
            {
                var info = value.GetTensorTypeAndShape();
                var name = outputNames[i++];
                outputs[name] = info.ElementDataType == TensorElementType.String
                    ? new Tensor(name, "BYTES", info.Shape, [], value.GetStringTensorAsArray())
                    : new Tensor(name, DataType(info.ElementDataType), info.Shape, value.GetTensorMutableRawData().ToArray());
            }
            return outputs;
        }
        finally
        {
            foreach (var v in values) v.Dispose();
        }
    }

    private static OrtValue Create(Tensor t)
    {
        if (t.DataType == "BYTES")
        {
            var strings = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, t.Shape);
            for (var i = 0; i < t.Strings!.Length; i++) strings.StringTensorSetElementAt(t.Strings[i].AsSpan(), i);
            return strings;
        }
        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, ElementType(t.DataType), t.Shape);
        t.Raw.CopyTo(value.GetTensorMutableRawData());
        return value;
    }

    public static TensorElementType ElementType(string datatype) => datatype switch
    {
        "BOOL" => TensorElementType.Bool,
        "UINT8" => TensorElementType.UInt8,
        "UINT16" => TensorElementType.UInt16,
        "UINT32" => TensorElementType.UInt32,
        "UINT64" => TensorElementType.UInt64,
        "INT8" => TensorElementType.Int8,
        "INT16" => TensorElementType.Int16,
        "INT32" => TensorElementType.Int32,
        "INT64" => TensorElementType.Int64,
        "FP16" => TensorElementType.Float16,
        "FP32" => TensorElementType.Float,
        "FP64" => TensorElementType.Double,
        "BF16" => TensorElementType.BFloat16,
        _ => throw new ArgumentOutOfRangeException(nameof(datatype), datatype, null),
    };

    private static string DataType(TensorElementType type) => type switch
    {
        TensorElementType.Bool => "BOOL",
        TensorElementType.UInt8 => "UINT8",
        TensorElementType.UInt16 => "UINT16",
        TensorElementType.UInt32 => "UINT32",
        TensorElementType.UInt64 => "UINT64",
        TensorElementType.Int8 => "INT8",
        TensorElementType.Int16 => "INT16",
        TensorElementType.Int32 => "INT32",
        TensorElementType.Int64 => "INT64",
        TensorElementType.Float16 => "FP16",
        TensorElementType.Float => "FP32",
        TensorElementType.Double => "FP64",
        TensorElementType.BFloat16 => "BF16",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Triton's raw BYTES form of a list of strings.</summary>
    public static byte[] RawStrings(IEnumerable<string> strings)
    {
        using var stream = new MemoryStream();
        foreach (var s in strings)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            stream.Write(BitConverter.GetBytes((uint)bytes.Length));
            stream.Write(bytes);
        }
        return stream.ToArray();
    }
}
