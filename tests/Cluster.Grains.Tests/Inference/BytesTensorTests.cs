using System.Text;
using Cluster.Grains.Inference;

namespace Cluster.Grains.Tests.Inference;

public sealed class BytesTensorTests
{
    private static readonly ReadOnlyMemory<byte>[] Elements =
        [Encoding.UTF8.GetBytes("alpha"), Array.Empty<byte>(), Encoding.UTF8.GetBytes("日本語"), new byte[] { 0, 255, 7 }];

    [Fact]
    public void JoinWritesLittleEndianLengthPrefixes()
    {
        var raw = BytesTensor.Join([Encoding.ASCII.GetBytes("ab"), Array.Empty<byte>()]);

        Assert.Equal(new byte[] { 2, 0, 0, 0, (byte)'a', (byte)'b', 0, 0, 0, 0 }, raw);
    }

    [Fact]
    public void SplitReturnsWhatJoinWrote()
    {
        var raw = BytesTensor.Join(Elements);

        var split = BytesTensor.Split(raw);

        Assert.Equal(Elements.Select(e => e.ToArray()), split.Select(e => e.ToArray()));
        Assert.Equal(Elements.Length, BytesTensor.CountElements(raw));
    }

    [Fact]
    public void CountElementsOfAnEmptyBufferIsZero()
    {
        Assert.Equal(0, BytesTensor.CountElements([]));
        Assert.Empty(BytesTensor.Split(Array.Empty<byte>()));
        Assert.Empty(BytesTensor.Join([]));
    }

    [Theory]
    [InlineData(new byte[] { 1 })]
    [InlineData(new byte[] { 0, 0, 0 })]
    [InlineData(new byte[] { 1, 0, 0, 0, 42, 0, 0 })]
    public void CountElementsIsNullForATruncatedLengthPrefix(byte[] raw) => Assert.Null(BytesTensor.CountElements(raw));

    [Theory]
    [InlineData(new byte[] { 1, 0, 0, 0 })]
    [InlineData(new byte[] { 5, 0, 0, 0, 1, 2, 3, 4 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 2, 0, 0, 0, 9 })]
    [InlineData(new byte[] { 255, 255, 255, 255, 1 })]
    [InlineData(new byte[] { 0, 0, 0, 128 })]
    public void CountElementsIsNullForALengthPastTheEnd(byte[] raw) => Assert.Null(BytesTensor.CountElements(raw));
}
