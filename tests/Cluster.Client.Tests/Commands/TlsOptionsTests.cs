using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cluster.Client.Tests.Infrastructure;
using Cluster.Ctl;
using Cluster.Ctl.CommandLine;

namespace Cluster.Client.Tests.Commands;

public sealed class TlsOptionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ctl-tls-").FullName;

    private static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 Server(X509Certificate2 authority)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=gateway", key, HashAlgorithmName.SHA256);
        return request.Create(authority, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1), [1, 2, 3, 4]);
    }

    private string Write(string name, string pem)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, pem);
        return path;
    }

    [Fact]
    public void ACaFileMakesTheClientTrustCertificatesItIssuedAndNoOthers()
    {
        using var ours = Authority("hospital-ca");
        using var other = Authority("other-ca");
        var handler = TlsHandler.Create(new GlobalOptions { CaFile = Write("ca.pem", ours.ExportCertificatePem()) })!;
        var validate = handler.SslOptions.RemoteCertificateValidationCallback!;

        using var issued = Server(ours);
        using var foreign = Server(other);

        Assert.True(validate(this, issued, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(validate(this, foreign, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(validate(this, issued, null, SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    [Fact]
    public void WithoutTlsOptionsTheChannelKeepsItsDefaults() => Assert.Null(TlsHandler.Create(new GlobalOptions()));

    [Fact]
    public void ACertificateWithoutItsKeyIsAUsageError() =>
        Assert.Equal("error: --cert-file and --cert-key go together", ClusterCtl.UsageError("--cert-file", "client.pem", "tenant", "list"));

    [Fact]
    public void AnUnreadableCaFileIsAUsageErrorNamingIt() =>
        Assert.StartsWith("error: --ca-file cannot read '/nonexistent/ca.pem'", ClusterCtl.UsageError("--ca-file", "/nonexistent/ca.pem", "tenant", "list"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
