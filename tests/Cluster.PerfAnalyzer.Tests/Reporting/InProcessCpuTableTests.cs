using Cluster.PerfAnalyzer.Load;
using Cluster.PerfAnalyzer.Reporting;
using Cluster.PerfAnalyzer.Tests.Load;

namespace Cluster.PerfAnalyzer.Tests.Reporting;

public class InProcessCpuTableTests
{
    private static IReadOnlyDictionary<string, double> Cpu(params (string Name, double Seconds)[] entries) =>
        entries.ToDictionary(e => e.Name, e => e.Seconds, StringComparer.Ordinal);

    private static PerfReport Report(bool withCpu)
    {
        // 100 requests of 1 row each side; the sweep: 60 Runs of 1 row at 2 s CPU, 8 Runs of 8 rows (64 rows) at 1 s CPU.
        var cluster = SampleReports.Side("cluster", 16, 100, 1_000) with { CpuSeconds = withCpu ? Cpu(("cluster", 2.0), ("storage", 0.2), ("bare", 0.1), ("load", 5.0)) : null };
        var bare = SampleReports.Side("bare", 16, 100, 1_000) with { CpuSeconds = withCpu ? Cpu(("cluster", 0.1), ("storage", 0.0), ("bare", 2.5), ("load", 5.0)) : null };
        var baseline = SampleReports.Side(InProcessBaseline.Target, 16, 100, 1_000) with { CpuSeconds = withCpu ? InProcessBaseline.CpuOf(2.0) : null };
        var sweep = new BatchSweepResult(1,
        [
            BatchSweepResultTests.Size(1, 60) with { CpuSeconds = withCpu ? InProcessBaseline.CpuOf(2.0) : null },
            BatchSweepResultTests.Size(8, 8) with { CpuSeconds = withCpu ? InProcessBaseline.CpuOf(1.0) : null },
        ], []);
        return new PerfReport(SampleReports.Run(), [new ConcurrencyResult(16, cluster, bare, baseline)], sweep);
    }

    [Fact]
    public void ServerCpuLeavesOutTheLoadGeneratorAndTheIdleOtherSide()
    {
        var rows = InProcessCpuTable.Rows(Report(withCpu: true)).ToList();

        // cluster: (2.0 + 0.2) s over 100 inferences = 22 ms per inference = 22,000 per 1,000; bare 2.5 s -> 25,000.
        Assert.Equal(["16", "cluster", "22000.0", "20000.0", "1.100", "15625.0 (b=8)", "1.408"], rows[0]);
        Assert.Equal(["16", "bare", "25000.0", "20000.0", "1.250", "15625.0 (b=8)", "1.600"], rows[1]);
    }

    [Fact]
    public void LeastIsTheSweepSizeWithTheLeastCpuPerInference()
    {
        var least = InProcessCpuTable.Least(Report(withCpu: true).BatchSweep);

        Assert.Equal((15625.0, 8), least);
    }

    [Fact]
    public void NothingIsShownWithoutCpuFigures()
    {
        var report = Report(withCpu: false);

        Assert.False(InProcessCpuTable.Any(report));
        Assert.Empty(InProcessCpuTable.Rows(report));
    }
}
