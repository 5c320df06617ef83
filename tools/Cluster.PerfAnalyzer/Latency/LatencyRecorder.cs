namespace Cluster.PerfAnalyzer.Latency;

/// <summary>
/// One caller's measurements: latencies of successful requests in Stopwatch ticks, and failures by
/// code. Owned by a single caller, so it takes no locks; allocate it before the run starts.
/// </summary>
public sealed class LatencyRecorder(int capacity)
{
    private readonly List<long> _ticks = new(capacity);
    private readonly Dictionary<string, long> _failures = new(StringComparer.Ordinal);

    /// <summary>Latencies recorded so far, in Stopwatch ticks.</summary>
    public IReadOnlyList<long> Ticks => _ticks;

    /// <summary>Failed requests by code (gRPC status names such as <c>UNAVAILABLE</c>).</summary>
    public IReadOnlyDictionary<string, long> Failures => _failures;

    /// <summary>
    /// A per-caller capacity that holds a window of <paramref name="window"/> at 200k requests/s shared
    /// by <paramref name="callers"/> callers (within 1k..4M), so the lists rarely grow while measuring.
    /// </summary>
    public static int CapacityFor(TimeSpan window, int callers) =>
        (int)Math.Clamp(window.TotalSeconds * 200_000 / callers, 1_024, 4_000_000);

    public void Record(long elapsedTicks) => _ticks.Add(elapsedTicks);

    public void RecordFailure(string code) =>
        _failures[code] = _failures.GetValueOrDefault(code) + 1;
}
