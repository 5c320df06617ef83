using System.Diagnostics;
using Cluster.PerfAnalyzer.Inputs;
using Cluster.PerfAnalyzer.Latency;
using Cluster.PerfAnalyzer.Options;
using Grpc.Core;
using Grpc.Net.Client;
using Inference;

namespace Cluster.PerfAnalyzer.Load;

/// <summary>
/// Closed-loop load on the gateway: N async callers over <see cref="PerfOptions.Connections"/>
/// channels (one HTTP/2 connection each unless a connection fills its stream limit; caller <i>i</i>
/// on channel <i>i</i> mod the count), each sending its next request as soon as the previous one answers. A failed call is counted by status and followed by
/// a short pause, so an unreachable gateway yields a count of UNAVAILABLE rather than a busy loop.
/// </summary>
public sealed class GrpcLoadGenerator : IDisposable
{
    /// <summary>Pause after a failed call before the caller tries again.</summary>
    public static readonly TimeSpan FailureBackoff = TimeSpan.FromMilliseconds(10);

    private readonly GrpcChannel[] _channels;
    private readonly List<IDisposable> _probes = [];
    private readonly GRPCInferenceService.GRPCInferenceServiceClient[] _clients;
    private readonly ModelInferRequest[] _requests;
    private readonly Metadata _headers;
    private readonly PerfOptions _options;
    private readonly int _rowsPerRequest;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _failed = new(StringComparer.Ordinal);
    private readonly FailureDetailLog _details = new();
    private long _unansweredRetries;

    /// <summary>
    /// Over several gateways, how often one call is sent when no gateway answered it: gRPC's
    /// transparent retry (gRFC A6) for a stream that a closing connection refused.
    /// </summary>
    public const int MaxUnansweredAttempts = 3;
    private long _succeeded;

    /// <summary>
    /// Load on <see cref="PerfOptions.Endpoint"/> (or spread over <see cref="PerfOptions.Gateways"/>),
    /// reported as <see cref="PerfOptions.Label"/>; with <see cref="PerfOptions.TenantKeysFile"/>,
    /// spread over its tenants' keys and models.
    /// </summary>
    public GrpcLoadGenerator(PerfOptions options, ModelInputs inputs, string? apiKey)
        : this(options.Endpoint, options.Label, options.Model, options, inputs, apiKey,
            options.TenantKeysFile is { } file ? TenantKeys.Read(file) : null, options.Gateways)
    {
    }

    /// <summary>
    /// Load on <paramref name="endpoint"/> for <paramref name="model"/>, reported as <paramref name="target"/>;
    /// with several <paramref name="gateways"/>, on those of them that are ready, in turn.
    /// </summary>
    public GrpcLoadGenerator(Uri endpoint, string target, string model, PerfOptions options, ModelInputs inputs, string? apiKey,
        IReadOnlyList<TenantKey>? tenants = null, IReadOnlyList<Uri>? gateways = null)
    {
        Endpoint = endpoint;
        Target = target;
        Model = model;
        _options = options;
        _channels = [.. Enumerable.Range(0, options.Connections).Select(_ => Channel(endpoint, gateways))];
        _clients = [.. _channels.Select(c => new GRPCInferenceService.GRPCInferenceServiceClient(c))];
        _requests = InferRequestFactory.Create(inputs, model, options.Version, options.PurposeOfUse);
        _rowsPerRequest = inputs.RowsPerRequest;
        _headers = [];
        if (apiKey is not null) _headers.Add("authorization", $"Bearer {apiKey}");
        _routes = tenants is null
            ? [new Route(_headers, _requests)]
            : Routes(tenants, inputs, options);
    }

    /// <summary>A channel of its own (its own handler, so its own connection): to <paramref name="endpoint"/>, or balanced over several <paramref name="gateways"/>.</summary>
    private GrpcChannel Channel(Uri endpoint, IReadOnlyList<Uri>? gateways)
    {
        if (gateways is not { Count: > 1 }) return GrpcChannelFactory.Create(endpoint);
        var channel = GrpcChannelFactory.CreateBalanced(gateways, out var probes);
        _probes.Add(probes);
        return channel;
    }

    /// <summary>Whether the calls go to several gateways (then a call no gateway answered is sent again).</summary>
    private bool Balanced => _probes.Count > 0;

    /// <summary>One tenant's calls: its key's headers and the requests for its model.</summary>
    private sealed record Route(Metadata Headers, ModelInferRequest[] Requests);

    private readonly Route[] _routes;

    private static Route[] Routes(IReadOnlyList<TenantKey> tenants, ModelInputs inputs, PerfOptions options)
    {
        var byModel = tenants.Select(t => t.Model).Distinct(StringComparer.Ordinal)
            .ToDictionary(m => m, m => InferRequestFactory.Create(inputs, m, options.Version, options.PurposeOfUse), StringComparer.Ordinal);
        return [.. tenants.Select(t => new Route([new Metadata.Entry("authorization", $"Bearer {t.Key}")], byModel[t.Model]))];
    }

    /// <summary>The gateway's gRPC address.</summary>
    public Uri Endpoint { get; }

    /// <summary>The name this load's results carry in reports.</summary>
    public string Target { get; }

    /// <summary>The model name the requests carry.</summary>
    public string Model { get; }

    /// <summary>Rows each request carries.</summary>
    public int RowsPerRequest => _rowsPerRequest;

    /// <summary>Null when the gateway says the model is ready; otherwise the problem, in one line.</summary>
    public Task<string?> ProbeAsync() => ClusterProbe.CheckAsync(_clients[0], Model, _options.Version, _headers);

    public async Task<LoadResult> RunAsync(LoadLevel level)
    {
        var capacity = LatencyRecorder.CapacityFor(_options.Measure, level.Recorders);
        var recorders = Enumerable.Range(0, level.Recorders).Select(_ => new LatencyRecorder(capacity)).ToArray();
        var window = MeasurementWindow.StartingNow(_options.Warmup, _options.Measure);
        var before = Calls;
        await RunWindowAsync(window, level, recorders).ConfigureAwait(false);
        return LoadResult.From(Target, level, window.Seconds, _rowsPerRequest, recorders) with { AllCalls = Since(before) };
    }

    /// <summary>One window at <paramref name="level"/>: closed-loop callers, or open-loop at its request rate into <c>recorders[0]</c>.</summary>
    public Task RunWindowAsync(MeasurementWindow window, LoadLevel level, IReadOnlyList<LatencyRecorder> recorders) =>
        level.RequestRate is { } rate ? RunAtRateAsync(window, rate, level.Concurrency, recorders[0]) : RunWindowAsync(window, recorders);

    /// <summary>
    /// Open loop: requests are due at a fixed rate from now (the warm-up included) whatever the
    /// answers. A dedicated dispatcher thread sleeps until about a millisecond before the next due
    /// time, then yields until it, and sends every request that is due. Latency runs from the due
    /// time, so a late send is counted, not hidden. With <paramref name="maxOutstanding"/> in flight,
    /// a due request is not sent and counts as failure <c>CLIENT_MAX_OUTSTANDING</c>.
    /// </summary>
    public async Task RunAtRateAsync(MeasurementWindow window, double rate, int maxOutstanding, LatencyRecorder recorder)
    {
        var inFlight = new List<Task>();
        var outstanding = 0;
        var dispatcher = new Thread(Dispatch) { IsBackground = true, Name = "fixed-rate-dispatcher" };
        dispatcher.Start();
        await Task.Run(dispatcher.Join).ConfigureAwait(false);
        await Task.WhenAll(inFlight).ConfigureAwait(false);

        void Dispatch()
        {
            var schedule = new FixedRateSchedule(rate, Stopwatch.GetTimestamp(), Stopwatch.Frequency);
            var sleepAbove = Stopwatch.Frequency / 1000 * 3 / 2;
            for (long sent = 0; ; sent++)
            {
                var dueAt = schedule.DueAt(sent);
                if (window.IsOver(dueAt)) return;
                long now;
                while ((now = Stopwatch.GetTimestamp()) < dueAt)
                {
                    if (dueAt - now > sleepAbove) Thread.Sleep(1);
                    else Thread.Yield();
                }

                if (Volatile.Read(ref outstanding) >= maxOutstanding)
                {
                    if (window.Counts(now)) lock (recorder) recorder.RecordFailure("CLIENT_MAX_OUTSTANDING");
                    continue;
                }

                Interlocked.Increment(ref outstanding);
                inFlight.Add(SendOneAsync(sent, dueAt));
                if (inFlight.Count > 4096) inFlight.RemoveAll(t => t.IsCompleted);
            }
        }

        async Task SendOneAsync(long sent, long dueAt)
        {
            var route = _routes[sent % _routes.Length];
            var failure = await CallAsync(_clients[sent % _clients.Length], route.Requests[sent % route.Requests.Length], route.Headers).ConfigureAwait(false);
            var end = Stopwatch.GetTimestamp();
            Interlocked.Decrement(ref outstanding);
            if (!window.Counts(end)) return;
            lock (recorder)
            {
                if (failure is null) recorder.Record(end - dueAt);
                else recorder.RecordFailure(failure);
            }
        }
    }

    /// <summary>
    /// One closed loop of <c>recorders.Length</c> callers through <paramref name="window"/>, caller
    /// <i>i</i> recording into <c>recorders[i]</c>. Recorders may be reused across windows (one window at a time).
    /// </summary>
    public async Task RunWindowAsync(MeasurementWindow window, IReadOnlyList<LatencyRecorder> recorders)
    {
        var callers = new Task[recorders.Count];
        for (var i = 0; i < callers.Length; i++)
        {
            var index = i;
            callers[i] = Task.Run(() => RunCallerAsync(index, window, recorders[index]));
        }

        await Task.WhenAll(callers).ConfigureAwait(false);
    }

    private async Task RunCallerAsync(int index, MeasurementWindow window, LatencyRecorder recorder)
    {
        var client = _clients[index % _clients.Length];
        var next = index % _requests.Length;
        var routeIndex = index % _routes.Length;
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            if (window.IsOver(start)) return;
            var route = _routes[routeIndex];
            routeIndex = routeIndex + 1 == _routes.Length ? 0 : routeIndex + 1;
            var request = route.Requests[next % route.Requests.Length];
            next = next + 1 == _requests.Length ? 0 : next + 1;
            var failure = await CallAsync(client, request, route.Headers).ConfigureAwait(false);
            var end = Stopwatch.GetTimestamp();
            if (failure is null)
            {
                if (window.Counts(end)) recorder.Record(end - start);
                continue;
            }

            if (window.Counts(end)) recorder.RecordFailure(failure);
            await Task.Delay(FailureBackoff).ConfigureAwait(false);
        }
    }

    /// <summary>Every call this generator has completed so far, in or out of a measured window.</summary>
    public CallCounts Calls => new(Interlocked.Read(ref _succeeded), _failed.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal))
    {
        FailureDetails = _details.Snapshot(),
        UnansweredRetries = Interlocked.Read(ref _unansweredRetries),
    };


    private CallCounts Since(CallCounts before)
    {
        var now = Calls;
        return new CallCounts(now.Succeeded - before.Succeeded, now.Failed
            .Select(p => (p.Key, Count: p.Value - before.Failed.GetValueOrDefault(p.Key)))
            .Where(p => p.Count > 0)
            .ToDictionary(p => p.Key, p => p.Count, StringComparer.Ordinal))
        {
            FailureDetails = now.FailureDetails!
                .Select(p => (p.Key, Count: p.Value - before.FailureDetails!.GetValueOrDefault(p.Key)))
                .Where(p => p.Count > 0)
                .ToDictionary(p => p.Key, p => p.Count, StringComparer.Ordinal),
            UnansweredRetries = now.UnansweredRetries - before.UnansweredRetries,
        };
    }

    /// <summary>One ModelInfer call; null when it succeeded, else the failure's name. Every outcome is tallied in <see cref="Calls"/>.</summary>
    private async Task<string?> CallAsync(GRPCInferenceService.GRPCInferenceServiceClient client, ModelInferRequest request, Metadata headers)
    {
        var failure = await TryCallAsync(client, request, headers).ConfigureAwait(false);
        if (failure is null) Interlocked.Increment(ref _succeeded);
        else _failed.AddOrUpdate(failure, 1, (_, n) => n + 1);
        return failure;
    }

    private async Task<string?> TryCallAsync(GRPCInferenceService.GRPCInferenceServiceClient client, ModelInferRequest request, Metadata headers)
    {
        var options = new CallOptions(headers, DateTime.UtcNow + _options.RequestTimeout);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                using var call = client.ModelInferAsync(request, options);
                try
                {
                    await call.ResponseAsync.ConfigureAwait(false);
                    return null;
                }
                catch (RpcException ex) when (Balanced && attempt < MaxUnansweredAttempts && UnansweredCall.Is(call.ResponseHeadersAsync, ex))
                {
                    Interlocked.Increment(ref _unansweredRetries);
                }
            }
        }
        catch (RpcException ex)
        {
            var status = StatusNames.Of(ex.StatusCode);
            _details.Record(status, ex);
            return status;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException)
        {
            var status = StatusNames.OfClientException(ex);
            _details.Record(status, ex);
            return status;
        }
    }

    public void Dispose()
    {
        foreach (var channel in _channels) channel.Dispose();
        foreach (var probes in _probes) probes.Dispose();
    }
}
