using Cluster.Grains.Devices;
using Cluster.Grains.Inference.Batching;
using Cluster.Grains.Onnx;
using Cluster.Grains.Placement;
using Cluster.Grains.Repository;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;

namespace Cluster.Grains.Inference;

/// <summary>
/// One replica of one model version. On activation it loads the version's ONNX model on its device
/// (off the Orleans scheduler); each request is validated again and queued in the shard's
/// <see cref="DynamicBatcher"/>: one execution path for every model. With <c>dynamic_batching</c>
/// (and max_batch_size above 0) it joins queued requests into batches (docs/batching.md); any
/// other model's requests run one per execution, at once, as many at a time as the shard's slots. Reentrant, so requests overlap. Placed by
/// <see cref="DevicePlacement"/> on a silo with a free slot on the device kind its model needs and
/// pinned there; the silo's <see cref="DeviceAllocator"/> gives it its device (docs/placement.md).
/// </summary>
[Reentrant]
[DevicePlacement]
[Immovable]
public sealed partial class InferenceShardGrain(
    ModelRunnerFactory runners,
    DeviceAllocator devices,
    DeviceDirectoryCache directory,
    IOptions<OnnxRuntimeOptions> runtime,
    TimeProvider time,
    ILogger<InferenceShardGrain> logger) : Grain, IInferenceShardGrain
{
    private readonly ShardStatisticsRecorder _statistics = new(time);
    private IModelRunner? _runner;
    private DynamicBatcher? _batcher;
    private ShardMetrics? _metrics;
    private InferenceResponse? _unavailable;
    private DeviceLease? _lease;
    private bool _placeAgain;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = ShardKey.Parse(this.GetPrimaryKeyString());
        var descriptor = await GrainFactory.GetGrain<IModelRepositoryGrain>(IModelRepositoryGrain.DefaultKey)
            .GetVersion(key.Model, key.Version);
        if (descriptor is null)
        {
            _unavailable = InferenceResponse.Failure(InferenceStatus.NotFound, $"model '{key.Model}' has no version {key.Version}.");
            return;
        }
        if (!descriptor.IsReady)
        {
            _unavailable = InferenceResponse.Failure(InferenceStatus.Unavailable, $"model '{key.Model}' version {key.Version} is unavailable: {descriptor.Reason}");
            return;
        }
        var need = DeviceRequirement.For(descriptor);
        if (!devices.TryAllocate(key, need, out var lease, out var reason))
        {
            // Answer UNAVAILABLE, then go so that the next call is placed afresh (a silo with the
            // device may have joined, or a slot been freed, by then).
            var cluster = DevicePlacementChooser.Explain(need, directory.View());
            _unavailable = InferenceResponse.Failure(InferenceStatus.Unavailable,
                $"model '{key.Model}' version {key.Version} needs {need.Describe()}: {reason}; {cluster}.");
            _placeAgain = true;
            LogNoDevice(logger, key.ToString(), need.Describe(), reason, cluster);
            return;
        }
        _lease = lease;
        try
        {
            var device = need.Kind == DeviceKind.Auto && lease.Spec.Kind == DeviceKind.Cuda
                ? new DeviceSpec(DeviceKind.Auto, lease.Spec.CudaDevice)
                : lease.Spec;
            _runner = await Task.Run(() => runners.Create(descriptor, device), cancellationToken);
            _lease = devices.Reassign(lease, _runner.Device);
            if (descriptor.Warmup.Length > 0)
            {
                var runner = _runner;
                try
                {
                    var (runs, elapsed) = await Task.Run(() => ModelWarmup.Run(runner, descriptor.Warmup, time), cancellationToken);
                    LogWarmedUp(logger, key.ToString(), runs, elapsed.TotalMilliseconds);
                }
                catch (ModelLoadException)
                {
                    _runner = null;
                    runner.Dispose();
                    throw;
                }
            }
            var policy = BatchingPolicy.For(descriptor, runtime.Value.ConcurrencyFor(_runner.Device), time.TimestampFrequency);
            _metrics = new ShardMetrics(descriptor.Name, descriptor.VersionText);
            _batcher = new DynamicBatcher(_runner, policy, _statistics, _metrics, logger, key.ToString(), Timing.PreciseTimeProvider.For(time));
            LogShardActivated(logger, key.ToString(), _runner.Device, policy.Joins ? "on" : "off");
        }
        catch (ModelLoadException ex)
        {
            _unavailable = InferenceResponse.Failure(InferenceStatus.Unavailable, $"model '{key.Model}' version {key.Version} is unavailable: {ex.Message}");
            LogShardUnavailable(logger, key.ToString(), ex.Message);
            _lease?.Dispose();
            _lease = null;
        }
        catch
        {
            // A failed activation is not deactivated: give the slot back here.
            _lease?.Dispose();
            _lease = null;
            throw;
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The batcher answers what is still queued and waits for running batches before the session goes.
        if (_batcher is not null) await _batcher.DisposeAsync();
        _batcher = null;
        _runner?.Dispose();
        _runner = null;
        _lease?.Dispose();
        _lease = null;
    }

    public async Task<InferenceResponse> Infer(InferenceRequest request)
    {
        if (_runner is null || _batcher is null)
        {
            if (!_placeAgain) return _unavailable!;
            this.DeactivateOnIdle();
            return _unavailable! with { NotRun = true };
        }
        var start = time.GetTimestamp();
        try
        {
            RequestValidator.Validate(_runner.Model, request);
        }
        catch (InferenceException ex)
        {
            _statistics.RecordFailure((long)time.GetElapsedTime(start).TotalNanoseconds);
            return InferenceResponse.Failure(ex.Status, ex.Message, _runner.Device);
        }
        return await _batcher.Submit(request, start) with { Silo = RuntimeIdentity };
    }

    public Task<ShardStatistics> GetStatistics() => Task.FromResult(_statistics.Snapshot(_runner?.Device ?? ""));

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Shard {Shard} activated on {Device} (dynamic batching {Batching})")]
    private static partial void LogShardActivated(ILogger logger, string shard, string device, string batching);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Shard {Shard} warmed up: {Runs} runs in {Milliseconds:F1} ms")]
    private static partial void LogWarmedUp(ILogger logger, string shard, int runs, double milliseconds);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Shard {Shard} unavailable: {Reason}")]
    private static partial void LogShardUnavailable(ILogger logger, string shard, string reason);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Shard {Shard} has no device: it needs {Need}; {Reason}; {Cluster}")]
    private static partial void LogNoDevice(ILogger logger, string shard, string need, string reason, string cluster);
}
