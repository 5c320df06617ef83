namespace Cluster.Gateway.Telemetry;

/// <summary>
/// Distributed tracing (configuration section <c>Telemetry</c>; docs/observability.md, "Tracing").
/// Tracing is on when <see cref="OtlpEndpoint"/> is set; otherwise no tracer is registered and the
/// cluster's activity sources have no listener, so no span is made.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";
    public const double DefaultSamplingRatio = 1.0;

    /// <summary>OTLP collector endpoint, e.g. <c>http://collector:4317</c> (gRPC); empty (default) exports nothing.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>OTLP transport: <c>grpc</c> (default, port 4317) or <c>http/protobuf</c>, whose endpoint is the full URL (e.g. <c>http://collector:4318/v1/traces</c>).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>The <c>service.name</c> resource attribute; empty means the host's own (<c>cluster-gateway</c>, <c>cluster-silo</c>).</summary>
    public string ServiceName { get; set; } = "";

    /// <summary>
    /// Share of new traces recorded, 0-1 (default 1): ParentBased(TraceIdRatio): a call whose
    /// client sent a sampled <c>traceparent</c> is always recorded, one that sent an unsampled one never.
    /// </summary>
    public double SamplingRatio { get; set; } = DefaultSamplingRatio;

    public bool Enabled => !string.IsNullOrWhiteSpace(OtlpEndpoint);
}
