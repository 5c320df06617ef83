namespace Cluster.Grains.Hosting;

/// <summary>
/// Mutual TLS between cluster members (configuration section <c>Cluster:Tls</c>): silo to silo and
/// gateway to silo. Each member presents its certificate (PEM, with both the server and the client
/// authentication usage) and accepts only peers whose certificate chains to the cluster's CA, so a
/// process without a member certificate can neither join nor call a grain. Required with Azure
/// Table membership unless <see cref="ClusterDiscoveryOptions.Plaintext"/>.
/// </summary>
public sealed class ClusterTlsOptions
{
    /// <summary>PEM certificate of this member (its chain may follow).</summary>
    public string CertificateFile { get; set; } = "";

    /// <summary>PEM private key of the certificate.</summary>
    public string KeyFile { get; set; } = "";

    /// <summary>PEM bundle of the cluster CA(s) every member's certificate chains to.</summary>
    public string CaFile { get; set; } = "";

    public bool IsConfigured => CertificateFile.Length > 0 || KeyFile.Length > 0 || CaFile.Length > 0;
}
