using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Cluster.Grains.Inference;

namespace Cluster.Gateway.Audit;

/// <summary>
/// The SHA-256 of a set of tensors: for each, in order, its name (UTF-8), a zero byte, its
/// datatype (UTF-8), each dimension and the data's length (int64 little-endian), and its raw
/// bytes. What the audit trail keeps instead of their contents. Small sets (most requests) are
/// laid out in one pooled buffer and hashed in one call; larger ones are hashed incrementally.
/// </summary>
public static class TensorDigest
{
    /// <summary>Sets up to this many bytes are hashed in one call.</summary>
    internal const int OneShotBytes = 64 * 1024;

    [ThreadStatic]
    private static IncrementalHash? _hash;

    public static string Of(IReadOnlyList<InferenceTensor> tensors)
    {
        Span<byte> digest = stackalloc byte[32];
        var length = Length(tensors);
        if (length <= OneShotBytes) OneShot(tensors, length, digest);
        else Incremental(tensors, digest);
        return Convert.ToHexStringLower(digest);
    }

    private static long Length(IReadOnlyList<InferenceTensor> tensors)
    {
        long length = 0;
        foreach (var t in tensors)
            length += Encoding.UTF8.GetByteCount(t.Name) + 1 + Encoding.UTF8.GetByteCount(t.DataType) + 8L * t.Shape.Length + 8 + t.Data.LongLength;
        return length;
    }

    private static void OneShot(IReadOnlyList<InferenceTensor> tensors, long length, Span<byte> digest)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            var at = 0;
            foreach (var t in tensors)
            {
                at += Encoding.UTF8.GetBytes(t.Name, buffer.AsSpan(at));
                buffer[at++] = 0;
                at += Encoding.UTF8.GetBytes(t.DataType, buffer.AsSpan(at));
                foreach (var d in t.Shape)
                {
                    BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(at), d);
                    at += 8;
                }
                BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(at), t.Data.LongLength);
                at += 8;
                t.Data.CopyTo(buffer, at);
                at += t.Data.Length;
            }
            SHA256.HashData(buffer.AsSpan(0, at), digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Incremental(IReadOnlyList<InferenceTensor> tensors, Span<byte> digest)
    {
        var hash = _hash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        foreach (var t in tensors)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(t.Name));
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(t.DataType));
            foreach (var d in t.Shape)
            {
                BinaryPrimitives.WriteInt64LittleEndian(number, d);
                hash.AppendData(number);
            }
            BinaryPrimitives.WriteInt64LittleEndian(number, t.Data.LongLength);
            hash.AppendData(number);
            hash.AppendData(t.Data);
        }
        hash.GetHashAndReset(digest);
    }
}
