using Cluster.PerfAnalyzer.Options;

namespace Cluster.PerfAnalyzer.Tests.Options;

public sealed class PerfOptionsParserBaselineDeviceTests
{
    [Fact]
    public void TheBaselineRunsOnTheCpuUnlessADeviceIsNamed()
    {
        Assert.True(PerfOptionsParser.TryParse(["--model", "m"], out var options, out var error), error);
        Assert.Equal("cpu", options.BaselineDevice);
    }

    [Theory]
    [InlineData("cuda:0", "cuda:0")]
    [InlineData("cuda:3", "cuda:3")]
    [InlineData("cpu", "cpu")]
    public void BaselineDeviceTakesCpuOrACudaDeviceNumber(string value, string expected)
    {
        Assert.True(PerfOptionsParser.TryParse(["--model", "m", "--baseline-device", value], out var options, out var error), error);
        Assert.Equal(expected, options.BaselineDevice);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    [InlineData("CUDA:0")]
    public void BaselineDeviceRefusesAnythingElseNamingTheOption(string value)
    {
        Assert.False(PerfOptionsParser.TryParse(["--model", "m", "--baseline-device", value], out _, out var error));
        Assert.Contains("--baseline-device", error);
    }
}
