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
    public static string Of(IReadOnlyList<InferenceTensor> tensors)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
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
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
