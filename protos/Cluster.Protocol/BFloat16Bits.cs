namespace Cluster.Protocol;

/// <summary>
/// bfloat16 to and from single precision, for the forms that carry numbers as text (REST JSON,
/// the client's typed values): round to nearest even, NaN kept a quiet NaN.
/// </summary>
public static class BFloat16Bits
{
    public static ushort FromSingle(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value)) return (ushort)((bits >> 16) | 0x0040);
        var roundingBias = 0x7FFFu + ((bits >> 16) & 1);
        return (ushort)((bits + roundingBias) >> 16);
    }

    public static float ToSingle(ushort bits) => BitConverter.UInt32BitsToSingle((uint)bits << 16);
}
