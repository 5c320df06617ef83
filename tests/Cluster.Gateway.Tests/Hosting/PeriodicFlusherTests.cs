using Cluster.Gateway.Hosting;
using Cluster.Gateway.Tests.Fakes;
using Cluster.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Tests.Hosting;

public sealed class PeriodicFlusherTests
{
    /// <summary>Fails its first <paramref name="failures"/> flushes, then sends.</summary>
    private sealed class FlakyFlusher(int failures, TimeProvider? time = null) : PeriodicFlusher(new FlushPacing(TimeSpan.FromHours(1), TimeSpan.FromHours(1), 0), time ?? TimeProvider.System, NullLogger.Instance)
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);
        public bool Sent { get; private set; }

        /// <summary>Whether <see cref="PeriodicFlusher.Stopped"/> ran, and whether the flush was over by then.</summary>
        public bool? SentWhenStopped { get; private set; }

        protected override void Stopped() => SentWhenStopped = Sent;

        protected override Task<int> FlushAsync()
        {
            if (Interlocked.Increment(ref _attempts) <= failures) throw new TimeoutException("storage unreachable");
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
        Assert.True(flusher.SentWhenStopped);
    }

    [Fact]
    public async Task TheFinalFlushEndsWhenTheShutdownTimeoutDoes()
    {
        var clock = new SteppingClock();
        var flusher = new FlakyFlusher(failures: int.MaxValue, clock);
        await flusher.StartAsync(CancellationToken.None);
        await clock.StepAsync(TimeSpan.Zero); // the cycle's wait, before the stop
        using var shutdown = new CancellationTokenSource();

        var stopping = flusher.StopAsync(shutdown.Token);
        // Each step ends one pause between attempts: the first attempt and three more.
        for (var i = 0; i < 3; i++) await clock.StepAsync(PeriodicFlusher.FinalFlushRetryDelay);
        await clock.SettleAsync();
        shutdown.Cancel();
        await stopping;

        Assert.False(flusher.Sent);
        Assert.Equal(4, flusher.Attempts);
        // What it still held is given up (its gauges drop it) even though the flush never got through.
        Assert.False(flusher.SentWhenStopped);
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
