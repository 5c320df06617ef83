namespace Cluster.BenchHost.Options;

/// <summary>What the bench host starts and where it writes. Parsed and checked by <see cref="BenchHostOptionsParser"/>.</summary>
public sealed record BenchHostOptions
{
    public const string DefaultModel = "breast-cancer-risk";
    public const string DefaultModelVersion = "1";
    public const string DefaultModelsFolder = "models";
    public const string DefaultKeyFile = ".local/bench/bench-tenant.key";

    /// <summary>The repository checkout (the folder holding <c>tools/scripts/install-azurite.sh</c>); found from the working directory.</summary>
    public required string Root { get; init; }

    /// <summary>The model repository the silo serves (<c>ModelRepository:Root</c>); default <c>&lt;root&gt;/models</c>.</summary>
    public required string Models { get; init; }

    /// <summary>The model tenant <c>bench</c> is entitled to (all versions, TREAT).</summary>
    public string Model { get; init; } = DefaultModel;

    /// <summary>The version moved to Approved and approved for tenant <c>bench</c>.</summary>
    public string ModelVersion { get; init; } = DefaultModelVersion;

    /// <summary>Where the tenant key is written (mode 0600); default <c>&lt;root&gt;/.local/bench/bench-tenant.key</c>.</summary>
    public required string KeyFile { get; init; }

    /// <summary>The perf analyzer's built <c>Cluster.PerfAnalyzer.dll</c>; default: its bin folder for this build's configuration.</summary>
    public required string PerfAnalyzer { get; init; }

    /// <summary>
    /// Which two gateways <c>--run-perf</c> compares: <c>governance</c> (authentication and
    /// governance against nothing; quota, metering and audit off in both) or <c>accounting</c>
    /// (everything against governance only: the cost of quota, metering and audit).
    /// </summary>
    public string Compare { get; init; } = "governance";

    /// <summary>With <c>--run-perf</c>: the perf analyzer's own arguments; null to serve until Ctrl-C.</summary>
    public IReadOnlyList<string>? PerfArguments { get; init; }
}
