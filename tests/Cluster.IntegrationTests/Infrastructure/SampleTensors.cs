using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Inference;

namespace Cluster.IntegrationTests.Infrastructure;

/// <summary>
/// Deterministic sample data for every datatype, in the three forms a client can send it: raw
/// bytes, typed <c>contents</c>, and REST JSON values.
/// </summary>
public sealed class SampleTensors
{
    public SampleTensors(string datatype, int rows, int columns = 4, int seed = 7)
    {
        DataType = datatype;
        Shape = [rows, columns];
        var random = new Random(seed);
        var count = rows * columns;
        Values = Enumerable.Range(0, count).Select(i => Sample(datatype, random, i)).ToArray();
    }

    public string DataType { get; }
    public long[] Shape { get; }

    /// <summary>Each element as a .NET value of the datatype's natural type (bool, sbyte, ..., Half, string).</summary>
    public object[] Values { get; }

    public int ElementSize => DataType switch
    {
        "BOOL" or "UINT8" or "INT8" => 1,
        "UINT16" or "INT16" or "FP16" or "BF16" => 2,
        "UINT32" or "INT32" or "FP32" => 4,
        "BYTES" => 0,
        _ => 8,
    };

    public string[] Strings => Values.Cast<string>().ToArray();

    public byte[] Raw()
    {
        if (DataType == "BYTES") return OrtReference.RawStrings(Strings);
        var bytes = new byte[Values.Length * ElementSize];
        for (var i = 0; i < Values.Length; i++)
        {
            var s = bytes.AsSpan(i * ElementSize, ElementSize);
            switch (Values[i])
            {
                case bool b: s[0] = b ? (byte)1 : (byte)0; break;
                case sbyte v: s[0] = (byte)v; break;
                case byte v: s[0] = v; break;
                case short v: BinaryPrimitives.WriteInt16LittleEndian(s, v); break;
                case ushort v: BinaryPrimitives.WriteUInt16LittleEndian(s, v); break;
                case int v: BinaryPrimitives.WriteInt32LittleEndian(s, v); break;
                case uint v: BinaryPrimitives.WriteUInt32LittleEndian(s, v); break;
                case long v: BinaryPrimitives.WriteInt64LittleEndian(s, v); break;
                case ulong v: BinaryPrimitives.WriteUInt64LittleEndian(s, v); break;
                case Half v: BinaryPrimitives.WriteHalfLittleEndian(s, v); break;
                case BFloat16Sample v: BinaryPrimitives.WriteUInt16LittleEndian(s, v.Bits); break;
                case float v: BinaryPrimitives.WriteSingleLittleEndian(s, v); break;
                case double v: BinaryPrimitives.WriteDoubleLittleEndian(s, v); break;
            }
        }
        return bytes;
    }

    public OrtReference.Tensor Reference(string name) =>
        new(name, DataType, Shape, DataType == "BYTES" ? [] : Raw(), DataType == "BYTES" ? Strings : null);

    /// <summary>The typed contents field for this datatype (FP16 and BF16 have none).</summary>
    public InferTensorContents Typed()
    {
        var c = new InferTensorContents();
        foreach (var v in Values)
        {
            switch (v)
            {
                case bool b: c.BoolContents.Add(b); break;
                case sbyte x: c.IntContents.Add(x); break;
                case short x: c.IntContents.Add(x); break;
                case int x: c.IntContents.Add(x); break;
                case long x: c.Int64Contents.Add(x); break;
                case byte x: c.UintContents.Add(x); break;
                case ushort x: c.UintContents.Add(x); break;
                case uint x: c.UintContents.Add(x); break;
                case ulong x: c.Uint64Contents.Add(x); break;
                case float x: c.Fp32Contents.Add(x); break;
                case double x: c.Fp64Contents.Add(x); break;
                case string x: c.BytesContents.Add(ByteString.CopyFromUtf8(x)); break;
                default: throw new InvalidOperationException($"{DataType} has no typed contents.");
            }
        }
        return c;
    }

    public JsonArray Json() => new(Values.Select(v => v switch
    {
        bool b => JsonValue.Create(b),
        sbyte x => JsonValue.Create(x),
        byte x => JsonValue.Create(x),
        short x => JsonValue.Create(x),
        ushort x => JsonValue.Create(x),
        int x => JsonValue.Create(x),
        uint x => JsonValue.Create(x),
        long x => JsonValue.Create(x),
        ulong x => JsonValue.Create(x),
        Half x => JsonValue.Create((double)x),
        BFloat16Sample x => JsonValue.Create(x.ToSingle()),
        float x => JsonValue.Create(x),
        double x => JsonValue.Create(x),
        string x => JsonValue.Create(x),
        _ => (JsonNode?)null,
    }).ToArray());

    private static object Sample(string datatype, Random r, int i) => datatype switch
    {
        "BOOL" => r.Next(2) == 1,
        "INT8" => (sbyte)r.Next(sbyte.MinValue, sbyte.MaxValue + 1),
        "UINT8" => (byte)r.Next(0, 256),
        "INT16" => (short)r.Next(short.MinValue, short.MaxValue + 1),
        "UINT16" => (ushort)r.Next(0, ushort.MaxValue + 1),
        "INT32" => r.Next(int.MinValue, int.MaxValue),
        "UINT32" => (uint)r.NextInt64(0, uint.MaxValue),
        "INT64" => r.NextInt64(long.MinValue, long.MaxValue),
        "UINT64" => (ulong)r.NextInt64(0, long.MaxValue) * 2,
        "FP16" => (Half)(float)(r.NextDouble() * 100 - 50),
        "BF16" => BFloat16Sample.Truncate((float)(r.NextDouble() * 100 - 50)),
        "FP32" => (float)(r.NextDouble() * 2000 - 1000),
        "FP64" => r.NextDouble() * 2e6 - 1e6,
        "BYTES" => $"note-{i}-{r.Next(1000)} é ✓",
        _ => throw new ArgumentOutOfRangeException(nameof(datatype), datatype, null),
    };
}
