using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cluster.Grains.Hosting;

/// <summary>Loads a member's certificate and the cluster CA, and decides whether a peer is a member.</summary>
public static class ClusterCertificates
{
    public static (X509Certificate2 Certificate, X509Certificate2Collection Authorities) Load(ClusterTlsOptions options)
    {
        var certificate = CertificateFiles.LoadPemPair(options.CertificateFile, options.KeyFile);
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(options.CaFile);
        if (authorities.Count == 0) throw new CryptographicException($"{options.CaFile} holds no certificate.");
        return (certificate, authorities);
    }

    /// <summary>
    /// The TLS settings every member uses, as a silo and as a client: this member's certificate
    /// from <paramref name="options"/>, TLS 1.2 or 1.3, a certificate required from the peer, and
    /// <see cref="IsMember"/> as the only test of it.
    /// </summary>
    public static X509Certificate2 Configure(Orleans.Connections.Security.TlsOptions tls, ClusterTlsOptions options)
    {
        var (certificate, authorities) = Load(options);
        tls.SslProtocols = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13;
        tls.RemoteCertificateMode = Orleans.Connections.Security.RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = Orleans.Connections.Security.RemoteCertificateMode.RequireCertificate;
        tls.RemoteCertificateValidation = (peer, _, _) => IsMember(peer, authorities);
        return certificate;
    }

    /// <summary>
    /// Whether <paramref name="peer"/> is a cluster member: it chains to one of
    /// <paramref name="authorities"/> (and to nothing else trusted by the system), is in its
    /// validity period, and may authenticate both as a server and as a client. Host names are not
    /// compared: members are pods whose addresses change; the CA is what admits them.
    /// </summary>
    public static bool IsMember(X509Certificate2? peer, X509Certificate2Collection authorities) =>
        peer is not null && CertificateFiles.ChainsTo(peer, authorities, CertificateFiles.ServerAuthentication, CertificateFiles.ClientAuthentication);
}
