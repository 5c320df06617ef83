namespace Cluster.Client.Tests;

public sealed class ClusterClientOptionsValidatorTests
{
    [Fact]
    public void DefaultsAreValidAndPointAtTheLocalGateway()
    {
        var options = new ClusterClientOptions();
        Assert.Empty(ClusterClientOptionsValidator.Validate(options));
        Assert.Equal(new Uri("http://127.0.0.1:8001"), options.Endpoint);
        Assert.Null(options.ApiKey);
    }

    [Fact]
    public void EachProblemNamesTheProperty()
    {
        var failures = ClusterClientOptionsValidator.Validate(new ClusterClientOptions
        {
            Endpoint = new Uri("ftp://gw"),
            ApiKey = "has space",
            Timeout = TimeSpan.Zero,
            MaxReceiveMessageSize = 0,
        });
        Assert.Collection(
            failures,
            f => Assert.StartsWith("ClusterClientOptions.Endpoint must be an absolute http:// or https:// URL", f),
            f => Assert.StartsWith("ClusterClientOptions.ApiKey must be", f),
            f => Assert.StartsWith("ClusterClientOptions.Timeout must be positive", f),
            f => Assert.StartsWith("ClusterClientOptions.MaxReceiveMessageSize must be positive", f));
    }

    [Fact]
    public void InfiniteTimeoutIsAllowed() =>
        Assert.Empty(ClusterClientOptionsValidator.Validate(new ClusterClientOptions { Timeout = Timeout.InfiniteTimeSpan }));

    [Fact]
    public void TheClientRefusesInvalidOptions() =>
        Assert.Throws<ArgumentException>(() => new ClusterClient(new ClusterClientOptions { MaxReceiveMessageSize = -1 }));
}
