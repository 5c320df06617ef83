using Cluster.Gateway.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Cluster.Gateway.Tests.Hosting;

public sealed class ClusterConnectionRetryFilterTests
{
    [Fact]
    public async Task AFailedConnectionIsRetriedOneSecondLaterOnTheGatewaysClock()
    {
        var clock = new FakeTimeProvider();

        var retry = new ClusterConnectionRetryFilter(clock).ShouldRetryConnectionAttempt(new TimeoutException(), CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(retry.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(await retry.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task AStoppingHostEndsTheWait()
    {
        using var stopping = new CancellationTokenSource();
        var retry = new ClusterConnectionRetryFilter(new FakeTimeProvider()).ShouldRetryConnectionAttempt(new TimeoutException(), stopping.Token);

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => retry.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
