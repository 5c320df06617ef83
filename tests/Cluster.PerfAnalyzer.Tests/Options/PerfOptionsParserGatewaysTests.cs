using Cluster.PerfAnalyzer.Options;

namespace Cluster.PerfAnalyzer.Tests.Options;

public sealed class PerfOptionsParserGatewaysTests
{
    private static bool TryParse(string endpoint, out PerfOptions? options, out string? error) =>
        PerfOptionsParser.TryParse(["--model", "m", "--endpoint", endpoint], out options, out error);

    [Fact]
    public void OneEndpointIsOneGatewayAsBefore()
    {
        Assert.True(TryParse("http://127.0.0.1:8011", out var options, out var error), error);
        Assert.Equal(new Uri("http://127.0.0.1:8011"), options!.Endpoint);
        Assert.Empty(options.Gateways);
    }

    [Fact]
    public void SeveralEndpointsAreGatewaysToBalanceOverTheFirstNamingTheRun()
    {
        Assert.True(TryParse("http://127.0.0.1:8001, http://127.0.0.1:8011", out var options, out var error), error);
        Assert.Equal([new Uri("http://127.0.0.1:8001"), new Uri("http://127.0.0.1:8011")], options!.Gateways);
        Assert.Equal(new Uri("http://127.0.0.1:8001"), options.Endpoint);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8001,http://127.0.0.1:8001", "names a gateway twice")]
    [InlineData("http://127.0.0.1:8001,https://gw:8001", "mixes http:// and https://")]
    [InlineData("http://127.0.0.1:8001,8011", "is not an absolute http:// or https:// address")]
    public void AListThatCannotBeBalancedIsRefusedSayingWhy(string endpoint, string why)
    {
        Assert.False(TryParse(endpoint, out _, out var error));
        Assert.Contains(why, error);
    }
}
