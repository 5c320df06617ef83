using Cluster.Grains.Hosting;

namespace Cluster.Gateway.Hosting;

/// <summary>Mutual TLS from the gateway's Orleans client to the silos: it presents its member certificate and accepts only member silos.</summary>
public static class ClientTlsExtensions
{
    public static IClientBuilder UseClusterTls(this IClientBuilder client, ClusterTlsOptions options) =>
        client.UseTls(tls => tls.LocalCertificate = ClusterCertificates.Configure(tls, options));
}
