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
/// <para>
/// A request that finds the shard idle (nothing queued, an execution slot free) and that the
/// planner would run at once anyway (no dynamic batching or no delay, a preferred or full batch on
/// its own, or arrivals too far apart to wait for another, <see cref="BatchPlanner"/>) runs on the
/// caller's thread, within <see cref="Submit"/>, when the shard's recent runs were short
/// (<see cref="RecentRunTime"/>): for a small model the hand-offs to the loop and to a run thread
/// cost more than the run, and with many models each called now and then every request takes that
/// path. Under load arrivals are close, the planner waits for more, and requests queue and batch
/// as before.
/// </para>
/// <para>
/// Time comes from the injected <see cref="TimeProvider"/>: arrivals, queue deadlines, the
/// max_queue_delay decision, the statistics' durations and the loop's sleeps (one reusable
/// <see cref="ITimer"/> of that provider, re-armed for each sleep, that signals the loop) all read
/// it, so a test's fake clock drives every decision. A request costs one virtual
/// <see cref="TimeProvider.GetTimestamp"/> per reading and nothing else. Waits of up to 200 µs
/// spin; longer ones sleep on the clock's timer, which on a silo is
/// <see cref="Timing.PreciseTimeProvider"/> (about 50 µs late at the median, under 0.1 ms at p90). The spin watches the
/// injected clock but is bounded by real time (<see cref="Stopwatch"/>), so on a clock that does
/// not move by itself (a fake one) it gives up after a few real milliseconds and sleeps on that
/// clock's timer instead.
/// </para>
/// </summary>
internal sealed partial class DynamicBatcher : IAsyncDisposable
{
    /// <summary>The longest a spin lasts in real time before it sleeps on the clock's timer instead (a fake clock does not move while it spins).</summary>
    private static readonly long RealSpinBudget = Stopwatch.Frequency / 250;

    private readonly TimeProvider _time;
    private readonly long _frequency;

    /// <summary>
    /// Waits up to this long (200 µs) spin instead of sleeping: a sleep costs two thread wake-ups
    /// and ends some 50-80 µs late even on the precise clock, which for the usual 100 µs delay
    /// costs more than the spin (measured: docs/performance.md, "Queue delays without spinning").
    /// </summary>
    private readonly long _spinTicks;

    /// <summary>How long the loop pauses after a fault of its own before it looks at the queue again (10 ms).</summary>
    private readonly long _faultPauseTicks;

    /// <summary>How far the clock may move between reading it and arming the timer before the timer is armed again (100 µs).</summary>
    private readonly long _armTolerance;

    /// <summary>Wakes the loop at the next deadline or batch decision; re-armed for every sleep.</summary>
    private readonly ITimer _wake;

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
    private readonly RecentRunTime _runTime;
    private readonly HashSet<Task> _running = [];
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Task _loop;
    private int _signaled;
    private int _executing;
    private bool _stopping;

    /// <param name="time">The shard's clock; <paramref name="policy"/>'s ticks are at its <see cref="TimeProvider.TimestampFrequency"/>.</param>
    public DynamicBatcher(IModelRunner runner, BatchingPolicy policy, ShardStatisticsRecorder statistics, ShardMetrics metrics, ILogger logger, string shard, TimeProvider time)
    {
        _time = time;
        _frequency = time.TimestampFrequency;
        _faultPauseTicks = Math.Max(1, _frequency / 100);
        _spinTicks = Math.Max(1, _frequency / 5_000);
        _armTolerance = Math.Max(1, _frequency / 10_000);
        _wake = time.CreateTimer(static s => ((DynamicBatcher)s!).Signal(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _runner = runner;
        _policy = policy;
        _statistics = statistics;
        _metrics = metrics;
        _logger = logger;
        _shard = shard;
        _arrivals = new ArrivalGap(policy.MaxQueueDelayTicks);
        _runTime = new RecentRunTime(_frequency);
        _loop = Task.Run(RunLoopAsync);
    }

    /// <summary>The clock the batcher reads; callers take <see cref="Submit"/>'s arrival timestamp from it.</summary>
    public TimeProvider Time => _time;

    /// <summary>
    /// Queues a request that passed the contract check, or runs it at once on this thread (see the
    /// class); <paramref name="arrived"/> is the <see cref="Time"/> timestamp at which the shard
    /// received it. Completes with the answer, a failure included.
    /// </summary>
    public Task<InferenceResponse> Submit(InferenceRequest request, long arrived)
    {
        var model = _runner.Model;
        var inputs = new InferenceTensor[model.Inputs.Length];
        for (var i = 0; i < inputs.Length; i++) inputs[i] = Array.Find(request.Inputs, t => t.Name == model.Inputs[i].Name)!;
        var timeout = _policy.TimeoutMicrosecondsOf(request);
        var deadline = timeout > 0 ? arrived + BatchingPolicy.MicrosecondsToTicks(timeout, _frequency) : long.MaxValue;
        var pending = new PendingRequest(request, inputs, request.BatchSize(model.MaxBatchSize > 0), _policy.LevelOf(request.Priority), arrived, deadline)
        {
            Trace = ShardTracing.Capture(),
        };
        List<PendingRequest>? alone = null;
        lock (_gate)
        {
            if (_stopping) return Task.FromResult(Stopped());
            if (_policy.MaxQueueSize > 0 && _queue.Count >= _policy.MaxQueueSize)
            {
                _statistics.RecordFailure(Nanoseconds(arrived, _time.GetTimestamp()));
                return Task.FromResult(InferenceResponse.Failure(InferenceStatus.Unavailable,
                    $"model '{model.Name}' version {model.Version} queue is full (max_queue_size {_policy.MaxQueueSize}); retry later.", _runner.Device));
            }
            _arrivals.Arrived(arrived);
            if (_queue.Count == 0 && _executing < _policy.MaxConcurrentBatches && _runTime.ShortEnoughToRunInline)
            {
                var plan = BatchPlanner.Plan([pending], _policy, arrived, _arrivals.MeanTicks);
                if (plan.Batch is not null)
                {
                    alone = plan.Batch;
                    _executing++;
                }
            }
            if (alone is null)
            {
                _queue.Enqueue(pending);
                _deadlines.Add(pending);
            }
        }
        if (alone is not null)
        {
            ShardTracing.Queued(alone, arrived, _runner, _time);
            Execute(alone, arrived);
            bool waiting;
            lock (_gate)
            {
                _executing--;
                waiting = _queue.Count > 0;
            }
            // Requests queued meanwhile (another caller found the slots taken) get the freed slot.
            if (waiting) Signal();
            return pending.Completion.Task;
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
        _wake.Dispose();
        foreach (var p in abandoned)
        {
            _statistics.RecordFailure(Nanoseconds(p.Arrived, _time.GetTimestamp()));
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
                    now = _time.GetTimestamp();
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
                wakeAt = _time.GetTimestamp() + _faultPauseTicks;
            }
            await WaitAsync(wakeAt).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sleeps until <paramref name="wakeAt"/> or a signal (a new request, a free slot, a stop):
    /// spins through a wait of up to <see cref="_spinTicks"/>, sleeps on the clock's timer through
    /// a longer one. A shard's clock on a silo is <see cref="Timing.PreciseTimeProvider"/>, whose
    /// timers fire about 50 µs late; a test's fake clock fires them as it moves.
    /// </summary>
    private async Task WaitAsync(long wakeAt)
    {
        if (wakeAt != long.MaxValue)
        {
            var remaining = wakeAt - _time.GetTimestamp();
            if (remaining <= 0) return;
            if (remaining <= _spinTicks && Spin(wakeAt)) return;
            if (!ArmWake(wakeAt)) return;
        }
        await _signal.WaitAsync().ConfigureAwait(false);
    }

    /// <summary>Spins until the clock reaches <paramref name="wakeAt"/> or a signal; false when real time ran out first (a clock that a test moves).</summary>
    private bool Spin(long wakeAt)
    {
        var giveUp = Stopwatch.GetTimestamp() + RealSpinBudget;
        var spinner = new SpinWait();
        while (_time.GetTimestamp() < wakeAt && Volatile.Read(ref _signaled) == 0)
        {
            if (Stopwatch.GetTimestamp() > giveUp) return false;
            spinner.SpinOnce(sleep1Threshold: -1);
        }
        return true;
    }

    /// <summary>Arms the wake timer for <paramref name="wakeAt"/>; false when the time has already come.</summary>
    private bool ArmWake(long wakeAt)
    {
        while (true)
        {
            var now = _time.GetTimestamp();
            var remaining = wakeAt - now;
            if (remaining <= 0) return false;
            // Far deadlines (a timeout of days) are re-checked every minute rather than passed to a timer as they are.
            _wake.Change(TimeSpan.FromSeconds(Math.Min(60.0, (double)remaining / _frequency)), Timeout.InfiniteTimeSpan);
            // The timer counts from the clock's time when it is armed: if the clock moved since it
            // was read (a test advancing a fake clock on another thread), arm it again.
            if (_time.GetTimestamp() - now <= _armTolerance) return true;
        }
    }

    private void Start(List<PendingRequest> batch, long dispatched)
    {
        ShardTracing.Queued(batch, dispatched, _runner, _time);
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
        var spans = ShardTracing.Running(batch, _runner, _time);
        try
        {
            RunAndAnswer(batch, dispatched);
        }
        catch (Exception ex)
        {
            ShardTracing.Ran(spans, _time, ex);
            throw;
        }
        ShardTracing.Ran(spans, _time);
    }

    private void RunAndAnswer(List<PendingRequest> batch, long dispatched)
    {
        var model = _runner.Model;
        var start = _time.GetTimestamp();
        var assembled = BatchAssembler.Assemble(model, batch);
        var joined = _time.GetTimestamp();
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
        var ran = _time.GetTimestamp();
        var outputs = BatchSplitter.Split(model, assembled, result.Outputs);
        var done = _time.GetTimestamp();
        lock (_gate) _runTime.Ran(done - start);
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
        var now = _time.GetTimestamp();
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

    private long Nanoseconds(long from, long to) => (long)((to - from) * (1_000_000_000.0 / _frequency));
}
