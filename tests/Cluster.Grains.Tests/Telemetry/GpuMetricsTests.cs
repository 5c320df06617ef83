using Cluster.Grains.Devices.Telemetry;
using Prometheus;
using static Cluster.Grains.Tests.Telemetry.PrometheusText;

namespace Cluster.Grains.Tests.Telemetry;

public sealed class GpuMetricsTests
{
    private const string A = "GPU-aaaaaaaa-0000-0000-0000-000000000000";
    private const string B = "GPU-bbbbbbbb-0000-0000-0000-000000000000";

    [Fact]
    public async Task AReadingIsExportedUnderTritonsNamesWithUuidAndDevice()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new GpuMetrics(registry);

        metrics.Update([new GpuSample(1, A, 0.25, 3L << 30, 80L << 30, 150, 700)], TimeSpan.FromSeconds(5));

        var scrape = await ScrapeAsync(registry);
        Assert.Equal(0.25, scrape[Gpu("nv_gpu_utilization", A, "cuda:1")]);
        Assert.Equal(3L << 30, scrape[Gpu("nv_gpu_memory_used_bytes", A, "cuda:1")]);
        Assert.Equal(80L << 30, scrape[Gpu("nv_gpu_memory_total_bytes", A, "cuda:1")]);
        Assert.Equal(150, scrape[Gpu("nv_gpu_power_usage", A, "cuda:1")]);
        Assert.Equal(700, scrape[Gpu("nv_gpu_power_limit", A, "cuda:1")]);
        Assert.Equal(0, scrape[Gpu("nv_energy_consumption", A, "cuda:1")]);
    }

    [Fact]
    public async Task EnergyAddsThePowerOfEachReadingOverTheTimeSinceThePrevious()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new GpuMetrics(registry);

        metrics.Update([new GpuSample(0, A, 0, 0, 1, 100, 700)], TimeSpan.Zero);
        metrics.Update([new GpuSample(0, A, 0, 0, 1, 200, 700)], TimeSpan.FromSeconds(5));
        metrics.Update([new GpuSample(0, A, 0, 0, 1, null, 700)], TimeSpan.FromSeconds(5));
        metrics.Update([new GpuSample(0, A, 0, 0, 1, 50, 700)], TimeSpan.FromSeconds(2));

        Assert.Equal(200 * 5 + 50 * 2, (await ScrapeAsync(registry))[Gpu("nv_energy_consumption", A, "cuda:0")]);
    }

    [Fact]
    public async Task AGpuMissingFromAReadingLosesEveryItsSeries()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new GpuMetrics(registry);
        metrics.Update([new GpuSample(0, A, 0.5, 1, 2, 3, 4), new GpuSample(1, B, 0.5, 1, 2, 3, 4)], TimeSpan.Zero);

        metrics.Update([new GpuSample(1, B, 0.75, 1, 2, 3, 4)], TimeSpan.FromSeconds(5));

        var scrape = await ScrapeAsync(registry);
        Assert.DoesNotContain(scrape.Keys, k => k.Contains(A, StringComparison.Ordinal));
        Assert.Equal(0.75, scrape[Gpu("nv_gpu_utilization", B, "cuda:1")]);
        Assert.Equal(6, scrape.Keys.Count(k => k.Contains(B, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AValueTheDriverStopsReportingLosesItsSeriesOnly()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new GpuMetrics(registry);
        metrics.Update([new GpuSample(0, A, 0.5, 1, 2, 3, 4)], TimeSpan.Zero);

        metrics.Update([new GpuSample(0, A, null, 1, 2, null, 4)], TimeSpan.FromSeconds(5));

        var scrape = await ScrapeAsync(registry);
        Assert.False(scrape.ContainsKey(Gpu("nv_gpu_utilization", A, "cuda:0")));
        Assert.False(scrape.ContainsKey(Gpu("nv_gpu_power_usage", A, "cuda:0")));
        Assert.Equal(0, scrape[Gpu("nv_energy_consumption", A, "cuda:0")]);
        Assert.Equal(2, scrape[Gpu("nv_gpu_memory_total_bytes", A, "cuda:0")]);
    }

    [Fact]
    public async Task AGpuThatNeverReportsPowerGetsNoEnergySeries()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new GpuMetrics(registry);

        metrics.Update([new GpuSample(0, A, 0.5, 1, 2, null, null)], TimeSpan.Zero);
        metrics.Update([new GpuSample(0, A, 0.5, 1, 2, null, null)], TimeSpan.FromSeconds(5));

        var scrape = await ScrapeAsync(registry);
        Assert.False(scrape.ContainsKey(Gpu("nv_energy_consumption", A, "cuda:0")));
        Assert.True(scrape.ContainsKey(Gpu("nv_gpu_utilization", A, "cuda:0")));
    }

    [Fact]
    public async Task ClearRemovesEveryGpu()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new GpuMetrics(registry);
        metrics.Update([new GpuSample(0, A, 0.5, 1, 2, 3, 4)], TimeSpan.Zero);

        metrics.Clear();

        Assert.DoesNotContain((await ScrapeAsync(registry)).Keys, k => k.StartsWith("nv_", StringComparison.Ordinal));
    }
}
