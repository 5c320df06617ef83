using Cluster.Grains.Placement;
using Cluster.IntegrationTests.Infrastructure;
using Cluster.Onnx;
using Cluster.Silo.Hosting;
using Google.Protobuf;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cluster.IntegrationTests.Placement;

/// <summary>
/// Three real silos in one cluster (Azure Table clustering on Azurite), each announcing different
/// devices from <c>Silo:Devices</c>: <c>cpu</c> with 8 slots, <c>cpu</c> with 4, and only a
/// configured <c>cuda:0</c> (no GPU here, so CUDA never loads). Their repository holds a
/// three-replica CPU model, a one-replica AUTO model and a GPU model. Tests call shards through a
/// silo's own grain factory, so that silo's placement director decides.
/// </summary>
public sealed class MultiSiloFixture : IAsyncLifetime
{
    public const string SpreadModel = "spread-cpu";
    public const string AutoModel = "auto-one";
    public const string GpuModel = "needs-gpu";

    public static readonly string[] SiloDevices = ["cpu", "cpu", "cuda:0"];
    public static readonly int[] CpuSlots = [8, 4, 1];

    private readonly List<IHost> _silos = [];

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "cluster-placement-" + Guid.NewGuid().ToString("N")[..8]);
    public Azurite Storage { get; private set; } = null!;
    public IReadOnlyList<IHost> Silos => _silos;

    public IGrainFactory Grains(int silo) => _silos[silo].Services.GetRequiredService<IGrainFactory>();

    public string Address(int silo) => _silos[silo].Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();

    public async Task InitializeAsync()
    {
        var repository = Path.Combine(Root, "models");
        var identity = TestModels.BuildIdentity(TritonDataType.Fp32).ToByteArray();
        Write(repository, SpreadModel, """{ "max_batch_size": 8, "instance_group": [ { "kind": "KIND_CPU", "count": 3 } ] }""", identity);
        Write(repository, AutoModel, """{ "max_batch_size": 8, "instance_group": [ { "kind": "KIND_AUTO", "count": 1 } ] }""", identity);
        Write(repository, GpuModel, """{ "max_batch_size": 8, "instance_group": [ { "kind": "KIND_GPU", "count": 1 } ] }""", identity);
        Storage = await Azurite.StartAsync(Path.Combine(Root, "azurite"));
        var clusterId = "placement-" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < SiloDevices.Length; i++)
        {
            var ports = FreePorts.Take(2);
            var settings = new Dictionary<string, string?>
            {
                ["Cluster:Provider"] = "AzureTable",
                ["Cluster:ConnectionString"] = Storage.ConnectionString,
                ["Cluster:ClusterId"] = clusterId,
                ["Cluster:ServiceId"] = "placement-tests",
                ["Cluster:Plaintext"] = "true", // a test cluster on one machine; ClusterFixture runs mutual TLS
                ["Cluster:SiloPort"] = ports[0].ToString(),
                ["Cluster:GatewayPort"] = ports[1].ToString(),
                ["Storage:ConnectionString"] = Storage.ConnectionString,
                ["ModelRepository:Root"] = repository,
                ["Silo:MetricsPort"] = "0",
                ["Silo:AdvertisedAddress"] = "127.0.0.1",
                ["Silo:Devices"] = SiloDevices[i],
                ["Silo:CpuSlots"] = CpuSlots[i].ToString(),
                ["Silo:DeviceRefreshInterval"] = "00:00:01",
                ["OnnxRuntime:IntraOpThreads"] = "1",
                ["OnnxRuntime:MaxConcurrentExecutions"] = "1",
            };
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", ContentRootPath = Root, DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders();
            builder.AddClusterSilo();
            var host = builder.Build();
            await host.StartAsync();
            _silos.Add(host);
        }
        await EverySiloSeesEveryAnnouncement();
    }

    /// <summary>
    /// Waits until every silo's directory copy holds every silo (a placement test starts from there:
    /// on two busy cores a silo can miss its refresh long enough to age out of the others' view).
    /// </summary>
    public async Task EverySiloSeesEveryAnnouncement()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_silos.Any(s => s.Services.GetRequiredService<DeviceDirectoryCache>().View().Length < _silos.Count))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the silos did not see each other's device announcements within 30 s.");
            await Task.Delay(100);
        }
    }

    private static void Write(string root, string name, string config, byte[] onnx)
    {
        var folder = Path.Combine(root, name, "1");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(root, name, "config.json"), config);
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), onnx);
    }

    public async Task DisposeAsync()
    {
        for (var i = _silos.Count - 1; i >= 0; i--)
        {
            await _silos[i].StopAsync();
            _silos[i].Dispose();
        }
        if (Storage is not null) await Storage.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
