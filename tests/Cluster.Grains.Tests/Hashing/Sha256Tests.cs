using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Cluster.Grains.Hashing;

namespace Cluster.Grains.Tests.Hashing;

/// <summary>The audit path's SHA-256 (logic only): the same digests as .NET's on both of its paths.</summary>
public sealed class Sha256Tests
{
    public static TheoryData<int> Sizes => new() { 0, 1, 31, 55, 56, 63, 64, 65, 119, 200, 1000, 64 * 1024 + 3 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void OneCallHashesLikeDotNet(int size)
    {
        var data = RandomNumberGenerator.GetBytes(size);
        var digest = new byte[32];

        Sha256.Hash(data, digest);

        Assert.Equal(SHA256.HashData(data), digest);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), Sha256.HashHex(data));
    }

    /// <summary>Both paths where the libcrypto one is in use (on Linux, see below), the .NET one elsewhere.</summary>
    private static bool[] PathList => Sha256.UsesLibCrypto ? [true, false] : [false];

    public static TheoryData<bool> Paths => new(PathList);

    public static TheoryData<bool, int> PathsAndSizes
    {
        get
        {
            var data = new TheoryData<bool, int>();
            foreach (var path in PathList)
                foreach (var size in new[] { 0, 200, 5000 }) data.Add(path, size);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(PathsAndSizes))]
    public void PiecesAppendedInOrderHashLikeTheWhole(bool libCrypto, int size)
    {
        var data = RandomNumberGenerator.GetBytes(size);
        var random = new Random(size);
        for (var trial = 0; trial < 50; trial++)
        {
            var hasher = Sha256Hasher.Create(libCrypto);
            var at = 0;
            while (at < size)
            {
                var piece = Math.Min(size - at, random.Next(0, 130));
                hasher.Append(data.AsSpan(at, piece));
                at += piece;
            }
            var digest = new byte[32];
            hasher.Finish(digest);
            Assert.Equal(SHA256.HashData(data), digest);
        }
    }

    [Fact]
    public void WhereLibCryptoLoadsItsPathIsUsedUnlessTurnedOff()
    {
        var loads = NativeLibrary.TryLoad("libcrypto.so.3", out var handle);
        if (loads) NativeLibrary.Free(handle);
        var expected = OperatingSystem.IsLinux() && loads && Environment.GetEnvironmentVariable("CLUSTER_SHA256_LIBCRYPTO") != "0";

        Assert.Equal(expected, Sha256.UsesLibCrypto);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void AFinishedHasherRefusesMoreWork(bool libCrypto)
    {
        Assert.Throws<InvalidOperationException>(() => Spent(libCrypto).Append([4]));
        Assert.Throws<InvalidOperationException>(() => Spent(libCrypto).Finish(new byte[32]));

        static Sha256Hasher Spent(bool libCrypto)
        {
            var hasher = Sha256Hasher.Create(libCrypto);
            hasher.Append([1, 2, 3]);
            hasher.Finish(new byte[32]);
            return hasher;
        }
    }

    [Fact]
    public void ADefaultHasherMustBeStartedFirst()
    {
        Assert.Throws<InvalidOperationException>(() => new Sha256Hasher().Append([1]));
    }

    [Fact]
    public void ADigestBufferShorterThan32BytesIsRefused()
    {
        Assert.Throws<ArgumentException>(() => Sha256.Hash([1, 2], new byte[31]));
        Assert.Throws<ArgumentException>(() => Sha256.Begin().Finish(new byte[16]));
    }
}
