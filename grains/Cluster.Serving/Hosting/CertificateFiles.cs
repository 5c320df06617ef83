using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cluster.Grains.Hosting;

/// <summary>Certificates from PEM files, and chain checks against a given set of authorities: what the gateway's TLS and the cluster's mutual TLS share.</summary>
public static class CertificateFiles
{
    public static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    public static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    /// <summary>A certificate with its private key from a PEM pair, in a form every platform's TLS stack can use (a PKCS#12 round trip).</summary>
    public static X509Certificate2 LoadPemPair(string certificateFile, string keyFile)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>
    /// Whether <paramref name="certificate"/> chains to one of <paramref name="authorities"/> (or, when
    /// null, to the system's trust store), is in its validity period and carries every one of
    /// <paramref name="usages"/>. Revocation is not checked.
    /// </summary>
    public static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection? authorities, params Oid[] usages)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        foreach (var usage in usages) chain.ChainPolicy.ApplicationPolicy.Add(usage);
        if (authorities is not null)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        }
        return chain.Build(certificate);
    }
}
