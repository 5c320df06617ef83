using System.Diagnostics;

namespace Cluster.PerfAnalyzer.Load;

/// <summary>
/// A warm-up followed by a measured window, in Stopwatch timestamps. A request counts when it
/// completes inside the measured window; callers stop issuing once the window has closed.
/// </summary>
public sealed class MeasurementWindow
{
    private MeasurementWindow(long measureStart, long measureEnd)
    {
        MeasureStart = measureStart;
        MeasureEnd = measureEnd;
    }

    public long MeasureStart { get; }

    public long MeasureEnd { get; }

    /// <summary>The measured window's length in seconds.</summary>
    public double Seconds => (double)(MeasureEnd - MeasureStart) / Stopwatch.Frequency;

    public static MeasurementWindow StartingNow(TimeSpan warmup, TimeSpan measure)
    {
        var start = Stopwatch.GetTimestamp() + ToTicks(warmup);
        return new MeasurementWindow(start, start + ToTicks(measure));
    }

    /// <summary>True once no new request should start.</summary>
    public bool IsOver(long now) => now >= MeasureEnd;

    /// <summary>True when a request completing at <paramref name="completedAt"/> is measured.</summary>
    public bool Counts(long completedAt) => completedAt >= MeasureStart && completedAt <= MeasureEnd;

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
