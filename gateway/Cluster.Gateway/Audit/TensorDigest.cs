using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Cluster.Grains.Hashing;
using Cluster.Grains.Inference;

namespace Cluster.Gateway.Audit;

/// <summary>
/// The SHA-256 of a set of tensors: for each, in order, its name (UTF-8), a zero byte, its
/// datatype (UTF-8), each dimension and the data's length (int64 little-endian), and its raw
/// bytes. What the audit trail keeps instead of their contents. Each tensor's header is laid out
/// on the stack and hashed with its data in place (<see cref="Sha256Hasher"/>), no copy of the data.
/// </summary>
public static class TensorDigest
{
    /// <summary>Headers up to this many bytes are laid out on the stack.</summary>
    private const int StackHeaderBytes = 512;

    public static string Of(IReadOnlyList<InferenceTensor> tensors)
    {
        Span<byte> digest = stackalloc byte[Sha256.DigestBytes];
        var hasher = Sha256.Begin();
        Span<byte> stack = stackalloc byte[StackHeaderBytes];
        foreach (var t in tensors)
        {
            var length = Encoding.UTF8.GetByteCount(t.Name) + 1 + Encoding.UTF8.GetByteCount(t.DataType) + 8 * t.Shape.Length + 8;
            var rented = length > StackHeaderBytes ? ArrayPool<byte>.Shared.Rent(length) : null;
            try
            {
                var header = rented is null ? stack : rented;
                var at = Encoding.UTF8.GetBytes(t.Name, header);
                header[at++] = 0;
                at += Encoding.UTF8.GetBytes(t.DataType, header[at..]);
                foreach (var d in t.Shape)
                {
                    BinaryPrimitives.WriteInt64LittleEndian(header[at..], d);
                    at += 8;
                }
                BinaryPrimitives.WriteInt64LittleEndian(header[at..], t.Data.Length);
                hasher.Append(header[..(at + 8)]);
                hasher.Append(t.Data.Span);
            }
            finally
            {
                if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
            }
        }
        hasher.Finish(digest);
        return Convert.ToHexStringLower(digest);
    }
}
