using Cluster.Grains.Devices;
using Cluster.Grains.Devices.Telemetry;
using Cluster.Grains.Inference;
using Cluster.Grains.Onnx;
using Cluster.Grains.Placement;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Prometheus;
using static Cluster.Grains.Tests.Telemetry.PrometheusText;

namespace Cluster.Grains.Tests.Telemetry;

/// <summary>The polling service on a fake clock (its timer fires only when the test advances it), a fake GPU source and configured devices.</summary>
public sealed class DeviceMetricsServiceTests : IAsyncDisposable
{
    private const string A = "GPU-aaaaaaaa-0000-0000-0000-000000000000";
    private const string B = "GPU-bbbbbbbb-0000-0000-0000-000000000000";
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _clock = new();
    private readonly FakeGpuSource _source = new();
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private DeviceMetricsService? _service;

    private DeviceAllocator Start(string devices, GpuMetricsMode mode = GpuMetricsMode.Auto)
    {
        var allocator = new DeviceAllocator(
            new DeviceDiscovery(Options.Create(new DeviceOptions { Devices = devices, CpuSlots = 8, CudaDeviceSlots = 4 }), NullLogger<DeviceDiscovery>.Instance),
            NullLogger<DeviceAllocator>.Instance);
        _service = new DeviceMetricsService(allocator, _source, _registry,
            Options.Create(new GpuMetricsOptions { GpuMetrics = mode, GpuMetricsInterval = s_interval }), _clock,
            NullLogger<DeviceMetricsService>.Instance);
        _service.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return allocator;
    }

    public async ValueTask DisposeAsync()
    {
        if (_service is not null) await _service.StopAsync(CancellationToken.None);
        _service?.Dispose();
    }

    /// <summary>Scrapes until <paramref name="condition"/> holds (the service reads on its own task), for at most 10 s.</summary>
    private async Task<IReadOnlyDictionary<string, double>> ScrapeUntilAsync(Func<IReadOnlyDictionary<string, double>, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var scrape = await ScrapeAsync(_registry);
            if (condition(scrape)) return scrape;
            Assert.True(DateTime.UtcNow < deadline, "timed out; last scrape:\n" + string.Join("\n", scrape.Select(s => $"{s.Key} {s.Value}")));
            await Task.Delay(10);
        }
    }

    private static bool Has(IReadOnlyDictionary<string, double> scrape, string series, double value) =>
        scrape.TryGetValue(series, out var v) && Math.Abs(v - value) < 1e-9;

    [Fact]
    public async Task GpuValuesAppearAtStartAndFollowEachTickOfTheClock()
    {
        _source.Answer(new GpuSample(0, A, 0.1, 1L << 30, 80L << 30, 100, 700));
        Start("cpu,cuda:0");
        await ScrapeUntilAsync(s => Has(s, Gpu("nv_gpu_utilization", A, "cuda:0"), 0.1) && Has(s, Gpu("nv_gpu_memory_total_bytes", A, "cuda:0"), 80L << 30));

        _source.Answer(new GpuSample(0, A, 0.9, 60L << 30, 80L << 30, 600, 700));
        _clock.Advance(s_interval);

        var scrape = await ScrapeUntilAsync(s => Has(s, Gpu("nv_gpu_utilization", A, "cuda:0"), 0.9));
        Assert.Equal(60L << 30, scrape[Gpu("nv_gpu_memory_used_bytes", A, "cuda:0")]);
        Assert.Equal(600 * 5, scrape[Gpu("nv_energy_consumption", A, "cuda:0")]);
    }

    [Fact]
    public async Task NothingIsReadBeforeTheIntervalHasPassedOnTheClock()
    {
        _source.Answer(new GpuSample(0, A, 0.1, 1, 2, 3, 4));
        Start("cuda:0");
        await ScrapeUntilAsync(s => s.ContainsKey(Gpu("nv_gpu_utilization", A, "cuda:0")));

        _clock.Advance(s_interval - TimeSpan.FromMilliseconds(1));
        await Task.Delay(100);
        Assert.Equal(1, _source.Reads);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await ScrapeUntilAsync(_ => _source.Reads == 2);
    }

    [Fact]
    public async Task AGpuThatDisappearsIsRemovedFromTheMetrics()
    {
        _source.Answer(new GpuSample(0, A, 0.5, 1, 2, 3, 4), new GpuSample(1, B, 0.5, 1, 2, 3, 4));
        Start("cpu,cuda:0,cuda:1");
        await ScrapeUntilAsync(s => s.ContainsKey(Gpu("nv_gpu_utilization", B, "cuda:1")));

        _source.Answer(new GpuSample(0, A, 0.5, 1, 2, 3, 4));
        _clock.Advance(s_interval);

        var scrape = await ScrapeUntilAsync(s => !s.ContainsKey(Gpu("nv_gpu_utilization", B, "cuda:1")));
        Assert.DoesNotContain(scrape.Keys, k => k.Contains(B, StringComparison.Ordinal));
        Assert.True(scrape.ContainsKey(Gpu("nv_gpu_utilization", A, "cuda:0")));
    }

    [Fact]
    public async Task ACpuOnlySiloNeverAsksForGpusAndExportsNoGpuSeries()
    {
        Start("cpu");
        await ScrapeUntilAsync(s => Has(s, Series("cluster_device_slots", ("device", "cpu")), 8));
        _clock.Advance(s_interval);
        _clock.Advance(s_interval);
        await Task.Delay(100);

        Assert.Equal(0, _source.Reads);
        Assert.DoesNotContain((await ScrapeAsync(_registry)).Keys, k => k.StartsWith("nv_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GpuMetricsOnAsksEvenWithoutACudaDeviceAndOffNever()
    {
        _source.Answer(new GpuSample(0, A, 0.5, 1, 2, 3, 4));
        Start("cpu", GpuMetricsMode.On);

        await ScrapeUntilAsync(s => s.ContainsKey(Gpu("nv_gpu_utilization", A, "cuda:0")));
        Assert.False(DeviceMetricsService.GpuMetricsWanted(GpuMetricsMode.Off, [new LocalDevice("cuda:0", DeviceType.Cuda, 0, 0, 0, 1)]));
    }

    [Fact]
    public async Task ASourceThatIsNotAvailableIsNotAskedAgainAndLeavesNoGpuSeries()
    {
        _source.Unavailable();
        Start("cpu,cuda:0");
        await ScrapeUntilAsync(_ => _source.Reads == 1);

        _clock.Advance(s_interval);
        await ScrapeUntilAsync(s => s.ContainsKey(Series("cluster_device_shards", ("device", "cuda:0"))));
        _clock.Advance(s_interval);
        await Task.Delay(100);

        Assert.Equal(1, _source.Reads);
        Assert.DoesNotContain((await ScrapeAsync(_registry)).Keys, k => k.StartsWith("nv_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShardsPerDeviceFollowTheAllocator()
    {
        var allocator = Start("cpu,cuda:0");
        await ScrapeUntilAsync(s => Has(s, Series("cluster_device_slots", ("device", "cuda:0")), 4));
        var gpu = new DeviceRequirement(DeviceKind.Cuda, []);
        Assert.True(allocator.TryAllocate(new ShardKey("encoder", 2, 0), gpu, out var first, out _));
        Assert.True(allocator.TryAllocate(new ShardKey("encoder", 2, 1), gpu, out var second, out _));
        Assert.True(allocator.TryAllocate(new ShardKey("risk", 1, 0), DeviceRequirement.Cpu, out var third, out _));

        _clock.Advance(s_interval);
        var scrape = await ScrapeUntilAsync(s => Has(s, Series("cluster_device_shards", ("device", "cuda:0")), 2));
        Assert.Equal(1, scrape[Series("cluster_device_shards", ("device", "cpu"))]);
        Assert.Equal(2, scrape[Series("cluster_shard_device_info", ("model", "encoder"), ("version", "2"), ("device", "cuda:0"))]);
        Assert.Equal(1, scrape[Series("cluster_shard_device_info", ("model", "risk"), ("version", "1"), ("device", "cpu"))]);

        first!.Dispose();
        second!.Dispose();
        _clock.Advance(s_interval);
        // One update sets the counts, then drops the info series of shards gone: a scrape can fall between the two.
        var encoderInfo = Series("cluster_shard_device_info", ("model", "encoder"), ("version", "2"), ("device", "cuda:0"));
        scrape = await ScrapeUntilAsync(s => Has(s, Series("cluster_device_shards", ("device", "cuda:0")), 0) && !s.ContainsKey(encoderInfo));
        Assert.Equal(1, scrape[Series("cluster_shard_device_info", ("model", "risk"), ("version", "1"), ("device", "cpu"))]);
        third!.Dispose();
    }
}
