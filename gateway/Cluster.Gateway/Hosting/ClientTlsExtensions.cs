using System.Security.Authentication;
using Cluster.Grains.Hosting;
using Orleans.Connections.Security;

namespace Cluster.Gateway.Hosting;

/// <summary>Mutual TLS from the gateway's Orleans client to the silos: it presents its member certificate and accepts only member silos.</summary>
public static class ClientTlsExtensions
{
    public static IClientBuilder UseClusterTls(this IClientBuilder client, ClusterTlsOptions options)
    {
        var (certificate, authorities) = ClusterCertificates.Load(options);
        return client.UseTls(certificate, tls =>
        {
            tls.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = (peer, _, _) => ClusterCertificates.IsMember(peer, authorities);
        });
    }
}
