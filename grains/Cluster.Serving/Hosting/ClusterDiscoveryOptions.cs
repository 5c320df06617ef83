namespace Cluster.Grains.Hosting;

/// <summary>
/// How silos and gateways find each other (configuration section <c>Cluster</c>), shared by both
/// hosts so they cannot disagree.
/// </summary>
public sealed class ClusterDiscoveryOptions
{
    public const string SectionName = "Cluster";
    public const string LocalhostProvider = "Localhost";
    public const string AzureTableProvider = "AzureTable";
    public const string DefaultClusterId = "health-cluster";
    public const string DefaultServiceId = "model-serving";
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    /// <summary><c>Localhost</c> (one machine, the embedded default) or <c>AzureTable</c> (Azure Table membership).</summary>
    public string Provider { get; set; } = LocalhostProvider;

    /// <summary>Orleans cluster id: silos and gateways of one deployment share it.</summary>
    public string ClusterId { get; set; } = DefaultClusterId;

    /// <summary>Orleans service id: stable across deployments of the same service.</summary>
    public string ServiceId { get; set; } = DefaultServiceId;

    /// <summary>Azure Storage connection string; required for <c>AzureTable</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Silo-to-silo port (default 11111).</summary>
    public int SiloPort { get; set; } = DefaultSiloPort;

    /// <summary>Port silos accept Orleans clients (the gateway) on (default 30000).</summary>
    public int GatewayPort { get; set; } = DefaultGatewayPort;

    /// <summary>Localhost clustering only: the silo port of the primary silo, when this silo is not it.</summary>
    public int? PrimarySiloPort { get; set; }

    /// <summary>Mutual TLS between members; see <see cref="ClusterTlsOptions"/>.</summary>
    public ClusterTlsOptions Tls { get; set; } = new();

    /// <summary>
    /// Allow Orleans traffic without TLS under Azure Table membership: for a test cluster on one
    /// machine only. Localhost clustering (one machine, ./run.sh) needs no TLS.
    /// </summary>
    public bool Plaintext { get; set; }

    /// <summary>Whether members talk TLS: configured, or required (Azure Table without Plaintext).</summary>
    public bool UsesTls => Tls.IsConfigured || (IsAzureTable && !Plaintext);

    public bool IsAzureTable => string.Equals(Provider, AzureTableProvider, StringComparison.OrdinalIgnoreCase);
}
