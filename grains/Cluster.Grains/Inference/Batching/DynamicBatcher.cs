using System.Diagnostics;
using Cluster.Grains.Onnx;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace Cluster.Grains.Inference.Batching;

/// <summary>
/// A shard's dynamic batcher (Triton's semantics; docs/batching.md). Requests wait in a
/// <see cref="FairQueue"/>; one scheduling loop on the thread pool (never on the Orleans
/// scheduler) forms a batch whenever one of the shard's execution slots is free
/// (<see cref="BatchPlanner"/>), joins it into one request (<see cref="BatchAssembler"/>), runs it
/// with ONE <see cref="IModelRunner.Run"/> on the thread pool, cuts the outputs back per request
/// (<see cref="BatchSplitter"/>) and completes each caller. The loop also answers requests whose
/// queue timeout passes with DEADLINE_EXCEEDED. Callers, the loop and running batches share one
/// lock, held only for queue bookkeeping.
/// </summary>
internal sealed partial class DynamicBatcher : IAsyncDisposable
{
    /// <summary>Waits shorter than this spin instead of sleeping: timers fire about a millisecond late, and delays are often 100 µs.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 1000;

    private readonly IModelRunner _runner;
    private readonly BatchingPolicy _policy;
    private readonly ShardStatisticsRecorder _statistics;
    private readonly ShardMetrics _metrics;
    private readonly ILogger _logger;
    private readonly string _shard;
    private readonly Lock _gate = new();
    private readonly FairQueue _queue = new();
    private readonly QueueDeadlines _deadlines = new();
    private readonly ArrivalGap _arrivals;
    private readonly HashSet<Task> _running = [];
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Task _loop;
    private int _signaled;
    private int _executing;
    private bool _stopping;

    public DynamicBatcher(IModelRunner runner, BatchingPolicy policy, ShardStatisticsRecorder statistics, ShardMetrics metrics, ILogger logger, string shard)
    {
        _runner = runner;
        _policy = policy;
        _statistics = statistics;
        _metrics = metrics;
        _logger = logger;
        _shard = shard;
        _arrivals = new ArrivalGap(policy.MaxQueueDelayTicks);
        _loop = Task.Run(RunLoopAsync);
    }

    /// <summary>
    /// Queues a request that passed the contract check; <paramref name="arrived"/> is the Stopwatch
    /// timestamp at which the shard received it. Completes with the answer, a failure included.
    /// </summary>
    public Task<InferenceResponse> Submit(InferenceRequest request, long arrived)
    {
        var model = _runner.Model;
        var inputs = new InferenceTensor[model.Inputs.Length];
        for (var i = 0; i < inputs.Length; i++) inputs[i] = Array.Find(request.Inputs, t => t.Name == model.Inputs[i].Name)!;
        var timeout = _policy.TimeoutMicrosecondsOf(request);
        var deadline = timeout > 0 ? arrived + BatchingPolicy.MicrosecondsToTicks(timeout) : long.MaxValue;
        var pending = new PendingRequest(request, inputs, request.BatchSize(model.MaxBatchSize > 0), _policy.LevelOf(request.Priority), arrived, deadline)
        {
            Trace = ShardTracing.Capture(),
        };
        lock (_gate)
        {
            if (_stopping) return Task.FromResult(Stopped());
            if (_policy.MaxQueueSize > 0 && _queue.Count >= _policy.MaxQueueSize)
            {
                _statistics.RecordFailure(Nanoseconds(arrived, Stopwatch.GetTimestamp()));
                return Task.FromResult(InferenceResponse.Failure(InferenceStatus.Unavailable,
                    $"model '{model.Name}' version {model.Version} queue is full (max_queue_size {_policy.MaxQueueSize}); retry later.", _runner.Device));
            }
            _queue.Enqueue(pending);
            _deadlines.Add(pending);
            _arrivals.Arrived(arrived);
        }
        Signal();
        return pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        List<PendingRequest> abandoned;
        lock (_gate)
        {
            if (_stopping) return;
            _stopping = true;
            abandoned = _queue.Drain();
            _deadlines.Clear();
        }
        Signal();
        await _loop.ConfigureAwait(false);
        foreach (var p in abandoned)
        {
            _statistics.RecordFailure(Nanoseconds(p.Arrived, Stopwatch.GetTimestamp()));
            p.Completion.TrySetResult(Stopped());
        }
        Task[] running;
        lock (_gate) running = [.. _running];
        try
        {
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogStopTimedOut(_logger, _shard, running.Length);
        }
    }

    private void Signal()
    {
        if (Interlocked.Exchange(ref _signaled, 1) == 0) _signal.Release();
    }

    private async Task RunLoopAsync()
    {
        // The loop started inside the first call's grain call span: it belongs to no request's trace.
        Activity.Current = null;
        while (true)
        {
            long wakeAt;
            try
            {
                while (_signal.Wait(0)) { }
                Volatile.Write(ref _signaled, 0);
                List<PendingRequest>? expired, batch = null;
                long now;
                lock (_gate)
                {
                    if (_stopping) return;
                    now = Stopwatch.GetTimestamp();
                    expired = _deadlines.TakeDue(now);
                    if (expired is not null)
                    {
                        foreach (var p in expired) _queue.Remove(p, served: false);
                    }
                    wakeAt = _deadlines.Next(_queue.Count);
                    if (_executing < _policy.MaxConcurrentBatches && _queue.Count > 0)
                    {
                        var plan = BatchPlanner.Plan(_queue.InServiceOrder, _policy, now, _arrivals.MeanTicks);
                        if (plan.Batch is { } b)
                        {
                            foreach (var p in b)
                            {
                                _queue.Remove(p, served: true);
                                QueueDeadlines.Forget(p);
                            }
                            _executing++;
                            batch = b;
                        }
                        else
                        {
                            wakeAt = Math.Min(wakeAt, plan.WakeAt);
                        }
                    }
                }
                if (expired is not null)
                {
                    foreach (var p in expired) Expire(p, now);
                }
                if (batch is not null)
                {
                    Start(batch, now);
                    continue;
                }
            }
            catch (Exception ex)
            {
                // A defect here must not stop the shard's queue; the requests stay queued and the loop goes on.
                LogSchedulerFault(_logger, _shard, ex);
                wakeAt = Stopwatch.GetTimestamp() + 10 * SpinTicks;
            }
            await WaitAsync(wakeAt).ConfigureAwait(false);
        }
    }

    /// <summary>Sleeps until <paramref name="wakeAt"/> or a signal (a new request, a free slot, a stop).</summary>
    private async Task WaitAsync(long wakeAt)
    {
        if (wakeAt == long.MaxValue)
        {
            await _signal.WaitAsync().ConfigureAwait(false);
            return;
        }
        var remaining = wakeAt - Stopwatch.GetTimestamp();
        if (remaining <= 0) return;
        if (remaining > 2 * SpinTicks)
        {
            // Far deadlines (a timeout of days) are re-checked every minute rather than passed to a timer as they are.
            var seconds = Math.Min(60.0, (double)(remaining - SpinTicks) / Stopwatch.Frequency);
            await _signal.WaitAsync(TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
            return;
        }
        var spinner = new SpinWait();
        while (Stopwatch.GetTimestamp() < wakeAt && Volatile.Read(ref _signaled) == 0) spinner.SpinOnce(sleep1Threshold: -1);
    }

    private void Start(List<PendingRequest> batch, long dispatched)
    {
        ShardTracing.Queued(batch, dispatched, _runner);
        var task = Task.Run(() => Execute(batch, dispatched));
        lock (_gate) _running.Add(task);
        task.ContinueWith(t =>
        {
            lock (_gate)
            {
                _running.Remove(t);
                _executing--;
            }
            Signal();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Runs a batch and answers its requests; never throws.</summary>
    private void Execute(List<PendingRequest> batch, long dispatched)
    {
        var model = _runner.Model;
        try
        {
            RunBatch(batch, dispatched);
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            // One request's inputs, or a model whose outputs do not split by rows, failed the batch:
            // run each request alone so that a failure stays with the request that caused it.
            LogBatchIsolated(_logger, _shard, batch.Count, ex.GetType().Name);
            foreach (var p in batch) Execute([p], dispatched);
        }
        catch (InferenceException ex)
        {
            Fail(batch, ex.Status, ex.Message);
        }
        catch (OnnxRuntimeException ex)
        {
            // ONNX Runtime refused inputs that passed the contract check (a value-dependent shape
            // error inside the graph, say). Its own text can quote input values: say only the
            // error code, the node and the input shapes (OnnxErrorText), to the client and the log.
            var reason = OnnxErrorText.Describe(ex, batch[0].Inputs);
            LogRunFailed(_logger, _shard, reason);
            Fail(batch, InferenceStatus.InvalidArgument, $"model '{model.Name}' could not run on these inputs: {reason}");
        }
        catch (Exception ex)
        {
            LogRunFailed(_logger, _shard, ex.GetType().Name);
            Fail(batch, InferenceStatus.Unavailable, $"model '{model.Name}' version {model.Version} failed to run ({ex.GetType().Name}); retry.");
        }
    }

    private void RunBatch(List<PendingRequest> batch, long dispatched)
    {
        var spans = ShardTracing.Running(batch, _runner);
        try
        {
            RunAndAnswer(batch, dispatched);
        }
        catch (Exception ex)
        {
            ShardTracing.Ran(spans, ex);
            throw;
        }
        ShardTracing.Ran(spans);
    }

    private void RunAndAnswer(List<PendingRequest> batch, long dispatched)
    {
        var model = _runner.Model;
        var start = Stopwatch.GetTimestamp();
        var assembled = BatchAssembler.Assemble(model, batch);
        var joined = Stopwatch.GetTimestamp();
        var result = _runner.Run(assembled.Request);
        try
        {
            Answer(batch, dispatched, assembled, result, start, joined);
        }
        finally
        {
            // Every member that was answered holds its own claim on the outputs' pooled memory by now.
            result.Buffers?.Release();
        }
    }

    private void Answer(List<PendingRequest> batch, long dispatched, AssembledBatch assembled, Onnx.RunResult result, long start, long joined)
    {
        var model = _runner.Model;
        var ran = Stopwatch.GetTimestamp();
        var outputs = BatchSplitter.Split(model, assembled, result.Outputs);
        var done = Stopwatch.GetTimestamp();
        var compute = new InferenceTimings(
            QueueNs: 0,
            ComputeInputNs: Nanoseconds(start, joined) + result.Timings.ComputeInputNs,
            ComputeInferNs: result.Timings.ComputeInferNs,
            ComputeOutputNs: result.Timings.ComputeOutputNs + Nanoseconds(ran, done));
        _statistics.RecordExecution(assembled.Rows, compute);
        _metrics.Executed(assembled.Rows);
        for (var i = 0; i < batch.Count; i++)
        {
            var p = batch[i];
            var timings = compute with { QueueNs = Nanoseconds(p.Arrived, dispatched) };
            _statistics.RecordRequest(Nanoseconds(p.Arrived, done), timings);
            var lease = result.Buffers?.Claim();
            if (!p.Completion.TrySetResult(new InferenceResponse(InferenceStatus.Ok, "", outputs[i], timings, _runner.Device) { Lease = lease }))
                lease?.Dispose();
        }
    }

    private void Fail(List<PendingRequest> batch, InferenceStatus status, string message)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var p in batch)
        {
            _statistics.RecordFailure(Nanoseconds(p.Arrived, now));
            p.Completion.TrySetResult(InferenceResponse.Failure(status, message, _runner.Device));
        }
    }

    private void Expire(PendingRequest p, long now)
    {
        var model = _runner.Model;
        _statistics.RecordFailure(Nanoseconds(p.Arrived, now));
        p.Completion.TrySetResult(InferenceResponse.Failure(InferenceStatus.DeadlineExceeded,
            $"request to model '{model.Name}' version {model.Version} waited in the queue longer than its timeout of {_policy.TimeoutMicrosecondsOf(p.Request)} us; it was not run.",
            _runner.Device));
    }

    private InferenceResponse Stopped() => InferenceResponse.Failure(InferenceStatus.Unavailable,
        $"model '{_runner.Model.Name}' version {_runner.Model.Version} is stopping on this silo; retry.", _runner.Device) with { NotRun = true };

    internal static long Nanoseconds(long from, long to) => OnnxModelRunner.Nanoseconds(from, to);
}
