using Cluster.PerfAnalyzer.Options;

namespace Cluster.PerfAnalyzer.Tests.Options;

public sealed class PerfOptionsParserIssue5Tests
{
    private static PerfOptions Parse(params string[] args)
    {
        Assert.True(PerfOptionsParser.TryParse(["--model", "m", .. args], out var options, out var error), error);
        return options;
    }

    private static string Refuse(params string[] args)
    {
        Assert.False(PerfOptionsParser.TryParse(["--model", "m", .. args], out _, out var error));
        return error;
    }

    [Fact]
    public void RequestRateSelectsFixedRateModeWithTheRatesInOrder()
    {
        var options = Parse("--request-rate", "50,12.5,200", "--max-outstanding", "64");
        Assert.True(options.FixedRate);
        Assert.Equal([50, 12.5, 200], options.RequestRates);
        Assert.Equal(64, options.MaxOutstanding);
    }

    [Fact]
    public void ConcurrencyModeIsTheDefault()
    {
        var options = Parse();
        Assert.False(options.FixedRate);
        Assert.Equal(PerfOptions.DefaultMaxOutstanding, options.MaxOutstanding);
        Assert.Empty(options.BaselineBatchSizes);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("fast")]
    [InlineData("NaN")]
    public void RequestRateRefusesAnythingButAPositiveRate(string rate) =>
        Assert.Contains("--request-rate", Refuse("--request-rate", rate));

    [Fact]
    public void RequestRateAndConcurrencyAreRefusedTogether() =>
        Assert.Contains("cannot be used together", Refuse("--request-rate", "10", "--concurrency", "4"));

    [Fact]
    public void RequestRateIsRefusedWithBaselineOnly() =>
        Assert.Contains("--baseline-only", Refuse("--request-rate", "10", "--baseline-only"));

    [Fact]
    public void BaselineBatchSizesAreParsedInOrder()
    {
        var options = Parse("--baseline-batch-sizes", "1,2,4,8,16,32", "--baseline-batch-callers", "2");
        Assert.Equal([1, 2, 4, 8, 16, 32], options.BaselineBatchSizes);
        Assert.Equal(2, options.BaselineBatchCallers);
    }

    [Theory]
    [InlineData("1,1")]
    [InlineData("0,4")]
    [InlineData("")]
    public void BaselineBatchSizesRefusesRepeatsZeroAndEmptyLists(string sizes) =>
        Assert.Contains("--baseline-batch-sizes", Refuse("--baseline-batch-sizes", sizes));

    [Fact]
    public void CompareModelNeedsACompareEndpoint() =>
        Assert.Contains("--compare-endpoint", Refuse("--compare-model", "m-nobatch"));

    [Fact]
    public void CompareModelIsSentToTheCompareEndpointAndDefaultsToTheModel()
    {
        Assert.Equal("m", Parse("--compare-endpoint", "http://127.0.0.1:1").CompareModelName);
        Assert.Equal("m-nobatch", Parse("--compare-endpoint", "http://127.0.0.1:1", "--compare-model", "m-nobatch").CompareModelName);
    }

    [Fact]
    public void TextAndDataAreRefusedTogether() =>
        Assert.Contains("--text and --data", Refuse("--text", "a.txt", "--data", "b.csv"));

    [Fact]
    public void ChartAndGeneratedIntMaxAreKept()
    {
        var options = Parse("--chart", "out/c.png", "--generated-int-max", "2");
        Assert.Equal("out/c.png", options.ChartPath);
        Assert.Equal(2, options.GeneratedIntMax);
    }

    [Fact]
    public void BaselineUndoesAnEarlierNoBaseline()
    {
        Assert.False(Parse("--no-baseline", "--baseline").NoBaseline);
        Assert.True(Parse("--baseline", "--no-baseline").NoBaseline);
    }

    [Fact]
    public void UsageNamesEveryNewOption()
    {
        foreach (var option in new[] { "--request-rate", "--max-outstanding", "--baseline-batch-sizes", "--baseline-batch-callers", "--compare-model", "--generated-int-max", "--text", "--chart", "--baseline " })
            Assert.Contains(option, PerfOptionsUsage.Text);
    }
}
