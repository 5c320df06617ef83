using Cluster.PerfAnalyzer.Inputs;
using Cluster.PerfAnalyzer.Load;
using Cluster.PerfAnalyzer.Options;
using Cluster.PerfAnalyzer.Reporting;
using Cluster.PerfAnalyzer.Repository;

namespace Cluster.PerfAnalyzer;

/// <summary>
/// One run: parse, load the model's config and inputs, then per concurrency measure the cluster
/// and the in-process baseline one after the other, and report.
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
        using var baseline = InProcessBaseline.Create(model, inputs, options);
        using var cluster = options.BaselineOnly ? null : new GrpcLoadGenerator(options, inputs, apiKey);

        if (cluster is not null && await cluster.ProbeAsync().ConfigureAwait(false) is { } problem)
            Console.Error.WriteLine($"warning: {options.Endpoint}: {problem} Measuring anyway; failures are counted by status.");

        var results = new List<ConcurrencyResult>(options.Concurrency.Count);
        foreach (var concurrency in options.Concurrency)
        {
            var clusterResult = cluster is null ? null : await cluster.RunAsync(concurrency).ConfigureAwait(false);
            if (clusterResult is not null) ConsoleReport.WriteProgress(Console.Error, clusterResult);
            var baselineResult = baseline.Run(concurrency);
            ConsoleReport.WriteProgress(Console.Error, baselineResult);
            results.Add(new ConcurrencyResult(concurrency, clusterResult, baselineResult));
        }

        return new PerfReport(RunInfo.From(options, model, inputs, apiKey is not null), results);
    }
}
