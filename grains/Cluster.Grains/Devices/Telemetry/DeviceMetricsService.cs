using Cluster.Grains.Placement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Cluster.Grains.Devices.Telemetry;

/// <summary>
/// Every <c>Silo:GpuMetricsInterval</c> (on the injected clock), publishes where this silo's shards
/// run (<see cref="DeviceShardMetrics"/>) and, when <c>Silo:GpuMetrics</c> says so (by default when
/// the silo has a CUDA device), its GPUs' readings (<see cref="GpuMetrics"/>). A source that is not
/// available stops the GPU readings for good; the shard gauges go on.
/// </summary>
public sealed partial class DeviceMetricsService(
    DeviceAllocator allocator,
    IGpuTelemetrySource source,
    CollectorRegistry registry,
    IOptions<GpuMetricsOptions> options,
    TimeProvider time,
    ILogger<DeviceMetricsService> logger) : BackgroundService
{
    private DeviceShardMetrics? _shards;
    private GpuMetrics? _gpus;
    private long _lastReading;
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var o = options.Value;
        _shards = new DeviceShardMetrics(registry);
        _gpus = GpuMetricsWanted(o.GpuMetrics, allocator.Devices) ? new GpuMetrics(registry) : null;
        if (_gpus is null) LogGpuMetricsOff(logger, o.GpuMetrics.ToString());
        else LogGpuMetricsOn(logger, o.GpuMetricsInterval);
        using var timer = new PeriodicTimer(o.GpuMetricsInterval, time);
        _lastReading = time.GetTimestamp();
        try
        {
            do
            {
                try
                {
                    await ReadAsync(stoppingToken);
                    _failing = false;
                }
                catch (Exception ex) when (ex is not OperationCanceledException && ex is not OutOfMemoryException)
                {
                    // Logged once per run of failures; a background service that throws would stop the silo.
                    if (!_failing) LogReadFailed(logger, ex);
                    _failing = true;
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ReadAsync(CancellationToken stoppingToken)
    {
        _shards!.Update(allocator.Snapshot());
        if (_gpus is null) return;
        var samples = await source.ReadAsync(stoppingToken);
        var now = time.GetTimestamp();
        if (samples is null)
        {
            _gpus.Clear();
            _gpus = null;
            return;
        }
        _gpus.Update(samples, time.GetElapsedTime(_lastReading, now));
        _lastReading = now;
    }

    /// <summary>Whether the mode asks for GPU readings on a silo with these devices.</summary>
    public static bool GpuMetricsWanted(GpuMetricsMode mode, IReadOnlyList<LocalDevice> devices) => mode switch
    {
        GpuMetricsMode.On => true,
        GpuMetricsMode.Auto => devices.Any(d => d.Type == DeviceType.Cuda),
        _ => false,
    };
}
