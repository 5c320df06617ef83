using Cluster.Gateway.Hosting;
using Cluster.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Tests.Hosting;

public sealed class PeriodicFlusherTests
{
    /// <summary>Fails its first <paramref name="failures"/> flushes, then sends.</summary>
    private sealed class FlakyFlusher(int failures) : PeriodicFlusher(new FlushPacing(TimeSpan.FromHours(1), TimeSpan.FromHours(1), 0), TimeProvider.System, NullLogger.Instance)
    {
        public int Attempts { get; private set; }
        public bool Sent { get; private set; }

        protected override Task<int> FlushAsync()
        {
            if (++Attempts <= failures) throw new TimeoutException("storage unreachable");
            Sent = true;
            return Task.FromResult(1);
        }
    }

    [Fact]
    public async Task TheFinalFlushRetriesUntilItSendsWhileTheShutdownAllows()
    {
        var flusher = new FlakyFlusher(failures: 4);
        await flusher.StartAsync(CancellationToken.None);

        await flusher.StopAsync(CancellationToken.None);

        Assert.True(flusher.Sent);
        Assert.Equal(5, flusher.Attempts);
    }

    [Fact]
    public async Task TheFinalFlushEndsWhenTheShutdownTimeoutDoes()
    {
        var flusher = new FlakyFlusher(failures: int.MaxValue);
        await flusher.StartAsync(CancellationToken.None);
        using var shutdown = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));

        await flusher.StopAsync(shutdown.Token);

        Assert.False(flusher.Sent);
        Assert.InRange(flusher.Attempts, 2, 10);
    }

    [Fact]
    public void TheHostGetsTheLargestShutdownTimeoutItsRolesAskFor()
    {
        var services = new ServiceCollection().AddOptions()
            .AddShutdownTimeout(TimeSpan.FromSeconds(25))
            .AddShutdownTimeout(TimeSpan.FromSeconds(115))
            .BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(115), services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public void AGatewayAloneGetsItsOwnShutdownTimeoutEvenUnderTheDefault()
    {
        var services = new ServiceCollection().AddOptions().AddShutdownTimeout(TimeSpan.FromSeconds(25)).BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(25), services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }
}
