using System.Buffers.Binary;
using Cluster.Protocol;
using System.Globalization;
using System.Text;

namespace Cluster.Client.Tensors;

/// <summary>
/// Encodes tensor values written as text (invariant culture) into the protocol's raw layout:
/// row-major, little-endian; BOOL one byte (0 or 1); BYTES length-prefixed UTF-8. Errors name the
/// value's index, never the value (tensor contents stay out of messages).
/// </summary>
public static class TensorEncoder
{
    /// <summary>
    /// Encodes <paramref name="values"/> as <paramref name="datatype"/>. BOOL takes
    /// <c>true</c>/<c>false</c>/<c>1</c>/<c>0</c>; integers must fit the type; floats take
    /// <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> but reject finite values out of range.
    /// </summary>
    public static byte[] Encode(string datatype, IReadOnlyList<string> values)
    {
        if (datatype == TensorDataTypes.Bytes)
        {
            return BytesTensor.Join(values.Select(v => Encoding.UTF8.GetBytes(v)).ToList());
        }
        var size = TensorDataTypes.ElementSize(datatype)!.Value;
        var raw = new byte[values.Count * size];
        for (var i = 0; i < values.Count; i++)
        {
            if (!TryWrite(datatype, values[i].Trim(), raw.AsSpan(i * size, size)))
                throw new TensorFormatException($"value at index {i} is not a valid {datatype}");
        }
        return raw;
    }

    private static bool TryWrite(string datatype, string text, Span<byte> dest)
    {
        const NumberStyles integer = NumberStyles.AllowLeadingSign;
        const NumberStyles real = NumberStyles.Float;
        var c = CultureInfo.InvariantCulture;
        switch (datatype)
        {
            case TensorDataTypes.Bool when TryParseBool(text, out var b): dest[0] = b ? (byte)1 : (byte)0; return true;
            case TensorDataTypes.UInt8 when byte.TryParse(text, integer, c, out var u8): dest[0] = u8; return true;
            case TensorDataTypes.UInt16 when ushort.TryParse(text, integer, c, out var u16): BinaryPrimitives.WriteUInt16LittleEndian(dest, u16); return true;
            case TensorDataTypes.UInt32 when uint.TryParse(text, integer, c, out var u32): BinaryPrimitives.WriteUInt32LittleEndian(dest, u32); return true;
            case TensorDataTypes.UInt64 when ulong.TryParse(text, integer, c, out var u64): BinaryPrimitives.WriteUInt64LittleEndian(dest, u64); return true;
            case TensorDataTypes.Int8 when sbyte.TryParse(text, integer, c, out var i8): dest[0] = (byte)i8; return true;
            case TensorDataTypes.Int16 when short.TryParse(text, integer, c, out var i16): BinaryPrimitives.WriteInt16LittleEndian(dest, i16); return true;
            case TensorDataTypes.Int32 when int.TryParse(text, integer, c, out var i32): BinaryPrimitives.WriteInt32LittleEndian(dest, i32); return true;
            case TensorDataTypes.Int64 when long.TryParse(text, integer, c, out var i64): BinaryPrimitives.WriteInt64LittleEndian(dest, i64); return true;
            case TensorDataTypes.Fp16 when Half.TryParse(text, real, c, out var h) && InRange(Half.IsInfinity(h), text):
                BinaryPrimitives.WriteHalfLittleEndian(dest, h); return true;
            case TensorDataTypes.Fp32 when float.TryParse(text, real, c, out var f) && InRange(float.IsInfinity(f), text):
                BinaryPrimitives.WriteSingleLittleEndian(dest, f); return true;
            case TensorDataTypes.Fp64 when double.TryParse(text, real, c, out var d) && InRange(double.IsInfinity(d), text):
                BinaryPrimitives.WriteDoubleLittleEndian(dest, d); return true;
            case TensorDataTypes.Bf16 when float.TryParse(text, real, c, out var bf) && InRange(float.IsInfinity(bf), text):
                BinaryPrimitives.WriteUInt16LittleEndian(dest, BFloat16Bits.FromSingle(bf)); return true;
            default: return false;
        }
    }

    private static bool TryParseBool(string text, out bool value)
    {
        switch (text.ToLowerInvariant())
        {
            case "true" or "1": value = true; return true;
            case "false" or "0": value = false; return true;
            default: value = false; return false;
        }
    }

    // A finite literal that parses to infinity overflowed the type; only infinity literals may.
    private static bool InRange(bool isInfinity, string text) =>
        !isInfinity || text.Contains("inf", StringComparison.OrdinalIgnoreCase) || text.Contains('∞');
}
