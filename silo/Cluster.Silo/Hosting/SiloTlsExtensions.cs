using Cluster.Grains.Hosting;

namespace Cluster.Silo.Hosting;

/// <summary>Mutual TLS on the silo's silo-to-silo and client (gateway) endpoints (<see cref="ClusterCertificates.Configure"/>).</summary>
public static class SiloTlsExtensions
{
    public static ISiloBuilder UseClusterTls(this ISiloBuilder orleans, ClusterTlsOptions options) =>
        orleans.UseTls(tls => tls.LocalCertificate = ClusterCertificates.Configure(tls, options));
}
