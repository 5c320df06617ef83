using System.Security.Cryptography;
using System.Text;
using Cluster.Gateway.Audit;
using Cluster.Grains.Inference;

namespace Cluster.IntegrationTests.Metering;

/// <summary>The audit trail's tensor digest (logic only: no cluster).</summary>
public sealed class TensorDigestTests
{
    /// <summary>The digest as defined: name, a zero byte, datatype, each dimension and the data length (int64 LE), the data; SHA-256 of all tensors in order.</summary>
    private static string Reference(IEnumerable<InferenceTensor> tensors)
    {
        var bytes = new List<byte>();
        foreach (var t in tensors)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(t.Name));
            bytes.Add(0);
            bytes.AddRange(Encoding.UTF8.GetBytes(t.DataType));
            foreach (var d in t.Shape) bytes.AddRange(BitConverter.GetBytes(d));
            bytes.AddRange(BitConverter.GetBytes((long)t.Data.Length));
            bytes.AddRange(t.Data.ToArray());
        }
        return Convert.ToHexStringLower(SHA256.HashData([.. bytes]));
    }

    public static TheoryData<int> DataSizes => new() { 0, 120, 64 * 1024, 3 * 64 * 1024 + 7 };

    [Theory]
    [MemberData(nameof(DataSizes))]
    public void TheDigestIsTheSha256OfTheDefinedLayoutWhateverTheSize(int size)
    {
        var tensors = new[]
        {
            new InferenceTensor("input__0", "FP32", [1, size / 4], RandomNumberGenerator.GetBytes(size)),
            new InferenceTensor("mask-ü", "BOOL", [2, 3], new byte[] { 1, 0, 1, 1, 0, 0 }),
        };

        Assert.Equal(Reference(tensors), TensorDigest.Of(tensors));
    }

    [Fact]
    public void ATensorWithAHeaderLargerThanTheStackBufferDigestsAsDefined()
    {
        var tensors = new[]
        {
            new InferenceTensor(new string('n', 700), "FP32", [.. Enumerable.Repeat(1L, 80)], RandomNumberGenerator.GetBytes(4)),
            new InferenceTensor("second", "INT64", [1], RandomNumberGenerator.GetBytes(8)),
        };

        Assert.Equal(Reference(tensors), TensorDigest.Of(tensors));
    }

    [Fact]
    public void TensorsThatDifferOnlyInShapeOrNameHaveDifferentDigests()
    {
        var data = new byte[24];
        var a = TensorDigest.Of([new InferenceTensor("x", "FP32", [2, 3], data)]);

        Assert.NotEqual(a, TensorDigest.Of([new InferenceTensor("x", "FP32", [3, 2], data)]));
        Assert.NotEqual(a, TensorDigest.Of([new InferenceTensor("y", "FP32", [2, 3], data)]));
        Assert.Equal(a, TensorDigest.Of([new InferenceTensor("x", "FP32", [2, 3], new byte[24])]));
    }
}
