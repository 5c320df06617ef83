using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl;

/// <summary>
/// The HTTP handler for a TLS gateway whose certificate a private CA issued (<c>--ca-file</c>),
/// or that requires a client certificate (<c>--cert-file</c>, <c>--cert-key</c>); null when the
/// defaults (system trust store, no client certificate) serve.
/// </summary>
public static class TlsHandler
{
    public static SocketsHttpHandler? Create(GlobalOptions globals)
    {
        if (globals.CaFile is null && globals.CertFile is null && globals.CertKey is null) return null;
        if ((globals.CertFile is null) != (globals.CertKey is null)) throw new UsageException("--cert-file and --cert-key go together");
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        if (globals.CaFile is { } caFile)
        {
            var authorities = new X509Certificate2Collection();
            try { authorities.ImportFromPemFile(caFile); }
            catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException) { throw new UsageException($"--ca-file cannot read '{caFile}': {e.Message}"); }
            if (authorities.Count == 0) throw new UsageException($"--ca-file '{caFile}' holds no certificate");
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || errors.HasFlag(System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
                using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                using var chain = new X509Chain();
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
                return chain.Build(server);
            };
        }
        if (globals.CertFile is { } certFile)
        {
            try
            {
                using var pem = X509Certificate2.CreateFromPemFile(certFile, globals.CertKey);
                handler.SslOptions.ClientCertificates = [X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null)];
            }
            catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
            {
                throw new UsageException($"--cert-file/--cert-key cannot be read: {e.Message}");
            }
        }
        return handler;
    }
}
