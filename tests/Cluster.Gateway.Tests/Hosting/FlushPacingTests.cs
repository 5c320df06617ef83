using Cluster.Gateway.Hosting;
using Cluster.Gateway.Metering;
using Microsoft.Extensions.Logging.Abstractions;
using Cluster.Gateway.Tests.Fakes;

namespace Cluster.Gateway.Tests.Hosting;

public sealed class FlushPacingTests
{
    private static readonly FlushPacing Pacing = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), 200);

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(150, 1.0)]
    [InlineData(200, 1.0)]
    [InlineData(500, 2.5)]
    [InlineData(1_000, 5.0)]
    [InlineData(50_000, 5.0)]
    public void TheWaitFollowsTheRowsTheLastFlushWroteBetweenTheIntervalAndTheMaximum(int rows, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Pacing.After(rows));

    [Fact]
    public void NoRowRateKeepsTheIntervalFixed() =>
        Assert.Equal(TimeSpan.FromSeconds(1), new FlushPacing(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), 0).After(10_000));

    [Fact]
    public void TheDefaultsStretchToFiftySecondsAtAThousandActiveTenantsAndKeepOneSecondForOne()
    {
        Assert.Equal(TimeSpan.FromSeconds(50), new MeteringOptions().AuditPacing().After(1_000));
        Assert.Equal(TimeSpan.FromSeconds(1), new MeteringOptions().AuditPacing().After(2));
    }

    [Fact]
    public void AMaximumBelowAnIntervalFailsValidation()
    {
        var result = new MeteringOptionsValidator().Validate(null, new MeteringOptions { UsageFlushInterval = TimeSpan.FromSeconds(90) });
        Assert.Contains("Metering:MaxFlushInterval", result.FailureMessage);
        var unjournaled = new MeteringOptionsValidator().Validate(null, new MeteringOptions { Journal = false });
        Assert.Contains("loss bound on a crash while Metering:Journal is off", unjournaled.FailureMessage);
        Assert.True(new MeteringOptionsValidator().Validate(null, new MeteringOptions { Journal = false, MaxFlushInterval = TimeSpan.FromSeconds(5) }).Succeeded);
        Assert.True(new MeteringOptionsValidator().Validate(null, new MeteringOptions { FlushRowsPerSecond = -1 }).Failed);
    }

    /// <summary>Writes <see cref="Rows"/> rows per flush and counts its flushes.</summary>
    private sealed class CountingFlusher(TimeProvider time) : PeriodicFlusher(Pacing, time, NullLogger.Instance)
    {
        public int Rows { get; set; }
        public int Flushes;

        /// <summary>How long (on the fake clock) each flush takes.</summary>
        public TimeSpan Takes { get; set; }

        protected override Task<int> FlushAsync()
        {
            Interlocked.Increment(ref Flushes);
            if (Takes > TimeSpan.Zero) ((SteppingClock)Time).Advance(Takes);
            return Task.FromResult(Rows);
        }
    }

    [Fact]
    public async Task CyclesKeepTheirRateWhenAFlushTakesAWhile()
    {
        var clock = new SteppingClock();
        var flusher = new CountingFlusher(clock) { Takes = TimeSpan.FromMilliseconds(400) };
        await flusher.StartAsync(CancellationToken.None);

        await clock.StepAsync(TimeSpan.FromSeconds(1));
        await clock.SettleAsync();
        Assert.Equal(1, flusher.Flushes);

        // The flush took 0.4 s of the cycle: the next one starts 0.6 s later, not a whole second.
        await clock.StepAsync(TimeSpan.FromMilliseconds(600));
        await clock.SettleAsync();
        Assert.Equal(2, flusher.Flushes);
        await flusher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AFlushThatWroteManyRowsMakesTheNextWaitLonger()
    {
        var clock = new SteppingClock();
        var flusher = new CountingFlusher(clock) { Rows = 600 };
        await flusher.StartAsync(CancellationToken.None);

        await clock.StepAsync(TimeSpan.FromSeconds(1));
        await clock.SettleAsync();
        Assert.Equal(1, flusher.Flushes);
        Assert.Equal(TimeSpan.FromSeconds(3), flusher.CurrentInterval);

        await clock.StepAsync(TimeSpan.FromSeconds(2));
        await clock.SettleAsync();
        Assert.Equal(1, flusher.Flushes);

        flusher.Rows = 10;
        await clock.StepAsync(TimeSpan.FromSeconds(1));
        await clock.SettleAsync();
        Assert.Equal(2, flusher.Flushes);
        Assert.Equal(TimeSpan.FromSeconds(1), flusher.CurrentInterval);
        await flusher.StopAsync(CancellationToken.None);
    }
}
