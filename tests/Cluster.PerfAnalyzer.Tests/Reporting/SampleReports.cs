using Cluster.PerfAnalyzer.Latency;
using Cluster.PerfAnalyzer.Load;
using Cluster.PerfAnalyzer.Reporting;
using Cluster.PerfAnalyzer.Tests.Load;

namespace Cluster.PerfAnalyzer.Tests.Reporting;

/// <summary>A small report: cluster and bare server at concurrency 1 and 16, and an in-process sweep whose best is 64 rows/s at 8 rows per Run.</summary>
internal static class SampleReports
{
    public static RunInfo Run() => new(
        "Cluster.PerfAnalyzer --model m", new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc),
        new MachineInfo(2, "Linux", "X64", ".NET 10", "1.31.0"), "http://127.0.0.1:8001/", "m", null, "1",
        ["x FP32 [1,4]"], "generated (seed 1)", 1, 1, 1, 4, true, "TREAT", 0, false, true, "cluster",
        "http://127.0.0.1:9000/", "bare", true, 2, "m", null, null, [1, 8, 16], 1);

    public static LoadResult Side(string target, int concurrency, long requests, long latencyTicks)
    {
        var recorder = new LatencyRecorder(16);
        for (var i = 0; i < requests; i++) recorder.Record(latencyTicks);
        return LoadResult.From(target, concurrency, 1, 1, [recorder]);
    }

    public static PerfReport Report()
    {
        var sweep = new BatchSweepResult(1, [BatchSweepResultTests.Size(1, 60), BatchSweepResultTests.Size(8, 8), BatchSweepResultTests.Size(16, 3)], [32]);
        var best = sweep.BestInferencesPerSecond;
        return new PerfReport(Run(),
        [
            new ConcurrencyResult(1, Side("cluster", 1, 30, 10_000), Side("bare", 1, 40, 8_000), null) { BestInProcessInferencesPerSecond = best },
            new ConcurrencyResult(16, Side("cluster", 16, 58, 90_000), Side("bare", 16, 60, 80_000), null) { BestInProcessInferencesPerSecond = best },
        ], sweep);
    }
}
