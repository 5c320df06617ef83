using Cluster.PerfAnalyzer.Inputs;
using Cluster.PerfAnalyzer.Load;
using Cluster.PerfAnalyzer.Options;
using Cluster.PerfAnalyzer.Reporting;
using Cluster.PerfAnalyzer.Repository;

namespace Cluster.PerfAnalyzer;

/// <summary>
/// One run: parse, load the model's config and inputs, then per concurrency measure the cluster
/// (and, with --compare-endpoint, a second gateway in alternating windows) and then the in-process
/// baseline, and report.
/// Exit codes: 0 measured with no failed request, 1 some cluster requests failed, 2 bad arguments or setup.
/// </summary>
public static class PerfAnalyzerApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (PerfOptionsParser.WantsHelp(args))
        {
            Console.WriteLine(PerfOptionsUsage.Text);
            return 0;
        }

        if (!PerfOptionsParser.TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine($"error: {error}");
            Console.Error.WriteLine(PerfOptionsUsage.Text);
            return 2;
        }

        try
        {
            var report = await MeasureAsync(options).ConfigureAwait(false);
            ReportWriter.Write(report, options, Console.Out);
            return report.ClusterFailures > 0 ? 1 : 0;
        }
        catch (PerfSetupException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 2;
        }
    }

    private static async Task<PerfReport> MeasureAsync(PerfOptions options)
    {
        var sweeps = options.BaselineBatchSizes.Count > 0;
        var perLevelBaseline = !options.NoBaseline && !options.FixedRate;
        var model = ModelArtifactLocator.Locate(options.Repository, options.Model, options.Version, requireOnnx: perLevelBaseline || sweeps);
        var inputs = ModelInputs.Build(model, options);
        var apiKey = options.BaselineOnly ? null : ApiKeyReader.Read(options);
        var compareKey = options.Compares ? ApiKeyReader.ReadCompare(options, apiKey) : null;
        using var baseline = perLevelBaseline || sweeps ? InProcessBaseline.Create(model, inputs, options) : null;
        using var sweep = sweeps ? BaselineBatchSweep.Create(baseline!, model, options) : null;
        using var cluster = options.BaselineOnly ? null : new GrpcLoadGenerator(options, inputs, apiKey);
        using var compare = options.CompareEndpoint is { } endpoint
            ? new GrpcLoadGenerator(endpoint, options.CompareLabel, options.CompareModelName, options, inputs, compareKey)
            : null;

        foreach (var target in new[] { cluster, compare }.OfType<GrpcLoadGenerator>())
        {
            if (await target.ProbeAsync().ConfigureAwait(false) is { } problem)
                Console.Error.WriteLine($"warning: {target.Endpoint} ({target.Model}): {problem} Measuring anyway; failures are counted by status.");
        }

        var sweepSlice = options.Measure / 2;
        if (sweep is not null) RunSweepPass(sweep, sweepSlice);

        var alternating = cluster is not null && compare is not null ? new AlternatingComparison(cluster, compare, options) : null;
        var levels = options.FixedRate
            ? options.RequestRates.Select(rate => LoadLevel.AtRate(rate, options.MaxOutstanding)).ToList()
            : options.Concurrency.Select(LoadLevel.Closed).ToList();
        var results = new List<ConcurrencyResult>(levels.Count);
        foreach (var level in levels)
        {
            LoadResult? clusterResult = null, compareResult = null;
            RoundRatios? rounds = null;
            if (alternating is not null)
                (clusterResult, compareResult, rounds) = await alternating.RunAsync(level).ConfigureAwait(false);
            else if (cluster is not null)
                clusterResult = await cluster.RunAsync(level).ConfigureAwait(false);
            foreach (var side in new[] { clusterResult, compareResult }.OfType<LoadResult>()) ConsoleReport.WriteProgress(Console.Error, side);

            var baselineResult = perLevelBaseline ? baseline!.Run(level.Concurrency) : null;
            if (baselineResult is not null) ConsoleReport.WriteProgress(Console.Error, baselineResult);
            results.Add(new ConcurrencyResult(level.Concurrency, clusterResult, compareResult, baselineResult) { RequestRate = level.RequestRate, Rounds = rounds });
        }

        if (sweep is not null) RunSweepPass(sweep, sweepSlice);
        var sweepResult = sweep?.Result();
        var best = sweepResult?.BestInferencesPerSecond;
        return new PerfReport(
            RunInfo.From(options, model, inputs, apiKey is not null, compareKey is not null),
            [.. results.Select(r => r with { BestInProcessInferencesPerSecond = best })],
            sweepResult);
    }

    private static void RunSweepPass(BaselineBatchSweep sweep, TimeSpan slice)
    {
        Console.Error.WriteLine($"  in-process batch sweep: one pass of {slice.TotalSeconds:0.###} s per size...");
        sweep.RunPass(slice);
    }
}
