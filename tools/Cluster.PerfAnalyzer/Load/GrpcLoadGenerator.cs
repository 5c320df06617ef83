using System.Diagnostics;
using Cluster.PerfAnalyzer.Inputs;
using Cluster.PerfAnalyzer.Latency;
using Cluster.PerfAnalyzer.Options;
using Grpc.Core;
using Grpc.Net.Client;
using Inference;

namespace Cluster.PerfAnalyzer.Load;

/// <summary>
/// Closed-loop load on the gateway: N async callers over one shared channel, each sending its next
/// request as soon as the previous one answers. A failed call is counted by status and followed by
/// a short pause, so an unreachable gateway yields a count of UNAVAILABLE rather than a busy loop.
/// </summary>
public sealed class GrpcLoadGenerator : IDisposable
{
    /// <summary>Pause after a failed call before the caller tries again.</summary>
    public static readonly TimeSpan FailureBackoff = TimeSpan.FromMilliseconds(10);

    private readonly GrpcChannel _channel;
    private readonly GRPCInferenceService.GRPCInferenceServiceClient _client;
    private readonly ModelInferRequest[] _requests;
    private readonly Metadata _headers;
    private readonly PerfOptions _options;
    private readonly int _rowsPerRequest;

    /// <summary>Load on <see cref="PerfOptions.Endpoint"/>, reported as <see cref="PerfOptions.Label"/>.</summary>
    public GrpcLoadGenerator(PerfOptions options, ModelInputs inputs, string? apiKey)
        : this(options.Endpoint, options.Label, options, inputs, apiKey)
    {
    }

    /// <summary>Load on <paramref name="endpoint"/>, reported as <paramref name="target"/>.</summary>
    public GrpcLoadGenerator(Uri endpoint, string target, PerfOptions options, ModelInputs inputs, string? apiKey)
    {
        Endpoint = endpoint;
        Target = target;
        _options = options;
        _channel = GrpcChannelFactory.Create(endpoint);
        _client = new GRPCInferenceService.GRPCInferenceServiceClient(_channel);
        _requests = InferRequestFactory.Create(inputs, options.Model, options.Version, options.PurposeOfUse);
        _rowsPerRequest = inputs.RowsPerRequest;
        _headers = [];
        if (apiKey is not null) _headers.Add("authorization", $"Bearer {apiKey}");
    }

    /// <summary>The gateway's gRPC address.</summary>
    public Uri Endpoint { get; }

    /// <summary>The name this load's results carry in reports.</summary>
    public string Target { get; }

    /// <summary>Rows each request carries.</summary>
    public int RowsPerRequest => _rowsPerRequest;

    /// <summary>Null when the gateway says the model is ready; otherwise the problem, in one line.</summary>
    public Task<string?> ProbeAsync() => ClusterProbe.CheckAsync(_client, _options.Model, _options.Version, _headers);

    public async Task<LoadResult> RunAsync(int concurrency)
    {
        var capacity = LatencyRecorder.CapacityFor(_options.Measure, concurrency);
        var recorders = Enumerable.Range(0, concurrency).Select(_ => new LatencyRecorder(capacity)).ToArray();
        var window = MeasurementWindow.StartingNow(_options.Warmup, _options.Measure);
        await RunWindowAsync(window, recorders).ConfigureAwait(false);
        return LoadResult.From(Target, concurrency, window.Seconds, _rowsPerRequest, recorders);
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
        var next = index % _requests.Length;
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            if (window.IsOver(start)) return;
            var request = _requests[next];
            next = next + 1 == _requests.Length ? 0 : next + 1;
            string? failure;
            try
            {
                await _client.ModelInferAsync(request, new CallOptions(_headers, DateTime.UtcNow + _options.RequestTimeout)).ConfigureAwait(false);
                failure = null;
            }
            catch (RpcException ex)
            {
                failure = StatusNames.Of(ex.StatusCode);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException)
            {
                failure = StatusNames.OfClientException(ex);
            }

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

    public void Dispose() => _channel.Dispose();
}
