using Cluster.PerfAnalyzer.Load;
using Cluster.PerfAnalyzer.Options;
using Cluster.PerfAnalyzer.Reporting;
using Cluster.PerfAnalyzer.Tests.Reporting;

namespace Cluster.PerfAnalyzer.Tests.Load;

public sealed class ProcessCpuTests
{
    [Theory]
    [InlineData("4242 (dotnet) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 75 0 0 20 0 30 0 100 0 0", 3.25)]
    [InlineData("77 (my (odd) name) R 1 77 77 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 5 0 0", 0.03)]
    public void CpuTimeIsUserPlusSystemTicksAfterTheCommandName(string stat, double seconds) =>
        Assert.Equal(seconds, ProcessCpu.Parse(stat), 6);

    [Theory]
    [InlineData("no command name here")]
    [InlineData("1 (x) S 1 2 3")]
    public void AStatLineWithoutItsFieldsIsRefused(string stat) =>
        Assert.Throws<FormatException>(() => ProcessCpu.Parse(stat));

    [Fact]
    public void ThisProcessesCpuTimeGrowsWhileItWorks()
    {
        if (!OperatingSystem.IsLinux()) return;
        var before = ProcessCpu.Seconds(Environment.ProcessId);
        var until = DateTime.UtcNow.AddMilliseconds(300);
        var spins = 0L;
        while (DateTime.UtcNow < until) spins++;

        Assert.True(ProcessCpu.Seconds(Environment.ProcessId) > before, $"{spins} spins");
        Assert.True(double.IsNaN(ProcessCpu.Seconds(int.MaxValue)));
    }

    [Fact]
    public void CpuPidsAreParsedByName()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.True(PerfOptionsParser.TryParse(["--model", "m", "--cpu-pid", $"cluster={Environment.ProcessId}"], out var options, out var error), error);

        Assert.Equal([new CpuTarget("cluster", Environment.ProcessId)], options.CpuTargets);
    }

    [Theory]
    [InlineData("cluster")]
    [InlineData("=12")]
    [InlineData("cluster=0")]
    [InlineData("cluster=abc")]
    [InlineData("load=1")]
    [InlineData("storage=2147483647")]
    public void ABadCpuPidIsRefusedNamingTheOption(string value)
    {
        Assert.False(PerfOptionsParser.TryParse(["--model", "m", "--cpu-pid", value], out _, out var error));
        Assert.Contains("--cpu-pid", error);
    }

    [Fact]
    public void TheCpuTableGivesMillisecondsPerThousandRequestsAndTheirRatio()
    {
        var report = SampleReports.Report();
        var level = report.Results[1];
        report = report with
        {
            Results =
            [
                report.Results[0],
                level with
                {
                    Cluster = level.Cluster! with { CpuSeconds = new Dictionary<string, double> { ["cluster"] = 0.058, ["storage"] = 0.0058 } },
                    Compare = level.Compare! with { CpuSeconds = new Dictionary<string, double> { ["cluster"] = 0.054, ["storage"] = 0 } },
                },
            ],
        };

        var rows = CpuTable.Rows(report).ToList();

        Assert.True(CpuTable.Any(report));
        Assert.Equal(["16", "cluster", "1000.0", "900.0", "1.111"], rows[0]);
        Assert.Equal(["16", "storage", "100.0", "0.0", "-"], rows[1]);
        Assert.Equal(["16", "all", "1100.0", "900.0", "1.222"], rows[2]);
    }
}
