using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Cluster.Grains.Inference;

namespace Cluster.Gateway.Audit;

/// <summary>
/// The SHA-256 of a set of tensors (name, datatype, shape and raw bytes of each, in order): what
/// the audit trail keeps instead of their contents.
/// </summary>
public static class TensorDigest
{
    [ThreadStatic]
    private static IncrementalHash? _hash;

    public static string Of(IReadOnlyList<InferenceTensor> tensors)
    {
        var hash = _hash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        Span<byte> text = stackalloc byte[256];
        foreach (var t in tensors)
        {
            AppendText(hash, t.Name, text);
            hash.AppendData([0]);
            AppendText(hash, t.DataType, text);
            foreach (var d in t.Shape)
            {
                BinaryPrimitives.WriteInt64LittleEndian(number, d);
                hash.AppendData(number);
            }
            BinaryPrimitives.WriteInt64LittleEndian(number, t.Data.LongLength);
            hash.AppendData(number);
            hash.AppendData(t.Data);
        }
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }

    private static void AppendText(IncrementalHash hash, string value, Span<byte> buffer)
    {
        if (Encoding.UTF8.GetMaxByteCount(value.Length) <= buffer.Length)
        {
            var n = Encoding.UTF8.GetBytes(value, buffer);
            hash.AppendData(buffer[..n]);
        }
        else hash.AppendData(Encoding.UTF8.GetBytes(value));
    }
}
