namespace Cluster.IntegrationTests.Infrastructure;

/// <summary>A bfloat16 test value, kept as its bits (an independent oracle: the tests do not use the product's conversion).</summary>
public readonly record struct BFloat16Sample(ushort Bits)
{
    /// <summary>The upper half of the single's bits: a value bfloat16 holds exactly.</summary>
    public static BFloat16Sample Truncate(float value) => new((ushort)(BitConverter.SingleToUInt32Bits(value) >> 16));

    public float ToSingle() => BitConverter.UInt32BitsToSingle((uint)Bits << 16);
}
