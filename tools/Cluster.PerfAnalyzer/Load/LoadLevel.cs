using System.Globalization;

namespace Cluster.PerfAnalyzer.Load;

/// <summary>
/// One measured load level: <see cref="Concurrency"/> closed-loop callers, or, in fixed-rate mode,
/// <see cref="RequestRate"/> requests per second offered open-loop (at most <see cref="Concurrency"/> in flight).
/// </summary>
public sealed record LoadLevel(int Concurrency, double? RequestRate)
{
    public static LoadLevel Closed(int concurrency) => new(concurrency, null);

    public static LoadLevel AtRate(double requestsPerSecond, int maxOutstanding) => new(maxOutstanding, requestsPerSecond);

    /// <summary>How the level reads in tables: <c>16</c> callers or <c>200/s</c>.</summary>
    public string Label => RequestRate is { } rate
        ? rate.ToString("0.###", CultureInfo.InvariantCulture) + "/s"
        : Concurrency.ToString(CultureInfo.InvariantCulture);

    /// <summary>Recorders to allocate: one per caller when closed-loop, one shared (under a lock) at a fixed rate.</summary>
    public int Recorders => RequestRate is null ? Concurrency : 1;
}
