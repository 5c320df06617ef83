using Cluster.PerfAnalyzer.Latency;
using Cluster.PerfAnalyzer.Options;
using Cluster.PerfAnalyzer.Reporting;

namespace Cluster.PerfAnalyzer.Load;

/// <summary>
/// Two gateways measured at one concurrency in the same run, taking turns so that machine noise
/// (another process, a GC, CPU frequency) falls on both alike: a full warm-up of each, then
/// <see cref="PerfOptions.Rounds"/> rounds in which each runs one slice of the measured window,
/// the order flipping every round (A B, B A, A B, ...) so a steady drift cancels out too. Each
/// slice starts with a short settle that is not counted. Latencies of all slices are merged.
/// With <see cref="PerfOptions.CpuTargets"/>, each side also gets the CPU seconds those processes
/// (and this one, as <c>load</c>) spent during its slices, scaled to the counted part of each.
/// Each round's pair of slices also gives one ratio (<see cref="RoundRatios"/>), so a report can show
/// how far the rounds spread and not one number only.
/// </summary>
public sealed class AlternatingComparison(GrpcLoadGenerator primary, GrpcLoadGenerator compare, PerfOptions options)
{
    /// <summary>Longest uncounted settle at the start of each slice (less when the warm-up is shorter).</summary>
    public static readonly TimeSpan MaxSettle = TimeSpan.FromMilliseconds(500);

    public async Task<(LoadResult Primary, LoadResult Compare, RoundRatios Rounds)> RunAsync(LoadLevel level)
    {
        await WarmUpAsync(primary, level).ConfigureAwait(false);
        await WarmUpAsync(compare, level).ConfigureAwait(false);

        var slice = options.Measure / options.Rounds;
        var settle = options.Warmup < MaxSettle ? options.Warmup : MaxSettle;
        var cpu = options.CpuTargets.Count == 0 ? null : new ProcessCpu([.. options.CpuTargets, new CpuTarget(LoadResult.LoadGeneratorCpuName, Environment.ProcessId)]);
        var a = new Side(primary, level, options.Measure, cpu);
        var b = new Side(compare, level, options.Measure, cpu);
        for (var round = 0; round < options.Rounds; round++)
        {
            var (first, second) = round % 2 == 0 ? (a, b) : (b, a);
            await first.MeasureAsync(settle, slice).ConfigureAwait(false);
            await second.MeasureAsync(settle, slice).ConfigureAwait(false);
        }

        return (a.Result(), b.Result(), RoundRatios.From(a.Slices, b.Slices));
    }

    private async Task WarmUpAsync(GrpcLoadGenerator target, LoadLevel level)
    {
        if (options.Warmup <= TimeSpan.Zero) return;
        var discarded = Enumerable.Range(0, level.Recorders).Select(_ => new LatencyRecorder(1_024)).ToArray();
        await target.RunWindowAsync(MeasurementWindow.StartingNow(options.Warmup, TimeSpan.Zero), level, discarded).ConfigureAwait(false);
    }

    /// <summary>One endpoint's recorders and measured time, accumulated over its slices.</summary>
    private sealed class Side(GrpcLoadGenerator load, LoadLevel level, TimeSpan measure, ProcessCpu? cpu)
    {
        private readonly LatencyRecorder[] _recorders =
            [.. Enumerable.Range(0, level.Recorders).Select(_ => new LatencyRecorder(LatencyRecorder.CapacityFor(measure, level.Recorders)))];
        private readonly double[] _cpuSeconds = new double[cpu?.Targets.Count ?? 0];
        private double _seconds;
        private readonly List<SliceMeasure> _slices = [];

        /// <summary>Each slice's counted part, in order.</summary>
        public IReadOnlyList<SliceMeasure> Slices => _slices;

        public async Task MeasureAsync(TimeSpan settle, TimeSpan slice)
        {
            var before = cpu?.Read();
            var requestsBefore = Successes();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var window = MeasurementWindow.StartingNow(settle, slice);
            await load.RunWindowAsync(window, level, _recorders).ConfigureAwait(false);
            _seconds += window.Seconds;
            var requests = Successes() - requestsBefore;
            Dictionary<string, double>? sliceCpu = null;
            if (cpu is not null && before is not null)
            {
                // The settle is not counted: scale the slice's CPU to the counted share of its wall time.
                var counted = Math.Min(1, window.Seconds / System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
                var after = cpu.Read();
                sliceCpu = new Dictionary<string, double>(StringComparer.Ordinal);
                for (var i = 0; i < _cpuSeconds.Length; i++)
                {
                    var spent = (after[i] - before[i]) * counted;
                    _cpuSeconds[i] += spent;
                    sliceCpu[cpu.Targets[i].Name] = spent;
                }
            }
            _slices.Add(new SliceMeasure(requests, requests * load.RowsPerRequest, window.Seconds, sliceCpu));
        }

        private long Successes() => _recorders.Sum(r => (long)r.Ticks.Count);

        public LoadResult Result() => LoadResult.From(load.Target, level, _seconds, load.RowsPerRequest, _recorders) with
        {
            CpuSeconds = cpu is null ? null : cpu.Targets.Select((t, i) => (t.Name, Seconds: _cpuSeconds[i])).ToDictionary(p => p.Name, p => p.Seconds, StringComparer.Ordinal),
        };
    }
}
