using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cluster.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway certificate authority for TLS tests, with server certificates for 127.0.0.1 and
/// localhost and client certificates, written as PEM files the gateway reads.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(string directory, string name)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name} test CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        AuthorityFile = Path.Combine(directory, "ca.pem");
        File.WriteAllText(AuthorityFile, Authority.ExportCertificatePem());
    }

    public string Directory { get; }
    public X509Certificate2 Authority { get; }
    public string AuthorityFile { get; }

    public static TestCertificates Create(string name) => new(Path.Combine(Path.GetTempPath(), "cluster-certs-" + Guid.NewGuid().ToString("N")[..8]), name);

    /// <summary>A server certificate (127.0.0.1, localhost), written to <c>{prefix}.crt</c> and <c>{prefix}.key</c>.</summary>
    public (X509Certificate2 Certificate, string CertificateFile, string KeyFile) Server(string prefix = "server")
    {
        var certificate = Issue($"CN={prefix}", ["1.3.6.1.5.5.7.3.1"], san =>
        {
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
        });
        var (crt, key) = (Path.Combine(Directory, prefix + ".crt"), Path.Combine(Directory, prefix + ".key"));
        WritePem(certificate, crt, key);
        return (certificate, crt, key);
    }

    /// <summary>A cluster member's certificate (server and client authentication), written to <c>{name}.crt</c> and <c>{name}.key</c>.</summary>
    public (string CertificateFile, string KeyFile) Member(string name)
    {
        using var certificate = Issue($"CN={name}", ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], san => san.AddDnsName(name));
        var (crt, key) = (Path.Combine(Directory, name + ".crt"), Path.Combine(Directory, name + ".key"));
        WritePem(certificate, crt, key);
        return (crt, key);
    }

    /// <summary>The settings that make a silo or gateway a member with <see cref="Member"/>'s files.</summary>
    public Dictionary<string, string?> MemberSettings(string name)
    {
        var (crt, key) = Member(name);
        return new()
        {
            ["Cluster:Tls:CertificateFile"] = crt,
            ["Cluster:Tls:KeyFile"] = key,
            ["Cluster:Tls:CaFile"] = AuthorityFile,
        };
    }

    /// <summary>A client certificate for mutual TLS, issued by this authority.</summary>
    public X509Certificate2 Client(string name) => Issue($"CN={name}", ["1.3.6.1.5.5.7.3.2"], _ => { });

    /// <summary>Writes <paramref name="certificate"/>'s PEM pair over the files the gateway watches (a rotation).</summary>
    public static void WritePem(X509Certificate2 certificate, string certificateFile, string keyFile)
    {
        File.WriteAllText(keyFile, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
    }

    private X509Certificate2 Issue(string subject, string[] usages, Action<SubjectAlternativeNameBuilder> names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        var oids = new OidCollection();
        foreach (var usage in usages) oids.Add(new Oid(usage));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, false));
        var san = new SubjectAlternativeNameBuilder();
        names(san);
        request.CertificateExtensions.Add(san.Build());
        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(Authority, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(12), serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>A client handler that trusts this authority only, presents <paramref name="client"/> when given, and records the server's certificate.</summary>
    public SocketsHttpHandler Handler(X509Certificate2? client = null, Action<X509Certificate2>? seen = null) => new()
    {
        SslOptions =
        {
            ClientCertificates = client is null ? null : [client],
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null) return false;
                using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                seen?.Invoke(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
                using var chain = new X509Chain();
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(Authority);
                return chain.Build(server);
            },
        },
    };

    public void Dispose()
    {
        Authority.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
