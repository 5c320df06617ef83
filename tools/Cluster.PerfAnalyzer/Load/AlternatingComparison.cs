using Cluster.PerfAnalyzer.Latency;
using Cluster.PerfAnalyzer.Options;

namespace Cluster.PerfAnalyzer.Load;

/// <summary>
/// Two gateways measured at one concurrency in the same run, taking turns so that machine noise
/// (another process, a GC, CPU frequency) falls on both alike: a full warm-up of each, then
/// <see cref="PerfOptions.Rounds"/> rounds in which each runs one slice of the measured window,
/// the order flipping every round (A B, B A, A B, ...) so a steady drift cancels out too. Each
/// slice starts with a short settle that is not counted. Latencies of all slices are merged.
/// </summary>
public sealed class AlternatingComparison(GrpcLoadGenerator primary, GrpcLoadGenerator compare, PerfOptions options)
{
    /// <summary>Longest uncounted settle at the start of each slice (less when the warm-up is shorter).</summary>
    public static readonly TimeSpan MaxSettle = TimeSpan.FromMilliseconds(500);

    public async Task<(LoadResult Primary, LoadResult Compare)> RunAsync(LoadLevel level)
    {
        await WarmUpAsync(primary, level).ConfigureAwait(false);
        await WarmUpAsync(compare, level).ConfigureAwait(false);

        var slice = options.Measure / options.Rounds;
        var settle = options.Warmup < MaxSettle ? options.Warmup : MaxSettle;
        var a = new Side(primary, level, options.Measure);
        var b = new Side(compare, level, options.Measure);
        for (var round = 0; round < options.Rounds; round++)
        {
            var (first, second) = round % 2 == 0 ? (a, b) : (b, a);
            await first.MeasureAsync(settle, slice).ConfigureAwait(false);
            await second.MeasureAsync(settle, slice).ConfigureAwait(false);
        }

        return (a.Result(), b.Result());
    }

    private async Task WarmUpAsync(GrpcLoadGenerator target, LoadLevel level)
    {
        if (options.Warmup <= TimeSpan.Zero) return;
        var discarded = Enumerable.Range(0, level.Recorders).Select(_ => new LatencyRecorder(1_024)).ToArray();
        await target.RunWindowAsync(MeasurementWindow.StartingNow(options.Warmup, TimeSpan.Zero), level, discarded).ConfigureAwait(false);
    }

    /// <summary>One endpoint's recorders and measured time, accumulated over its slices.</summary>
    private sealed class Side(GrpcLoadGenerator load, LoadLevel level, TimeSpan measure)
    {
        private readonly LatencyRecorder[] _recorders =
            [.. Enumerable.Range(0, level.Recorders).Select(_ => new LatencyRecorder(LatencyRecorder.CapacityFor(measure, level.Recorders)))];
        private double _seconds;

        public async Task MeasureAsync(TimeSpan settle, TimeSpan slice)
        {
            var window = MeasurementWindow.StartingNow(settle, slice);
            await load.RunWindowAsync(window, level, _recorders).ConfigureAwait(false);
            _seconds += window.Seconds;
        }

        public LoadResult Result() => LoadResult.From(load.Target, level, _seconds, load.RowsPerRequest, _recorders);
    }
}
