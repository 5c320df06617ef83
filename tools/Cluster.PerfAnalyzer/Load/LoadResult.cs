using Cluster.PerfAnalyzer.Latency;

namespace Cluster.PerfAnalyzer.Load;

/// <summary>What one target (the cluster or the baseline) did at one concurrency in the measured window.</summary>
public sealed record LoadResult(
    string Target,
    int Concurrency,
    double Seconds,
    long Requests,
    long Inferences,
    LatencySummary? Latency,
    IReadOnlyDictionary<string, long> Failures)
{
    /// <summary>Successful requests per second.</summary>
    public double RequestsPerSecond => Requests / Seconds;

    /// <summary>Successful rows per second (requests times rows per request).</summary>
    public double InferencesPerSecond => Inferences / Seconds;

    /// <summary>In fixed-rate mode, the requests per second offered; null when closed-loop.</summary>
    public double? RequestRate { get; init; }

    /// <summary>Rows per request; above 1 in the in-process batch sweep.</summary>
    public int RowsPerRequest { get; init; } = 1;

    /// <summary>With <c>--cpu-pid</c> in a comparison: CPU seconds each named process spent in this side's measured slices.</summary>
    public IReadOnlyDictionary<string, double>? CpuSeconds { get; init; }

    /// <summary>CPU milliseconds per 1,000 successful requests, per named process (null without <see cref="CpuSeconds"/>).</summary>
    public IReadOnlyDictionary<string, double>? CpuMsPerThousandRequests => CpuSeconds is null || Requests == 0
        ? null
        : CpuSeconds.ToDictionary(p => p.Key, p => p.Value * 1e6 / Requests, StringComparer.Ordinal);

    /// <summary>
    /// CPU milliseconds per 1,000 successful inferences (rows) of the processes serving them: every
    /// named process except the load generator (<c>load</c>) and <paramref name="idle"/> (the other
    /// side of a comparison, idle while this side ran); null without <see cref="CpuSeconds"/>.
    /// </summary>
    public double? ServerCpuMsPerThousandInferences(string? idle = null) => CpuSeconds is null || Inferences == 0
        ? null
        : CpuSeconds.Where(p => p.Key != LoadGeneratorCpuName && p.Key != idle).Sum(p => p.Value) * 1e6 / Inferences;

    /// <summary>Name of the perf analyzer's own CPU in a gRPC side's <see cref="CpuSeconds"/>.</summary>
    public const string LoadGeneratorCpuName = "load";

    /// <summary>Every call of the run (warm-up and calls ending after the window included), for a gRPC target measured on its own; null otherwise.</summary>
    public CallCounts? AllCalls { get; init; }

    /// <summary>Failed requests in the window, all codes together.</summary>
    public long FailedRequests => Failures.Values.Sum();

    public static LoadResult From(string target, int concurrency, MeasurementWindow window, int rowsPerRequest, IReadOnlyList<LatencyRecorder> recorders) =>
        From(target, concurrency, window.Seconds, rowsPerRequest, recorders);

    /// <summary>The result of a gRPC target at <paramref name="level"/>.</summary>
    public static LoadResult From(string target, LoadLevel level, double seconds, int rowsPerRequest, IReadOnlyList<LatencyRecorder> recorders) =>
        From(target, level.Concurrency, seconds, rowsPerRequest, recorders) with { RequestRate = level.RequestRate };

    /// <summary>The result of <paramref name="seconds"/> of measured windows (one, or several taken in turns) recorded into <paramref name="recorders"/>.</summary>
    public static LoadResult From(string target, int concurrency, double seconds, int rowsPerRequest, IReadOnlyList<LatencyRecorder> recorders)
    {
        var latency = LatencySummary.From(recorders);
        var requests = latency?.Count ?? 0;
        var failures = recorders
            .SelectMany(r => r.Failures)
            .GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value), StringComparer.Ordinal);
        return new LoadResult(target, concurrency, seconds, requests, requests * rowsPerRequest, latency, failures) { RowsPerRequest = rowsPerRequest };
    }
}
