using System.Buffers.Binary;

namespace Cluster.Grains.Inference;

/// <summary>
/// Triton's raw form of a BYTES tensor: each element a 4-byte little-endian length followed by
/// that many bytes, elements back to back in row-major order.
/// </summary>
public static class BytesTensor
{
    /// <summary>Counts the elements of a raw BYTES buffer, or returns null when it is malformed.</summary>
    public static long? CountElements(ReadOnlySpan<byte> data)
    {
        long count = 0;
        while (!data.IsEmpty)
        {
            if (data.Length < 4) return null;
            var length = BinaryPrimitives.ReadUInt32LittleEndian(data);
            if (length > (uint)(data.Length - 4)) return null;
            data = data[(4 + (int)length)..];
            count++;
        }
        return count;
    }

    /// <summary>Splits a well-formed raw BYTES buffer into its elements.</summary>
    public static List<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> data)
    {
        var elements = new List<ReadOnlyMemory<byte>>();
        while (!data.IsEmpty)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.Span);
            elements.Add(data.Slice(4, length));
            data = data[(4 + length)..];
        }
        return elements;
    }

    /// <summary>Joins elements into the raw BYTES form.</summary>
    public static byte[] Join(IReadOnlyList<ReadOnlyMemory<byte>> elements)
    {
        var size = 0;
        foreach (var e in elements) size += 4 + e.Length;
        var buffer = new byte[size];
        var span = buffer.AsSpan();
        foreach (var e in elements)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)e.Length);
            e.Span.CopyTo(span[4..]);
            span = span[(4 + e.Length)..];
        }
        return buffer;
    }
}
