using Cluster.PerfAnalyzer.Inputs;
using Cluster.PerfAnalyzer.Latency;
using Cluster.PerfAnalyzer.Options;
using Cluster.PerfAnalyzer.Repository;

namespace Cluster.PerfAnalyzer.Load;

/// <summary>
/// ONNX Runtime in-process at each of <see cref="PerfOptions.BaselineBatchSizes"/> rows per
/// <c>Run</c> (one session, <see cref="PerfOptions.BaselineBatchCallers"/> threads), to find the
/// best rows/s the model reaches on this machine. Measured in passes (one before the gRPC
/// targets, one after), the order of the sizes flipping each pass, so drift falls on all sizes.
/// </summary>
public sealed class BaselineBatchSweep : IDisposable
{
    /// <summary>Longest warm-up before each size's slice.</summary>
    public static readonly TimeSpan MaxSliceWarmup = TimeSpan.FromSeconds(1);

    private readonly List<Entry> _entries;
    private readonly IReadOnlyList<int> _skipped;
    private readonly PerfOptions _options;
    private int _passes;

    private BaselineBatchSweep(List<Entry> entries, IReadOnlyList<int> skipped, PerfOptions options)
    {
        _entries = entries;
        _skipped = skipped;
        _options = options;
    }

    /// <summary>Target name of one size's result, e.g. <c>in-process b=8</c>.</summary>
    public static string TargetName(int batchSize) => $"in-process b={batchSize}";

    /// <summary>The sizes the model can take (within max_batch_size; only 1 when it does not batch), each checked to run.</summary>
    public static BaselineBatchSweep Create(InProcessBaseline session, ModelArtifact model, PerfOptions options)
    {
        var (usable, skipped) = Usable(options.BaselineBatchSizes, model.Config.MaxBatchSize);
        var capacity = LatencyRecorder.CapacityFor(options.Measure, options.BaselineBatchCallers);
        var entries = usable.Select(size => new Entry(
            size,
            session.WithInputs(model, ModelInputs.Build(model, options with { BatchSize = size })),
            [.. Enumerable.Range(0, options.BaselineBatchCallers).Select(_ => new LatencyRecorder(capacity))])).ToList();
        return new BaselineBatchSweep(entries, skipped, options);
    }

    /// <summary>Splits the requested sizes into those a model with <paramref name="maxBatchSize"/> takes and those it cannot.</summary>
    public static (IReadOnlyList<int> Usable, IReadOnlyList<int> Skipped) Usable(IReadOnlyList<int> sizes, int maxBatchSize)
    {
        bool Fits(int size) => maxBatchSize > 0 ? size <= maxBatchSize : size == 1;
        return ([.. sizes.Where(Fits)], [.. sizes.Where(s => !Fits(s))]);
    }

    /// <summary>One pass: each size for <paramref name="slice"/> after a short warm-up.</summary>
    public void RunPass(TimeSpan slice)
    {
        var warmup = _options.Warmup < MaxSliceWarmup ? _options.Warmup : MaxSliceWarmup;
        var order = _passes++ % 2 == 0 ? _entries : Enumerable.Reverse(_entries);
        foreach (var entry in order)
        {
            var window = MeasurementWindow.StartingNow(warmup, slice);
            entry.CpuSeconds += entry.Baseline.RunWindowMeasuringCpu(window, entry.Recorders);
            entry.Seconds += window.Seconds;
        }
    }

    public BatchSweepResult Result() => new(
        _options.BaselineBatchCallers,
        [.. _entries.Select(e => LoadResult.From(TargetName(e.Size), _options.BaselineBatchCallers, e.Seconds, e.Size, e.Recorders) with { CpuSeconds = InProcessBaseline.CpuOf(e.CpuSeconds) })],
        _skipped);

    public void Dispose() => _entries.ForEach(e => e.Baseline.Dispose());

    private sealed class Entry(int size, InProcessBaseline baseline, LatencyRecorder[] recorders)
    {
        public int Size { get; } = size;
        public InProcessBaseline Baseline { get; } = baseline;
        public LatencyRecorder[] Recorders { get; } = recorders;
        public double Seconds { get; set; }
        public double CpuSeconds { get; set; }
    }
}
