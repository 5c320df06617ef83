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

    /// <summary>The values of <see cref="Compare"/>.</summary>
    public static readonly string[] CompareModes = ["governance", "accounting", "bare", "batching", "scale"];

    /// <summary>
    /// Which two targets <c>--run-perf</c> compares: <c>governance</c> (authentication and
    /// governance against nothing; quota, metering and audit off in both), <c>accounting</c>
    /// (everything against governance only: the cost of quota, metering and audit), <c>bare</c>
    /// (the governed gateway against the bare gRPC + ONNX Runtime server on the same model) or
    /// <c>batching</c> (the governed gateway on <see cref="Model"/> against the same gateway on
    /// <see cref="CompareModel"/>, e.g. its -nobatch twin) or <c>scale</c> (the governed gateway
    /// with calls spread over <see cref="Tenants"/> tenants and <see cref="ModelCopies"/> deployed
    /// copies of <see cref="Model"/>, against the same gateway with one tenant and one model).
    /// </summary>
    public string Compare { get; init; } = "governance";

    /// <summary>
    /// With <c>--co-hosted</c>: the governed gateway runs inside the silo's process over the silo's
    /// own grain factory (<c>Silo:HostGateway</c>), as on a GPU node; the other two stay Orleans clients.
    /// </summary>
    public bool CoHosted { get; init; }

    /// <summary>With <c>--compare batching</c>: the second model entry (served and entitled too).</summary>
    public string? CompareModel { get; init; }

    /// <summary>Further models served and entitled (e.g. the encoder a pipeline model runs).</summary>
    public IReadOnlyList<string> ExtraModels { get; init; } = [];

    /// <summary>With <c>--compare scale</c>: how many tenants share the load (each entitled to one model copy).</summary>
    public int Tenants { get; init; } = 1000;

    /// <summary>With <c>--compare scale</c>: how many copies of <see cref="Model"/> are deployed (each its own model, shard and governance).</summary>
    public int ModelCopies { get; init; } = 50;

    /// <summary>The names of the model copies served with <c>--compare scale</c>; none otherwise.</summary>
    public IReadOnlyList<string> ScaleModels => Compare == "scale"
        ? [.. Enumerable.Range(0, ModelCopies).Select(i => $"{Model}-copy-{i:00}")]
        : [];

    /// <summary>With <c>--compare scale</c>: the file of "KEY MODEL" lines the perf analyzer spreads the calls over.</summary>
    public string TenantKeysFile => Path.Combine(Path.GetDirectoryName(KeyFile)!, "scale-tenant-keys.txt");

    /// <summary>Every model the silo serves and tenant <c>bench</c> may use.</summary>
    public IReadOnlyList<string> ServedModels => [.. new[] { Model }.Concat(CompareModel is { } c ? [c] : []).Concat(ExtraModels).Distinct()];

    /// <summary>The bare server's built <c>Cluster.BareServer.dll</c>; default: its bin folder for this build's configuration.</summary>
    public required string BareServer { get; init; }

    /// <summary>With <c>--write-bench-models</c>: write the bench repository into this folder and exit.</summary>
    public string? WriteBenchModels { get; init; }

    /// <summary>With <c>--sha256-bench ROUNDS</c>: compare the audit path's SHA-256 with .NET's and exit.</summary>
    public int? Sha256Rounds { get; init; }

    /// <summary>With <c>--timer-bench WAITS</c>: time how late the system's and the shards' timers fire and exit.</summary>
    public int? TimerWaits { get; init; }

    /// <summary>With <c>--run-perf</c>: the perf analyzer's own arguments; null to serve until Ctrl-C.</summary>
    public IReadOnlyList<string>? PerfArguments { get; init; }
}
