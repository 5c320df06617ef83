using Cluster.BenchHost.Options;
using Cluster.Grains.Tenancy;

namespace Cluster.BenchHost.Hosting;

/// <summary>
/// The whole local cluster in this process, the way the integration tests' fixture builds it:
/// Azurite (tables, for tenant, key, policy and governance state), one silo with Localhost
/// clustering serving only the benchmarked model, and two gateways joined to it — <see cref="Governed"/> (as shipped) and
/// <see cref="Ungoverned"/> — each on free loopback ports. Everything lives in a scratch folder
/// removed on dispose.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private readonly string _scratch;
    private AzuriteProcess? _azurite;
    private IHost? _silo;

    private BenchCluster(string scratch) => _scratch = scratch;

    /// <summary>The operator key both gateways accept (generated per run, never written to disk).</summary>
    public string OperatorKey { get; } = ApiKeyCredential.Create(ApiKeyCredential.OperatorPrefix).Credential;

    /// <summary>As shipped: governance, quota, metering and audit.</summary>
    public GatewayHost Governed { get; private set; } = null!;

    /// <summary>Governance on; quota, metering and audit off.</summary>
    public GatewayHost GovernanceOnly { get; private set; } = null!;

    /// <summary>Nothing on.</summary>
    public GatewayHost Ungoverned { get; private set; } = null!;

    /// <summary>
    /// Perf analyzer arguments that report CPU per request of this process (silo and gateways,
    /// <c>cluster</c>) and of Azurite (<c>storage</c>) on either side of a comparison.
    /// </summary>
    public IReadOnlyList<string> CpuArguments =>
        ["--cpu-pid", $"cluster={Environment.ProcessId}", .. _azurite is { } azurite ? new[] { "--cpu-pid", $"storage={azurite.ProcessId}" } : []];

    /// <summary>The processes whose memory a run reports: this one (silo and gateways) and Azurite.</summary>
    public IReadOnlyList<(string Name, int Pid)> MemoryTargets =>
        [("cluster (silo and gateways)", Environment.ProcessId), .. _azurite is { } azurite ? new[] { ("storage (Azurite)", azurite.ProcessId) } : []];

    public static async Task<BenchCluster> StartAsync(BenchHostOptions options, CancellationToken cancellationToken)
    {
        var cluster = new BenchCluster(Path.Combine(Path.GetTempPath(), "cluster-bench-" + Guid.NewGuid().ToString("N")[..8]));
        try
        {
            await cluster.StartPartsAsync(options, cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task StartPartsAsync(BenchHostOptions options, CancellationToken cancellationToken)
    {
        var content = Directory.CreateDirectory(Path.Combine(_scratch, "content")).FullName;
        Console.Error.WriteLine("starting Azurite...");
        _azurite = await AzuriteProcess.StartAsync(options.Root, Path.Combine(_scratch, "azurite"), cancellationToken);

        var ports = FreePorts.Take(2);
        var cluster = new Dictionary<string, string?>
        {
            ["Cluster:Provider"] = "Localhost",
            ["Cluster:ClusterId"] = "bench",
            ["Cluster:ServiceId"] = "model-serving-bench",
            ["Cluster:SiloPort"] = ports[0].ToString(),
            ["Cluster:GatewayPort"] = ports[1].ToString(),
        };
        var repository = BenchRepository.Create(Path.Combine(_scratch, "models"), options.Models, options.ServedModels);
        BenchRepository.AddCopies(repository, options.Model, options.ScaleModels);
        var gateway = new Dictionary<string, string?>(cluster) { ["Auth:OperatorKey"] = OperatorKey };
        if (options.CoHosted)
        {
            Console.Error.WriteLine($"starting the silo with the governed gateway inside (serving {string.Join(", ", options.ServedModels)} from {options.Models})...");
            var silo = new Dictionary<string, string?>(gateway)
            {
                ["Storage:ConnectionString"] = _azurite.ConnectionString,
                ["ModelRepository:Root"] = repository,
                ["Silo:MetricsPort"] = "0",
                ["Silo:HostGateway"] = "true",
            };
            Governed = await GatewayHost.StartAsync("governed", GatewayMode.Full, silo, content, cancellationToken, coHostSilo: true);
        }
        else
        {
            Console.Error.WriteLine($"starting the silo (serving {string.Join(", ", options.ServedModels)} from {options.Models})...");
            _silo = await SiloHost.StartAsync(cluster, _azurite.ConnectionString, repository, content, cancellationToken);
        }

        Console.Error.WriteLine("starting the full, governance-only and open gateways...");
        Governed ??= await GatewayHost.StartAsync("governed", GatewayMode.Full, gateway, content, cancellationToken);
        GovernanceOnly = await GatewayHost.StartAsync("governance-only", GatewayMode.GovernanceOnly, gateway, content, cancellationToken);
        Ungoverned = await GatewayHost.StartAsync("ungoverned", GatewayMode.Open, gateway, content, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Ungoverned is not null) await Ungoverned.DisposeAsync();
        if (GovernanceOnly is not null) await GovernanceOnly.DisposeAsync();
        if (Governed is not null) await Governed.DisposeAsync();
        if (_silo is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _silo.StopAsync(timeout.Token);
            _silo.Dispose();
        }
        if (_azurite is not null) await _azurite.DisposeAsync();
        try { Directory.Delete(_scratch, recursive: true); } catch (IOException) { }
    }
}
