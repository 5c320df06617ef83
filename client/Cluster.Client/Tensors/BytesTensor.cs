using System.Buffers.Binary;

namespace Cluster.Client.Tensors;

/// <summary>
/// The raw layout of a BYTES tensor: each element as a 4-byte little-endian length followed by
/// that many bytes, elements back to back.
/// </summary>
public static class BytesTensor
{
    public static byte[] Join(IReadOnlyList<byte[]> elements)
    {
        var size = elements.Sum(e => 4L + e.Length);
        var raw = new byte[size];
        var offset = 0;
        foreach (var element in elements)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(offset, 4), (uint)element.Length);
            element.CopyTo(raw.AsSpan(offset + 4));
            offset += 4 + element.Length;
        }
        return raw;
    }

    public static IReadOnlyList<byte[]> Split(ReadOnlySpan<byte> raw)
    {
        var elements = new List<byte[]>();
        var offset = 0;
        while (offset < raw.Length)
        {
            if (raw.Length - offset < 4)
                throw new TensorFormatException($"BYTES element {elements.Count} has a truncated 4-byte length prefix");
            var length = BinaryPrimitives.ReadUInt32LittleEndian(raw.Slice(offset, 4));
            offset += 4;
            if (length > (uint)(raw.Length - offset))
                throw new TensorFormatException($"BYTES element {elements.Count} claims {length} bytes; only {raw.Length - offset} remain");
            elements.Add(raw.Slice(offset, (int)length).ToArray());
            offset += (int)length;
        }
        return elements;
    }
}
