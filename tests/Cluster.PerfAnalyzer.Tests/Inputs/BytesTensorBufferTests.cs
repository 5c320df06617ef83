using Cluster.PerfAnalyzer.Inputs;

namespace Cluster.PerfAnalyzer.Tests.Inputs;

public sealed class BytesTensorBufferTests
{
    [Fact]
    public void ElementsAreSentAsLittleEndianLengthsFollowedByUtf8Bytes()
    {
        var raw = BytesTensorBuffer.Encode(["ab", "é"]);
        Assert.Equal(new byte[] { 2, 0, 0, 0, (byte)'a', (byte)'b', 2, 0, 0, 0, 0xC3, 0xA9 }, raw);
    }

    [Fact]
    public void TheBufferCountsItsElements() => Assert.Equal(3, new BytesTensorBuffer(["a", "b", "c"]).ElementCount);
}
