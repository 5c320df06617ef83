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
        var model = ModelArtifactLocator.Locate(options.Repository, options.Model, options.Version);
        var inputs = ModelInputs.Build(model, options);
        var apiKey = options.BaselineOnly ? null : ApiKeyReader.Read(options);
        var compareKey = options.Compares ? ApiKeyReader.ReadCompare(options, apiKey) : null;
        using var baseline = options.NoBaseline ? null : InProcessBaseline.Create(model, inputs, options);
        using var cluster = options.BaselineOnly ? null : new GrpcLoadGenerator(options, inputs, apiKey);
        using var compare = options.CompareEndpoint is { } endpoint ? new GrpcLoadGenerator(endpoint, options.CompareLabel, options, inputs, compareKey) : null;

        foreach (var target in new[] { cluster, compare }.OfType<GrpcLoadGenerator>())
        {
            if (await target.ProbeAsync().ConfigureAwait(false) is { } problem)
                Console.Error.WriteLine($"warning: {target.Endpoint}: {problem} Measuring anyway; failures are counted by status.");
        }

        var alternating = cluster is not null && compare is not null ? new AlternatingComparison(cluster, compare, options) : null;
        var results = new List<ConcurrencyResult>(options.Concurrency.Count);
        foreach (var concurrency in options.Concurrency)
        {
            LoadResult? clusterResult = null, compareResult = null;
            if (alternating is not null)
                (clusterResult, compareResult) = await alternating.RunAsync(concurrency).ConfigureAwait(false);
            else if (cluster is not null)
                clusterResult = await cluster.RunAsync(concurrency).ConfigureAwait(false);
            foreach (var side in new[] { clusterResult, compareResult }.OfType<LoadResult>()) ConsoleReport.WriteProgress(Console.Error, side);

            var baselineResult = baseline?.Run(concurrency);
            if (baselineResult is not null) ConsoleReport.WriteProgress(Console.Error, baselineResult);
            results.Add(new ConcurrencyResult(concurrency, clusterResult, compareResult, baselineResult));
        }

        return new PerfReport(RunInfo.From(options, model, inputs, apiKey is not null, compareKey is not null), results);
    }
}
