namespace Cluster.PerfAnalyzer.Options;

/// <summary>What one run measures, and against what. Parsed by <see cref="PerfOptionsParser"/>.</summary>
public sealed record PerfOptions
{
    public const string DefaultEndpoint = "http://127.0.0.1:8001";
    public const string DefaultRepository = "models";
    public const int DefaultBatchSize = 1;
    public const double DefaultWarmupSeconds = 2;
    public const double DefaultMeasureSeconds = 5;
    public const double DefaultRequestTimeoutSeconds = 30;
    public const int DefaultSeed = 1;
    public const int MaxConcurrency = 1024;
    public const string ApiKeyEnvironmentVariable = "CLUSTER_API_KEY";
    public const string DefaultLabel = "cluster";
    public const string DefaultCompareLabel = "compare";
    public const int DefaultRounds = 3;
    public const int MaxRounds = 100;
    public const int DefaultGeneratedIntMax = 10;
    public const int DefaultMaxOutstanding = 1024;
    public const int DefaultBaselineBatchCallers = 1;
    public const int MaxBatchSizes = 16;

    /// <summary>The gateway's gRPC address; <c>http://</c> is plain-text HTTP/2 (h2c). With several gateways, the first.</summary>
    public Uri Endpoint { get; init; } = new(DefaultEndpoint);

    /// <summary>
    /// Several gateways (<c>--endpoint A,B,...</c>): the calls are spread over those that are ready,
    /// by gRPC's client-side round_robin (Load/ReadyGatewaysResolver), as behind a load balancer.
    /// Empty with one gateway.
    /// </summary>
    public IReadOnlyList<Uri> Gateways { get; init; } = [];

    /// <summary>The model to load; required.</summary>
    public string Model { get; init; } = "";

    /// <summary>The version to ask for; null asks the server for its default and the baseline uses the highest local version.</summary>
    public string? Version { get; init; }

    /// <summary>The model repository folder: <c>&lt;repo&gt;/&lt;model&gt;/config.json</c> and <c>&lt;repo&gt;/&lt;model&gt;/&lt;version&gt;/model.onnx</c>.</summary>
    public string Repository { get; init; } = DefaultRepository;

    /// <summary>The numbers of concurrent callers, one measurement each, in the order given.</summary>
    public IReadOnlyList<int> Concurrency { get; init; } = [1];

    /// <summary>Rows per request (the leading dimension when the model batches).</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Load before each measured window whose requests are not counted.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(DefaultWarmupSeconds);

    /// <summary>The measured window: requests completing inside it are counted.</summary>
    public TimeSpan Measure { get; init; } = TimeSpan.FromSeconds(DefaultMeasureSeconds);

    /// <summary>
    /// HTTP/2 connections the callers spread over (caller <i>i</i> uses connection <i>i</i> mod N),
    /// per endpoint: one connection carries every stream through one reader and one writer on each
    /// side, which caps large responses (the GPU runs' 196 KB outputs) before the cores do.
    /// </summary>
    public int Connections { get; init; } = 1;

    /// <summary>Most connections <see cref="Connections"/> may ask for.</summary>
    public const int MaxConnections = 256;

    /// <summary>The deadline of each gRPC call.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(DefaultRequestTimeoutSeconds);

    /// <summary>A file holding the API key sent as <c>authorization: Bearer</c>; else <see cref="ApiKeyEnvironmentVariable"/>.</summary>
    public string? KeyFile { get; init; }

    /// <summary>An HL7 v3 PurposeOfUse code sent as request parameter <c>purpose_of_use</c>; none when null.</summary>
    public string? PurposeOfUse { get; init; }

    /// <summary>Where to write the JSON report; none when null.</summary>
    public string? JsonPath { get; init; }

    /// <summary>Where to write the Markdown report; none when null.</summary>
    public string? MarkdownPath { get; init; }

    /// <summary>A CSV of feature rows to send; inputs are generated from <see cref="Seed"/> when null.</summary>
    public string? DataPath { get; init; }

    /// <summary>The seed of generated inputs.</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>Shapes (without the batch dimension) for inputs whose config.json dims hold -1.</summary>
    public IReadOnlyDictionary<string, long[]> Shapes { get; init; } = new Dictionary<string, long[]>();

    /// <summary>ONNX Runtime intra-op threads of the baseline session; 0 lets ONNX Runtime choose.</summary>
    public int BaselineIntraOpThreads { get; init; }

    /// <summary>
    /// Where the baseline session runs: <c>cpu</c> (default) or <c>cuda:N</c> (ONNX Runtime's CUDA
    /// execution provider on device N, outputs copied back to the host as a server must), so a GPU
    /// run reports the cluster against the device's own best.
    /// </summary>
    public string BaselineDevice { get; init; } = "cpu";

    /// <summary>Skip the cluster and measure only the in-process baseline.</summary>
    public bool BaselineOnly { get; init; }

    /// <summary>Skip the in-process baseline (for a comparison of two endpoints).</summary>
    public bool NoBaseline { get; init; }

    /// <summary>A second gateway measured in the same run, in windows alternating with <see cref="Endpoint"/>; none when null.</summary>
    public Uri? CompareEndpoint { get; init; }

    /// <summary>A file of "KEY MODEL" lines: the primary endpoint's calls are spread over these tenants and models (a scale test); null: one key, one model.</summary>
    public string? TenantKeysFile { get; init; }

    /// <summary>The API key file for <see cref="CompareEndpoint"/>; when null the primary key (if any) is sent there too.</summary>
    public string? CompareKeyFile { get; init; }

    /// <summary>The name of <see cref="Endpoint"/> in reports.</summary>
    public string Label { get; init; } = DefaultLabel;

    /// <summary>The name of <see cref="CompareEndpoint"/> in reports.</summary>
    public string CompareLabel { get; init; } = DefaultCompareLabel;

    /// <summary>
    /// With <see cref="CompareEndpoint"/>: how many times the two endpoints take turns per
    /// concurrency; the measured window is split evenly over the rounds of each endpoint.
    /// </summary>
    public int Rounds { get; init; } = DefaultRounds;

    /// <summary>
    /// Processes whose CPU time a comparison reports per request on each side (<c>--cpu-pid NAME=PID</c>,
    /// repeatable; this load generator is added as <c>load</c>). Empty: none.
    /// </summary>
    public IReadOnlyList<Load.CpuTarget> CpuTargets { get; init; } = [];

    /// <summary>
    /// The model name sent to <see cref="CompareEndpoint"/>; null sends <see cref="Model"/>. With the
    /// same endpoint twice it compares two model entries of one gateway (batching on and off).
    /// </summary>
    public string? CompareModel { get; init; }

    /// <summary>Generated integer inputs are drawn from [0, this): 2 fits token type ids and attention masks.</summary>
    public int GeneratedIntMax { get; init; } = DefaultGeneratedIntMax;

    /// <summary>A UTF-8 text file, one element per line, for a model whose one input is BYTES (TYPE_STRING).</summary>
    public string? TextPath { get; init; }

    /// <summary>
    /// Fixed-rate (open-loop) mode: requests per second to offer, one measurement each, instead of
    /// <see cref="Concurrency"/>. Empty in concurrency (closed-loop) mode.
    /// </summary>
    public IReadOnlyList<double> RequestRates { get; init; } = [];

    /// <summary>In fixed-rate mode: most requests in flight; a request due beyond it is not sent and counted as a failure.</summary>
    public int MaxOutstanding { get; init; } = DefaultMaxOutstanding;

    /// <summary>
    /// In-process batch sweep: rows per <c>Run</c> to try (each within max_batch_size); the best rows/s
    /// is the "in-process at its best batch size" reference. Empty: no sweep.
    /// </summary>
    public IReadOnlyList<int> BaselineBatchSizes { get; init; } = [];

    /// <summary>Threads calling <c>Run</c> at once in the batch sweep.</summary>
    public int BaselineBatchCallers { get; init; } = DefaultBaselineBatchCallers;

    /// <summary>Where to write the PNG chart of latency against throughput; none when null.</summary>
    public string? ChartPath { get; init; }

    /// <summary>True in fixed-rate mode.</summary>
    public bool FixedRate => RequestRates.Count > 0;

    /// <summary>The model name the comparison endpoint receives.</summary>
    public string CompareModelName => CompareModel ?? Model;

    /// <summary>True when a second endpoint is measured against the first.</summary>
    public bool Compares => CompareEndpoint is not null;

    /// <summary>The arguments as given, for the report.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];
}
