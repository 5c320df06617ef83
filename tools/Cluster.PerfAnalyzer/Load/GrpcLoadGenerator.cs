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
    public const string Target = "cluster";

    /// <summary>Pause after a failed call before the caller tries again.</summary>
    public static readonly TimeSpan FailureBackoff = TimeSpan.FromMilliseconds(10);

    private readonly GrpcChannel _channel;
    private readonly GRPCInferenceService.GRPCInferenceServiceClient _client;
    private readonly ModelInferRequest[] _requests;
    private readonly Metadata _headers;
    private readonly PerfOptions _options;
    private readonly int _rowsPerRequest;

    public GrpcLoadGenerator(PerfOptions options, ModelInputs inputs, string? apiKey)
    {
        _options = options;
        _channel = GrpcChannelFactory.Create(options.Endpoint);
        _client = new GRPCInferenceService.GRPCInferenceServiceClient(_channel);
        _requests = InferRequestFactory.Create(inputs, options.Model, options.Version, options.PurposeOfUse);
        _rowsPerRequest = inputs.RowsPerRequest;
        _headers = [];
        if (apiKey is not null) _headers.Add("authorization", $"Bearer {apiKey}");
    }

    /// <summary>Null when the gateway says the model is ready; otherwise the problem, in one line.</summary>
    public Task<string?> ProbeAsync() => ClusterProbe.CheckAsync(_client, _options.Model, _options.Version, _headers);

    public async Task<LoadResult> RunAsync(int concurrency)
    {
        var capacity = LatencyRecorder.CapacityFor(_options.Measure, concurrency);
        var recorders = Enumerable.Range(0, concurrency).Select(_ => new LatencyRecorder(capacity)).ToArray();
        var window = MeasurementWindow.StartingNow(_options.Warmup, _options.Measure);
        var callers = new Task[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            var index = i;
            callers[i] = Task.Run(() => RunCallerAsync(index, window, recorders[index]));
        }

        await Task.WhenAll(callers).ConfigureAwait(false);
        return LoadResult.From(Target, concurrency, window, _rowsPerRequest, recorders);
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
