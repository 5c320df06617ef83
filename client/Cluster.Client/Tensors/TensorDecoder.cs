using System.Buffers.Binary;
using Cluster.Protocol;
using Inference;

namespace Cluster.Client.Tensors;

/// <summary>
/// Decodes a tensor's elements, row-major, as CLR values: <see cref="bool"/>, <see cref="byte"/>,
/// <see cref="ushort"/>, <see cref="uint"/>, <see cref="ulong"/>, <see cref="sbyte"/>,
/// <see cref="short"/>, <see cref="int"/>, <see cref="long"/>, <see cref="Half"/>,
/// <see cref="float"/>, <see cref="double"/>, and <see cref="byte"/>[] for BYTES.
/// </summary>
public static class TensorDecoder
{
    /// <summary>Decodes the raw little-endian layout, checking it holds exactly <paramref name="elementCount"/> elements.</summary>
    public static IReadOnlyList<object> DecodeRaw(string datatype, ReadOnlySpan<byte> raw, long elementCount)
    {
        if (datatype == TensorDataTypes.Bytes)
        {
            var elements = BytesTensor.Split(raw);
            if (elements.Count != elementCount)
                throw new TensorFormatException($"holds {elements.Count} BYTES elements; its shape needs {elementCount}");
            return elements;
        }
        var size = TensorDataTypes.ElementSize(datatype)!.Value;
        if (raw.Length != elementCount * size)
            throw new TensorFormatException($"has {raw.Length} bytes; {elementCount} {datatype} elements need {elementCount * size}");
        var values = new object[elementCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Read(datatype, raw.Slice(i * size, size));
        }
        return values;
    }

    /// <summary>Decodes the typed <c>contents</c> field that servers may send instead of raw bytes.</summary>
    public static IReadOnlyList<object> DecodeContents(string datatype, InferTensorContents contents, long elementCount)
    {
        IReadOnlyList<object> values = datatype switch
        {
            TensorDataTypes.Bool => contents.BoolContents.Select(v => (object)v).ToList(),
            TensorDataTypes.UInt8 => contents.UintContents.Select(v => (object)(byte)v).ToList(),
            TensorDataTypes.UInt16 => contents.UintContents.Select(v => (object)(ushort)v).ToList(),
            TensorDataTypes.UInt32 => contents.UintContents.Select(v => (object)v).ToList(),
            TensorDataTypes.UInt64 => contents.Uint64Contents.Select(v => (object)v).ToList(),
            TensorDataTypes.Int8 => contents.IntContents.Select(v => (object)(sbyte)v).ToList(),
            TensorDataTypes.Int16 => contents.IntContents.Select(v => (object)(short)v).ToList(),
            TensorDataTypes.Int32 => contents.IntContents.Select(v => (object)v).ToList(),
            TensorDataTypes.Int64 => contents.Int64Contents.Select(v => (object)v).ToList(),
            TensorDataTypes.Fp16 => contents.Fp32Contents.Select(v => (object)(Half)v).ToList(),
            TensorDataTypes.Bf16 => contents.Fp32Contents.Select(v => (object)v).ToList(),
            TensorDataTypes.Fp32 => contents.Fp32Contents.Select(v => (object)v).ToList(),
            TensorDataTypes.Fp64 => contents.Fp64Contents.Select(v => (object)v).ToList(),
            TensorDataTypes.Bytes => contents.BytesContents.Select(v => (object)v.ToByteArray()).ToList(),
            _ => throw new TensorFormatException($"unknown datatype '{datatype}'"),
        };
        if (values.Count != elementCount)
            throw new TensorFormatException($"holds {values.Count} {datatype} elements; its shape needs {elementCount}");
        return values;
    }

    private static object Read(string datatype, ReadOnlySpan<byte> b) => datatype switch
    {
        TensorDataTypes.Bool => b[0] != 0,
        TensorDataTypes.UInt8 => b[0],
        TensorDataTypes.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(b),
        TensorDataTypes.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(b),
        TensorDataTypes.UInt64 => BinaryPrimitives.ReadUInt64LittleEndian(b),
        TensorDataTypes.Int8 => (sbyte)b[0],
        TensorDataTypes.Int16 => BinaryPrimitives.ReadInt16LittleEndian(b),
        TensorDataTypes.Int32 => BinaryPrimitives.ReadInt32LittleEndian(b),
        TensorDataTypes.Int64 => BinaryPrimitives.ReadInt64LittleEndian(b),
        TensorDataTypes.Fp16 => BinaryPrimitives.ReadHalfLittleEndian(b),
        TensorDataTypes.Fp32 => BinaryPrimitives.ReadSingleLittleEndian(b),
        TensorDataTypes.Fp64 => BinaryPrimitives.ReadDoubleLittleEndian(b),
        TensorDataTypes.Bf16 => BFloat16Bits.ToSingle(BinaryPrimitives.ReadUInt16LittleEndian(b)),
        _ => throw new TensorFormatException($"unknown datatype '{datatype}'"),
    };
}
