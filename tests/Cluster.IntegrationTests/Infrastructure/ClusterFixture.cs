using Cluster.Admin.V1;
using Cluster.Gateway.Hosting;
using Cluster.Grains.Tenancy;
using Cluster.Silo.Hosting;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Inference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cluster.IntegrationTests.Infrastructure;

/// <summary>
/// A real cluster for the test run: Azurite (tables) for membership and state, one Orleans silo
/// using Azure Table clustering, and the real gateway, each a full host on its own loopback ports,
/// serving <see cref="TestRepository"/>. Tests talk to it only through gRPC and HTTP, as clients
/// would. <see cref="Client"/> and <see cref="Http"/> carry the key of tenant
/// <see cref="TestTenant"/>, which may use every test model; <see cref="Operator"/> carries the
/// operator key.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public const int MaxRequestBytes = 1024 * 1024;
    public const string TestTenant = "tests";

    private readonly string _operatorKey = ApiKeyCredential.Create(ApiKeyCredential.OperatorPrefix).Credential;
    private readonly Dictionary<string, string?> _cluster = new();
    private IHost? _silo;
    private GatewayHost? _gateway;
    private GrpcChannel? _channel;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "cluster-tests-" + Guid.NewGuid().ToString("N")[..8]);
    public string Repository => Path.Combine(Root, "models");
    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>The clock the silo and the gateways read (quota windows, key expiry); tests may move it.</summary>
    public ManualClock Clock { get; } = new();

    /// <summary>The cluster's CA: silo and gateways present a member certificate it issued (Cluster:Tls).</summary>
    public TestCertificates Certificates { get; } = TestCertificates.Create("cluster");

    /// <summary>The Orleans membership settings silo and gateways share (provider, ids, ports, TLS).</summary>
    public IReadOnlyDictionary<string, string?> ClusterSettings => _cluster;
    public Azurite Storage { get; private set; } = null!;
    public int HttpPort { get; private set; }
    public int GrpcPort { get; private set; }
    public int MetricsPort { get; private set; }
    public string TenantKey { get; private set; } = "";
    public GrpcChannel Channel => _channel!;
    public GRPCInferenceService.GRPCInferenceServiceClient Client { get; private set; } = null!;
    public GRPCInferenceService.GRPCInferenceServiceClient Anonymous { get; private set; } = null!;
    public GRPCInferenceService.GRPCInferenceServiceClient OperatorInference { get; private set; } = null!;
    public string OperatorKey => _operatorKey;
    public AdminClients Operator { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The gateway's Orleans client: only for tests about a grain's own contract (e.g. a retried audit append).</summary>
    public IClusterClient Grains => _gateway!.Services.GetRequiredService<IClusterClient>();

    /// <summary>Whether the silo co-hosts the gateway role (<c>Silo:HostGateway</c>) instead of a stand-alone gateway.</summary>
    protected virtual bool CoHostGateway => false;

    public async Task InitializeAsync()
    {
        TestRepository.Create(Repository);
        Storage = await Azurite.StartAsync(Path.Combine(Root, "azurite"));
        await PrepareRepositoryAsync();
        var ports = FreePorts.Take(2);
        _cluster["Cluster:Provider"] = "AzureTable";
        _cluster["Cluster:ConnectionString"] = Storage.ConnectionString;
        _cluster["Cluster:ClusterId"] = "test-" + Guid.NewGuid().ToString("N")[..6];
        _cluster["Cluster:ServiceId"] = "model-serving-tests";
        _cluster["Cluster:SiloPort"] = ports[0].ToString();
        _cluster["Cluster:GatewayPort"] = ports[1].ToString();
        // Members talk mutual TLS, as in production: one member certificate from a test CA.
        foreach (var (key, value) in Certificates.MemberSettings("member")) _cluster[key] = value;
        await StartClusterAsync();
        Operator = AdminClients.For(Channel, _operatorKey);
        TenantKey = await CreateTenantAsync(TestTenant, TestRepository.AllModels, [Purposes.Treat, Purposes.Research], Purposes.Treat);
        Client = ClientFor(TenantKey);
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TenantKey);
        await TestRepository.ApproveAllAsync(Operator, TestTenant);
    }

    /// <summary>Starts the silo and the gateway (again, after <see cref="StopClusterAsync"/>) and waits until ready.</summary>
    public async Task StartClusterAsync()
    {
        if (CoHostGateway)
        {
            var settings = new Dictionary<string, string?>(GatewaySettings());
            foreach (var (key, value) in SiloSettings()) settings[key] = value;
            _gateway = await GatewayHost.StartSiloWithGatewayAsync(settings, ConfigureLogging, Clock);
        }
        else
        {
            await StartSiloAsync();
            _gateway = await GatewayHost.StartAsync(GatewaySettings(), ConfigureLogging, Clock);
        }
        (HttpPort, GrpcPort, MetricsPort) = (_gateway.HttpPort, _gateway.GrpcPort, _gateway.MetricsPort);

        _channel = _gateway.Channel;
        Anonymous = new GRPCInferenceService.GRPCInferenceServiceClient(_channel);
        OperatorInference = ClientFor(_operatorKey);
        Http = _gateway.Http;
        if (TenantKey.Length > 0)
        {
            Client = ClientFor(TenantKey);
            Operator = AdminClients.For(Channel, _operatorKey);
            Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TenantKey);
        }
        await WaitUntilReady();
    }

    /// <summary>Runs once <see cref="Repository"/> is written and before the silo starts (e.g. to copy it elsewhere).</summary>
    protected virtual Task PrepareRepositoryAsync() => Task.CompletedTask;

    /// <summary>The silo's <c>ModelRepository</c> settings: by default the folder <see cref="Repository"/>.</summary>
    protected virtual IReadOnlyDictionary<string, string?> RepositorySettings() =>
        new Dictionary<string, string?> { ["ModelRepository:Root"] = Repository };

    private Dictionary<string, string?> SiloSettings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Storage.ConnectionString,
            ["Silo:MetricsPort"] = "0",
            ["Silo:AdvertisedAddress"] = "127.0.0.1",
            ["OnnxRuntime:IntraOpThreads"] = "1",
            ["OnnxRuntime:MaxConcurrentExecutions"] = "1",
        };
        foreach (var (key, value) in RepositorySettings()) settings[key] = value;
        return settings;
    }

    private async Task StartSiloAsync()
    {
        var siloBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Testing",
            ContentRootPath = Root,
            DisableDefaults = true,
        });
        siloBuilder.Configuration.AddInMemoryCollection(_cluster).AddInMemoryCollection(SiloSettings());
        ConfigureLogging(siloBuilder.Logging);
        siloBuilder.Services.AddSingleton<TimeProvider>(Clock);
        siloBuilder.AddClusterSilo();
        _silo = siloBuilder.Build();
        await _silo.StartAsync();
    }

    /// <summary>Another gateway joined to the same cluster (stateless; scale-out), with its own ports.</summary>
    public Task<GatewayHost> StartExtraGatewayAsync() => GatewayHost.StartAsync(GatewaySettings(), ConfigureLogging, Clock);

    /// <summary>Another gateway with <paramref name="extra"/> settings over the fixture's.</summary>
    public Task<GatewayHost> StartExtraGatewayAsync(IDictionary<string, string?> extra)
    {
        var settings = GatewaySettings();
        foreach (var (key, value) in extra) settings[key] = value;
        return GatewayHost.StartAsync(settings, ConfigureLogging, Clock);
    }

    /// <summary>
    /// Another gateway with <paramref name="extra"/> settings (TLS), reached through
    /// <paramref name="tlsHandler"/>, on its own <paramref name="clock"/> (so a test can move its
    /// time without moving the shared cluster's).
    /// </summary>
    public Task<GatewayHost> StartTlsGatewayAsync(IDictionary<string, string?> extra, Func<HttpMessageHandler> tlsHandler, ManualClock clock)
    {
        var settings = GatewaySettings();
        foreach (var (key, value) in extra) settings[key] = value;
        return GatewayHost.StartTlsAsync(settings, ConfigureLogging, clock, tlsHandler);
    }

    private Dictionary<string, string?> GatewaySettings() => new(_cluster)
    {
        ["Gateway:MaxRequestBytes"] = MaxRequestBytes.ToString(),
        ["Gateway:CatalogRefreshInterval"] = "00:00:01",
        ["Auth:OperatorKey"] = _operatorKey,
        // Every test calls from 127.0.0.1 and many send bad keys on purpose: the per-source limit
        // on failed authentications has its own test with the production defaults.
        ["Auth:FailedAuthenticationBurst"] = "100000",
        // The tests wait up to 10 s for usage and audit to reach storage. With the production pacing
        // (20 rows a second) the many tenants the test classes use in parallel could stretch the
        // shared gateway's writes past that; pacing has its own tests (FlushPacingTests,
        // JournalingFlushTests, GatewayJournalTests).
        ["Metering:FlushRowsPerSecond"] = "100000",
    };

    public async Task StopClusterAsync()
    {
        if (_gateway is not null) { await _gateway.DisposeAsync(); _gateway = null; }
        if (_silo is not null) { await _silo.StopAsync(); _silo.Dispose(); _silo = null; }
    }

    /// <summary>A KServe client that sends <paramref name="key"/> as its bearer credential.</summary>
    public GRPCInferenceService.GRPCInferenceServiceClient ClientFor(string key) =>
        new(Channel.Intercept(m => { m.Add("authorization", $"Bearer {key}"); return m; }));

    public AdminClients AdminFor(string key) => AdminClients.For(Channel, key);

    /// <summary>Creates a tenant with a policy and returns a fresh key for it.</summary>
    public async Task<string> CreateTenantAsync(string id, IEnumerable<string> models, string[] purposes, string defaultPurpose = "", string version = "*")
    {
        await Operator.Tenants.CreateTenantAsync(new CreateTenantRequest { Id = id, DisplayName = $"Test tenant {id}" });
        var policy = new SetPolicyRequest { TenantId = id, DefaultPurpose = defaultPurpose };
        policy.Entitlements.Add(models.Select(m => new Cluster.Admin.V1.Entitlement { Model = m, Version = version }));
        policy.PermittedPurposes.Add(purposes);
        await Operator.Policies.SetPolicyAsync(policy);
        return (await Operator.Keys.IssueKeyAsync(new IssueKeyRequest { TenantId = id, Name = "tests" })).Secret;
    }

    private void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Debug);
        logging.AddFilter("Orleans", LogLevel.Information);
        logging.AddFilter("Microsoft", LogLevel.Information);
        logging.AddFilter("Azure", LogLevel.Warning);
        logging.AddProvider(Logs);
    }

    private async Task WaitUntilReady()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await Http.GetAsync("/v2/health/ready");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("the test cluster did not become ready within 90 s.");
    }

    public string ModelPath(string model, int version = 1) => Path.Combine(Repository, model, version.ToString(), "model.onnx");

    /// <summary>Releases what <see cref="PrepareRepositoryAsync"/> started, once the cluster has stopped.</summary>
    protected virtual ValueTask DisposeRepositoryAsync() => ValueTask.CompletedTask;

    public async Task DisposeAsync()
    {
        await StopClusterAsync();
        await DisposeRepositoryAsync();
        if (Storage is not null) await Storage.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
        Certificates.Dispose();
    }
}
