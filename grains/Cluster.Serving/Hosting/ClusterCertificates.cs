using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cluster.Grains.Hosting;

/// <summary>Loads a member's certificate and the cluster CA, and decides whether a peer is a member.</summary>
public static class ClusterCertificates
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    public static (X509Certificate2 Certificate, X509Certificate2Collection Authorities) Load(ClusterTlsOptions options)
    {
        using var pem = X509Certificate2.CreateFromPemFile(options.CertificateFile, options.KeyFile);
        // A PKCS#12 round trip gives the key a form every platform's TLS stack can use.
        var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
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
    public static bool IsMember(X509Certificate2? peer, X509Certificate2Collection authorities)
    {
        if (peer is null) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        return chain.Build(peer);
    }
}
