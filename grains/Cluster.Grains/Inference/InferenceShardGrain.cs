using System.Diagnostics;
using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Cluster.Grains.Inference;

/// <summary>
/// One replica of one model version. On activation it loads the version's ONNX model on its device
/// (off the Orleans scheduler); each request is validated again, waits for one of the shard's
/// execution slots (the queue), and runs on the thread pool. Reentrant, so requests overlap.
/// </summary>
[Reentrant]
public sealed partial class InferenceShardGrain(
    ModelRunnerFactory runners,
    IOptions<OnnxRuntimeOptions> runtime,
    ILogger<InferenceShardGrain> logger) : Grain, IInferenceShardGrain
{
    private readonly ShardStatisticsRecorder _statistics = new();
    private SemaphoreSlim? _slots;
    private IModelRunner? _runner;
    private InferenceResponse? _unavailable;
    private int _queued;

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
        try
        {
            _runner = await Task.Run(() => runners.Create(descriptor), cancellationToken);
            _slots = new SemaphoreSlim(runtime.Value.EffectiveConcurrency);
            LogShardActivated(logger, key.ToString(), _runner.Device);
        }
        catch (ModelLoadException ex)
        {
            _unavailable = InferenceResponse.Failure(InferenceStatus.Unavailable, $"model '{key.Model}' version {key.Version} is unavailable: {ex.Message}");
            LogShardUnavailable(logger, key.ToString(), ex.Message);
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _runner?.Dispose();
        _runner = null;
        return Task.CompletedTask;
    }

    public async Task<InferenceResponse> Infer(InferenceRequest request)
    {
        if (_runner is null || _slots is null) return _unavailable!;
        var start = Stopwatch.GetTimestamp();
        try
        {
            RequestValidator.Validate(_runner.Model, request);
            var maxQueue = _runner.Model.DynamicBatching?.MaxQueueSize ?? 0;
            if (maxQueue > 0 && _slots.CurrentCount == 0 && _queued >= maxQueue)
                return InferenceResponse.Failure(InferenceStatus.Unavailable,
                    $"model '{_runner.Model.Name}' version {_runner.Model.Version} queue is full (max_queue_size {maxQueue}); retry later.", _runner.Device);
            _queued++;
            try { await _slots.WaitAsync(); }
            finally { _queued--; }
            var queued = Stopwatch.GetTimestamp();
            RunResult result;
            try
            {
                var runner = _runner;
                result = await Task.Run(() => runner.Run(request));
            }
            finally
            {
                _slots.Release();
            }
            var timings = result.Timings with { QueueNs = OnnxModelRunner.Nanoseconds(start, queued) };
            _statistics.RecordSuccess(request.BatchSize(_runner.Model.MaxBatchSize > 0), OnnxModelRunner.Nanoseconds(start, Stopwatch.GetTimestamp()), timings);
            return new InferenceResponse(InferenceStatus.Ok, "", result.Outputs, timings, _runner.Device) { Silo = RuntimeIdentity };
        }
        catch (InferenceException ex)
        {
            _statistics.RecordFailure(OnnxModelRunner.Nanoseconds(start, Stopwatch.GetTimestamp()));
            return InferenceResponse.Failure(ex.Status, ex.Message, _runner.Device);
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException ex)
        {
            // ONNX Runtime refused inputs that passed the contract check (a value-dependent shape
            // error inside the graph, say). Its message describes shapes and nodes, never values.
            _statistics.RecordFailure(OnnxModelRunner.Nanoseconds(start, Stopwatch.GetTimestamp()));
            LogRunFailed(logger, this.GetPrimaryKeyString(), ex.Message);
            return InferenceResponse.Failure(InferenceStatus.InvalidArgument, $"model '{_runner.Model.Name}' could not run on these inputs: {ex.Message.Split('\n')[0]}", _runner.Device);
        }
    }

    public Task<ShardStatistics> GetStatistics() => Task.FromResult(_statistics.Snapshot(_runner?.Device ?? ""));

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Shard {Shard} activated on {Device}")]
    private static partial void LogShardActivated(ILogger logger, string shard, string device);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Shard {Shard} unavailable: {Reason}")]
    private static partial void LogShardUnavailable(ILogger logger, string shard, string reason);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Shard {Shard} run failed: {Reason}")]
    private static partial void LogRunFailed(ILogger logger, string shard, string reason);
}
