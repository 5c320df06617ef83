using Cluster.PerfAnalyzer.Inputs;
using Cluster.PerfAnalyzer.Options;
using Cluster.PerfAnalyzer.Repository;

namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>How the run was made: enough to repeat it. Holds no key and no tensor values.</summary>
public sealed record RunInfo(
    string CommandLine,
    DateTime DateUtc,
    MachineInfo Machine,
    string Endpoint,
    string Model,
    string? RequestedVersion,
    string BaselineVersion,
    IReadOnlyList<string> Inputs,
    string InputSource,
    int BatchSize,
    int RowsPerRequest,
    double WarmupSeconds,
    double MeasureSeconds,
    bool Authenticated,
    string? PurposeOfUse,
    int BaselineIntraOpThreads,
    bool BaselineOnly,
    bool NoBaseline,
    string Label,
    string? CompareEndpoint,
    string? CompareLabel,
    bool? CompareAuthenticated,
    int? Rounds,
    string? CompareModel = null,
    IReadOnlyList<double>? RequestRates = null,
    int? MaxOutstanding = null,
    IReadOnlyList<int>? BaselineBatchSizes = null,
    int? BaselineBatchCallers = null,
    string BaselineDevice = "cpu",
    int Connections = 1)
{
    public static RunInfo From(PerfOptions options, ModelArtifact model, ModelInputs inputs, bool authenticated, bool compareAuthenticated) => new(
        FormatCommandLine(options.Arguments),
        DateTime.UtcNow,
        MachineInfo.Current(),
        options.Gateways.Count > 1 ? string.Join(",", options.Gateways) : options.Endpoint.ToString(),
        model.Name,
        options.Version,
        model.Version,
        [.. inputs.Specs.Select(s => $"{s.Name} {s.WireDatatype} [{string.Join(",", s.Shape)}]")],
        inputs.Source,
        options.BatchSize,
        inputs.RowsPerRequest,
        options.Warmup.TotalSeconds,
        options.Measure.TotalSeconds,
        authenticated,
        options.PurposeOfUse,
        options.BaselineIntraOpThreads,
        options.BaselineOnly,
        options.NoBaseline,
        options.Label,
        options.CompareEndpoint?.ToString(),
        options.Compares ? options.CompareLabel : null,
        options.Compares ? compareAuthenticated : null,
        options.Compares ? options.Rounds : null,
        options.Compares ? options.CompareModelName : null,
        options.FixedRate ? options.RequestRates : null,
        options.FixedRate ? options.MaxOutstanding : null,
        options.BaselineBatchSizes.Count > 0 ? options.BaselineBatchSizes : null,
        options.BaselineBatchSizes.Count > 0 ? options.BaselineBatchCallers : null,
        options.BaselineDevice,
        options.Connections);

    private static string FormatCommandLine(IReadOnlyList<string> args) =>
        string.Join(' ', args.Select(a => a.Length == 0 || a.Any(char.IsWhiteSpace) ? $"\"{a}\"" : a).Prepend("Cluster.PerfAnalyzer"));
}
