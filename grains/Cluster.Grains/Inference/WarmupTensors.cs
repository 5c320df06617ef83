using System.Buffers.Binary;
using Cluster.Protocol;
using Cluster.Grains.Repository;

namespace Cluster.Grains.Inference;

/// <summary>
/// The tensors of a warm-up sample, made on the shard. <c>zero_data</c>: zeros (false, empty
/// strings). <c>random_data</c>, from a fixed seed: floats in [0, 1), integers in [0, 10) (valid
/// token ids and class indices for most models), BOOL 0 or 1, BYTES eight lowercase letters.
/// </summary>
internal static class WarmupTensors
{
    public const int Seed = 20_240_601;
    public const int IntegerRange = 10;

    public static InferenceTensor[] For(WarmupSample sample)
    {
        var random = new Random(Seed);
        return [.. sample.Inputs.Select(input => new InferenceTensor(input.Name, input.DataType, input.Shape, Data(input, random)))];
    }

    private static byte[] Data(WarmupInput input, Random random)
    {
        long count = 1;
        foreach (var d in input.Shape) count *= d;
        var elements = checked((int)count);
        if (input.DataType == DataTypes.Bytes)
        {
            var items = new ReadOnlyMemory<byte>[elements];
            for (var i = 0; i < elements; i++)
                items[i] = input.Random ? Letters(random) : ReadOnlyMemory<byte>.Empty;
            return BytesTensor.Join(items);
        }
        var size = DataTypes.ElementSize(input.DataType);
        var data = new byte[checked(elements * size)];
        if (!input.Random) return data;
        for (var i = 0; i < elements; i++)
        {
            var at = data.AsSpan(i * size, size);
            switch (input.DataType)
            {
                case DataTypes.Fp32: BinaryPrimitives.WriteSingleLittleEndian(at, random.NextSingle()); break;
                case DataTypes.Fp64: BinaryPrimitives.WriteDoubleLittleEndian(at, random.NextDouble()); break;
                case DataTypes.Fp16: BinaryPrimitives.WriteHalfLittleEndian(at, (Half)random.NextSingle()); break;
                case DataTypes.Bf16: BinaryPrimitives.WriteUInt16LittleEndian(at, BFloat16Bits.FromSingle(random.NextSingle())); break;
                case DataTypes.Bool: at[0] = (byte)random.Next(2); break;
                default: WriteInteger(at, random.Next(IntegerRange)); break;
            }
        }
        return data;
    }

    /// <summary>A small non-negative integer, little-endian in the element's width (any integer type).</summary>
    private static void WriteInteger(Span<byte> at, int value)
    {
        at.Clear();
        at[0] = (byte)value;
    }

    private static byte[] Letters(Random random)
    {
        var letters = new byte[8];
        for (var i = 0; i < letters.Length; i++) letters[i] = (byte)('a' + random.Next(26));
        return letters;
    }
}
