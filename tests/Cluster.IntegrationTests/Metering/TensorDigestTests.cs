using System.Security.Cryptography;
using System.Text;
using Cluster.Gateway.Audit;
using Cluster.Grains.Inference;

namespace Cluster.IntegrationTests.Metering;

/// <summary>The audit trail's tensor digest (logic only: no cluster).</summary>
public sealed class TensorDigestTests
{
    /// <summary>The digest as defined: name, a zero byte, datatype, each dimension and the data length (int64 LE), the data; SHA-256 of all tensors in order.</summary>
    private static string Reference(IEnumerable<InferenceTensor> tensors) => Convert.ToHexStringLower(SHA256.HashData(Layout(tensors)));

    /// <summary>
    /// As <see cref="AuditDigestMode.Fast"/> writes it for large sets: BLAKE3 over each tensor's
    /// header followed by the BLAKE3 of its bytes.
    /// </summary>
    private static string Blake3Reference(IEnumerable<InferenceTensor> tensors) =>
        "blake3t:" + Blake3.Hasher.Hash(Layout(tensors, data => Blake3.Hasher.Hash(data).AsSpan().ToArray())).ToString();

    private static byte[] Layout(IEnumerable<InferenceTensor> tensors, Func<byte[], byte[]>? ofData = null)
    {
        var bytes = new List<byte>();
        foreach (var t in tensors)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(t.Name));
            bytes.Add(0);
            bytes.AddRange(Encoding.UTF8.GetBytes(t.DataType));
            foreach (var d in t.Shape) bytes.AddRange(BitConverter.GetBytes(d));
            bytes.AddRange(BitConverter.GetBytes((long)t.Data.Length));
            var data = t.Data.ToArray();
            bytes.AddRange(ofData is null ? data : ofData(data));
        }
        return [.. bytes];
    }

    private static InferenceTensor[] Tensors(int size) =>
    [
        new InferenceTensor("input__0", "FP32", [1, size / 4], RandomNumberGenerator.GetBytes(size)),
        new InferenceTensor("mask-ü", "BOOL", [2, 3], new byte[] { 1, 0, 1, 1, 0, 0 }),
    ];

    [Fact]
    public void TheBlake3OfTheLibraryIsTheStandardOne()
    {
        // The BLAKE3 test vectors: the empty input, and the package's published example.
        Assert.Equal("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262", Blake3.Hasher.Hash([]).ToString());
        Assert.Equal("f890484173e516bfd935ef3d22b912dc9738de38743993cfedf2c9473b3216a4", Blake3.Hasher.Hash(Encoding.UTF8.GetBytes("BLAKE3")).ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(120)]
    [InlineData(16 * 1024 - 8)]
    public void FastModeKeepsSha256BelowSixteenKilobytesOfData(int size)
    {
        var tensors = Tensors(size);

        Assert.Equal(Reference(tensors), TensorDigest.Of(tensors, AuditDigestMode.Fast));
    }

    [Theory]
    [InlineData(16 * 1024 - 6)]
    [InlineData(64 * 1024)]
    [InlineData(3 * 64 * 1024 + 7)]
    public void FastModeUsesBlake3FromSixteenKilobytesOfDataNamingIt(int size)
    {
        var tensors = Tensors(size);

        var digest = TensorDigest.Of(tensors, AuditDigestMode.Fast);

        Assert.Equal(Blake3Reference(tensors), digest);
        Assert.Matches("^blake3t:[0-9a-f]{64}$", digest);
    }

    [Fact]
    public void Sha256ModeUsesSha256WhateverTheSize()
    {
        var tensors = Tensors(3 * 64 * 1024);

        Assert.Equal(Reference(tensors), TensorDigest.Of(tensors, AuditDigestMode.Sha256));
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
