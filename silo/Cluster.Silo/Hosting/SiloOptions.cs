namespace Cluster.Silo.Hosting;

/// <summary>This silo's own settings (configuration section <c>Silo</c>).</summary>
public sealed class SiloOptions
{
    public const string SectionName = "Silo";
    public const int DefaultMetricsPort = 9102;

    /// <summary>Port of the silo's Prometheus <c>/metrics</c> endpoint (default 9102); 0 turns it off.</summary>
    public int MetricsPort { get; set; } = DefaultMetricsPort;

    /// <summary>
    /// How long a graceful stop may take (deactivating grains, handing shards over, leaving the
    /// cluster). Set it a little under the pod's termination grace period (the chart does). Default 30 s.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Address the metrics listener binds to: 127.0.0.1 (default, local only) or 0.0.0.0 in a pod (the chart sets it).</summary>
    public string MetricsListenAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Whether this silo process also runs the gateway role (the <c>Gateway</c> section configures
    /// its endpoints): its calls to shards on this silo cross no socket and no serializer. Default
    /// false: the silo serves grains only and stand-alone gateways route to it (docs/architecture.md).
    /// </summary>
    public bool HostGateway { get; set; }

    /// <summary>Address other silos and gateways reach this silo on; empty means loopback (local) or the first non-loopback address.</summary>
    public string? AdvertisedAddress { get; set; }
}
