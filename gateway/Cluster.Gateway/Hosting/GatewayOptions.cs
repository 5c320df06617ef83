namespace Cluster.Gateway.Hosting;

/// <summary>The gateway's endpoints and limits (configuration section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    /// <summary>The metrics listener's address: its own, or the gRPC and REST one.</summary>
    public string EffectiveMetricsListenAddress => string.IsNullOrEmpty(MetricsListenAddress) ? ListenAddress : MetricsListenAddress;

    public const string SectionName = "Gateway";
    public const int DefaultHttpPort = 8000;
    public const int DefaultGrpcPort = 8001;
    public const int DefaultMetricsPort = 8002;
    public const int DefaultMaxRequestBytes = 64 * 1024 * 1024;
    public const string DefaultListenAddress = "127.0.0.1";

    /// <summary>Address the gRPC and REST endpoints bind to: 127.0.0.1 (default, local only) or 0.0.0.0 in a pod.</summary>
    public string ListenAddress { get; set; } = DefaultListenAddress;

    /// <summary>Address the metrics listener binds to; empty: <see cref="ListenAddress"/>. Its own listener, never a Host-header match.</summary>
    public string MetricsListenAddress { get; set; } = "";

    /// <summary>
    /// Serve gRPC and REST without TLS. Only for development on a loopback <see cref="ListenAddress"/>
    /// (the validator refuses it elsewhere); ./run.sh sets it, the chart never does.
    /// </summary>
    public bool Plaintext { get; set; }

    /// <summary>The certificate and client-certificate policy when not <see cref="Plaintext"/>.</summary>
    public GatewayTlsOptions Tls { get; set; } = new();

    /// <summary>HTTP/REST port of the KServe v2 JSON protocol and the health probes (Triton's 8000).</summary>
    public int HttpPort { get; set; } = DefaultHttpPort;

    /// <summary>gRPC port, HTTP/2 only (Triton's 8001).</summary>
    public int GrpcPort { get; set; } = DefaultGrpcPort;

    /// <summary>Prometheus <c>/metrics</c> port (Triton's 8002): plain HTTP, metrics only (no PHI; NetworkPolicy limits who scrapes).</summary>
    public int MetricsPort { get; set; } = DefaultMetricsPort;

    /// <summary>Largest request accepted, in bytes, on gRPC and REST alike (default 64 MiB).</summary>
    public int MaxRequestBytes { get; set; } = DefaultMaxRequestBytes;

    /// <summary>
    /// How often the gateway refreshes its copy of the model repository index and model governance
    /// (lifecycle, approvals): a lifecycle change reaches every gateway within this interval.
    /// </summary>
    public TimeSpan CatalogRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a graceful stop may take: draining calls and the final usage and audit flush. Set
    /// it a little under the pod's termination grace period (the chart does). Default 30 s.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a gateway told to stop (SIGTERM) keeps serving with readiness off before it stops
    /// accepting calls and drains: the time clients and load balancers need to see it not ready
    /// and send their calls elsewhere. Counts against <see cref="ShutdownTimeout"/>. Default 0: in
    /// Kubernetes the pod's preStop sleep does this job (the chart's <c>gateway.preStopSleepSeconds</c>),
    /// since endpoints drop a terminating pod by themselves; <c>./run.sh --gateways N</c> sets it,
    /// where clients balance by readiness (docs/resilience.md).
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Longest a call waits for its shard when the client set no deadline.</summary>
    public TimeSpan DefaultInferenceTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
