using System.Security.Authentication;
using Cluster.Grains.Hosting;
using Orleans.Connections.Security;

namespace Cluster.Silo.Hosting;

/// <summary>Mutual TLS on the silo's silo-to-silo and client (gateway) endpoints.</summary>
public static class SiloTlsExtensions
{
    public static ISiloBuilder UseClusterTls(this ISiloBuilder orleans, ClusterTlsOptions options)
    {
        var (certificate, authorities) = ClusterCertificates.Load(options);
        return orleans.UseTls(certificate, tls =>
        {
            tls.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = (peer, _, _) => ClusterCertificates.IsMember(peer, authorities);
        });
    }
}
