using System.Collections.Concurrent;
using Cluster.Grains.Inference;
using Prometheus;

namespace Cluster.Gateway.Metrics;

/// <summary>
/// Triton's nv_inference_* metrics, labelled by model and version only (never by anything a
/// request carries), plus a request-duration histogram for latency percentiles.
/// </summary>
public sealed class InferenceMetrics
{
    private static readonly string[] ModelLabels = ["model", "version"];

    private readonly Counter _success = Prometheus.Metrics.CreateCounter(
        "nv_inference_request_success", "Number of successful inference requests, all batch sizes.", ModelLabels);
    private readonly Counter _failure = Prometheus.Metrics.CreateCounter(
        "nv_inference_request_failure", "Number of failed inference requests, by reason (gRPC status).", [.. ModelLabels, "reason"]);
    private readonly Counter _inferences = Prometheus.Metrics.CreateCounter(
        "nv_inference_count", "Number of inferences performed (batch rows).", ModelLabels);
    private readonly Counter _executions = Prometheus.Metrics.CreateCounter(
        "nv_inference_exec_count", "Number of model executions performed.", ModelLabels);
    private readonly Counter _requestUs = Prometheus.Metrics.CreateCounter(
        "nv_inference_request_duration_us", "Cumulative end-to-end inference request handling time in microseconds.", ModelLabels);
    private readonly Counter _queueUs = Prometheus.Metrics.CreateCounter(
        "nv_inference_queue_duration_us", "Cumulative time requests waited in the shard queue, in microseconds.", ModelLabels);
    private readonly Counter _computeInputUs = Prometheus.Metrics.CreateCounter(
        "nv_inference_compute_input_duration_us", "Cumulative compute input time in microseconds.", ModelLabels);
    private readonly Counter _computeInferUs = Prometheus.Metrics.CreateCounter(
        "nv_inference_compute_infer_duration_us", "Cumulative compute inference time in microseconds.", ModelLabels);
    private readonly Counter _computeOutputUs = Prometheus.Metrics.CreateCounter(
        "nv_inference_compute_output_duration_us", "Cumulative compute output time in microseconds.", ModelLabels);
    private readonly Gauge _pending = Prometheus.Metrics.CreateGauge(
        "nv_inference_pending_request_count", "Requests in flight through the gateway to the model.", ModelLabels);
    private readonly Histogram _duration = Prometheus.Metrics.CreateHistogram(
        "cluster_inference_request_duration_seconds", "End-to-end inference request duration at the gateway.",
        new HistogramConfiguration
        {
            LabelNames = ModelLabels,
            Buckets = Histogram.ExponentialBuckets(0.0001, 2, 18),
        });

    /// <summary>The label used for failures whose model could not be resolved (keeps label values bounded).</summary>
    public const string UnresolvedModel = "_unresolved";

    /// <summary>
    /// Each model version's series, looked up once per call instead of once per metric (ten label
    /// lookups a call, each hashing both label values). Bounded like the labels: models x versions.
    /// </summary>
    private readonly ConcurrentDictionary<(string Model, string Version), Series> _series = new();

    public IDisposable TrackPending(string model, string version) => For(model, version).Pending.TrackInProgress();

    public void RecordSuccess(string model, string version, long batchSize, double seconds, InferenceTimings t)
    {
        var series = For(model, version);
        series.Success.Inc();
        series.Inferences.Inc(batchSize);
        series.Executions.Inc();
        series.RequestUs.Inc(seconds * 1e6);
        series.QueueUs.Inc(t.QueueNs / 1e3);
        series.ComputeInputUs.Inc(t.ComputeInputNs / 1e3);
        series.ComputeInferUs.Inc(t.ComputeInferNs / 1e3);
        series.ComputeOutputUs.Inc(t.ComputeOutputNs / 1e3);
        series.Duration.Observe(seconds);
    }

    private Series For(string model, string version) =>
        _series.GetOrAdd((model, version), static (key, metrics) => new Series(metrics, key.Model, key.Version), this);

    /// <summary>One model version's children of every metric above.</summary>
    private sealed class Series(InferenceMetrics m, string model, string version)
    {
        public readonly Counter.Child Success = m._success.WithLabels(model, version);
        public readonly Counter.Child Inferences = m._inferences.WithLabels(model, version);
        public readonly Counter.Child Executions = m._executions.WithLabels(model, version);
        public readonly Counter.Child RequestUs = m._requestUs.WithLabels(model, version);
        public readonly Counter.Child QueueUs = m._queueUs.WithLabels(model, version);
        public readonly Counter.Child ComputeInputUs = m._computeInputUs.WithLabels(model, version);
        public readonly Counter.Child ComputeInferUs = m._computeInferUs.WithLabels(model, version);
        public readonly Counter.Child ComputeOutputUs = m._computeOutputUs.WithLabels(model, version);
        public readonly Gauge.Child Pending = m._pending.WithLabels(model, version);
        public readonly Histogram.Child Duration = m._duration.WithLabels(model, version);
    }

    public void RecordFailure(string model, string version, string reason, double seconds)
    {
        // Failures are rare, and one of an unresolved model must not create the other nine series for it.
        _failure.WithLabels(model, version, reason).Inc();
        _requestUs.WithLabels(model, version).Inc(seconds * 1e6);
    }
}
