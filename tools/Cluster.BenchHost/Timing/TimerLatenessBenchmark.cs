using System.Diagnostics;
using System.Globalization;
using Cluster.Grains.Inference.Timing;

namespace Cluster.BenchHost.Timing;

/// <summary>
/// <c>--timer-bench WAITS</c>: how late a one-shot timer's callback runs after its due time, for
/// .NET's timers (<see cref="TimeProvider.System"/>) and for the clock shards wait their queue
/// delays on (<see cref="PreciseTimeProvider"/>), at the delays a shard sleeps through (longer
/// than its 200 µs spin). Each wait ends when a continuation of the callback runs on the thread
/// pool, as a shard's scheduling loop does; the two clocks alternate per delay so machine noise hits both.
/// </summary>
public static class TimerLatenessBenchmark
{
    private static readonly int[] DelaysMicroseconds = [300, 1000, 2000];

    public static async Task<int> RunAsync(int waits, TextWriter output)
    {
        var clocks = new (string Name, TimeProvider Clock)[] { ("TimeProvider.System", TimeProvider.System), ($"PreciseTimeProvider ({(PreciseTimeProvider.Shared.IsPrecise ? "ppoll on an eventfd" : "monitor wait, whole milliseconds")})", PreciseTimeProvider.Shared) };
        output.WriteLine($"Timer lateness: {waits} waits per delay and clock, µs after the due time (negative: early)");
        output.WriteLine();
        output.WriteLine("| Clock | Delay µs | p10 | p50 | p90 | p99 | max |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var delay in DelaysMicroseconds)
        {
            foreach (var (name, clock) in clocks)
            {
                var late = await MeasureAsync(clock, delay, waits);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {delay} | {At(late, 0.10):F0} | {At(late, 0.50):F0} | {At(late, 0.90):F0} | {At(late, 0.99):F0} | {late[^1]:F0} |"));
            }
        }
        return 0;
    }

    private static async Task<double[]> MeasureAsync(TimeProvider clock, int delayMicroseconds, int waits)
    {
        var late = new double[waits];
        for (var i = 0; i < waits; i++)
        {
            var fired = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var start = Stopwatch.GetTimestamp();
            using var timer = clock.CreateTimer(static s => ((TaskCompletionSource<long>)s!).TrySetResult(Stopwatch.GetTimestamp()), fired, TimeSpan.FromMicroseconds(delayMicroseconds), Timeout.InfiniteTimeSpan);
            await fired.Task.ConfigureAwait(false);
            late[i] = Stopwatch.GetElapsedTime(start, Stopwatch.GetTimestamp()).TotalMicroseconds - delayMicroseconds;
        }
        Array.Sort(late);
        return late;
    }

    private static double At(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];
}
