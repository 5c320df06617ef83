namespace Cluster.Silo.Hosting;

/// <summary>This silo's own settings (configuration section <c>Silo</c>).</summary>
public sealed class SiloOptions
{
    public const string SectionName = "Silo";
    public const int DefaultMetricsPort = 9102;

    /// <summary>Port of the silo's Prometheus <c>/metrics</c> endpoint (default 9102); 0 turns it off.</summary>
    public int MetricsPort { get; set; } = DefaultMetricsPort;

    /// <summary>Address other silos and gateways reach this silo on; empty means loopback (local) or the first non-loopback address.</summary>
    public string? AdvertisedAddress { get; set; }
}
