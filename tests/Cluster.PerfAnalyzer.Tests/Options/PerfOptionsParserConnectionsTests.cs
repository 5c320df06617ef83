using Cluster.PerfAnalyzer.Options;

namespace Cluster.PerfAnalyzer.Tests.Options;

public sealed class PerfOptionsParserConnectionsTests
{
    [Fact]
    public void CallersShareOneConnectionUnlessMoreAreAskedFor()
    {
        Assert.True(PerfOptionsParser.TryParse(["--model", "m"], out var options, out var error), error);
        Assert.Equal(1, options.Connections);

        Assert.True(PerfOptionsParser.TryParse(["--model", "m", "--connections", "16"], out options, out error), error);
        Assert.Equal(16, options.Connections);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("257")]
    [InlineData("many")]
    public void ConnectionsOutsideOneTo256AreRefusedNamingTheOption(string value)
    {
        Assert.False(PerfOptionsParser.TryParse(["--model", "m", "--connections", value], out _, out var error));
        Assert.Contains("--connections", error);
    }

    [Fact]
    public void ConnectionsWithOnlyTheInProcessBaselineAreRefused()
    {
        Assert.False(PerfOptionsParser.TryParse(["--model", "m", "--baseline-only", "--connections", "4"], out _, out var error));
        Assert.Contains("--connections", error);
    }
}
