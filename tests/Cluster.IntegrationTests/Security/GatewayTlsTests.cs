using System.Security.Cryptography.X509Certificates;
using Cluster.IntegrationTests.Infrastructure;
using Grpc.Core;
using Inference;

namespace Cluster.IntegrationTests.Security;

/// <summary>TLS on the gateway's gRPC and REST listeners: certificate files, rotation without restart, mutual TLS.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GatewayTlsTests(ClusterFixture cluster) : IDisposable
{
    private readonly TestCertificates _certificates = TestCertificates.Create("gateway");
    private readonly ManualClock _clock = new();

    private Dictionary<string, string?> Tls(string certificateFile, string keyFile, string clientCertificates = "None", string clientCa = "") => new()
    {
        ["Gateway:Plaintext"] = "false",
        ["Gateway:Tls:CertificateFile"] = certificateFile,
        ["Gateway:Tls:KeyFile"] = keyFile,
        ["Gateway:Tls:ReloadInterval"] = "00:00:05",
        ["Gateway:Tls:ClientCertificates"] = clientCertificates,
        ["Gateway:Tls:ClientCaFile"] = clientCa,
    };

    [Fact]
    public async Task GrpcAndRestAreServedOverTlsWithHttp2()
    {
        var (_, crt, key) = _certificates.Server();
        await using var gateway = await cluster.StartTlsGatewayAsync(Tls(crt, key), () => _certificates.Handler(), _clock);

        var live = await new GRPCInferenceService.GRPCInferenceServiceClient(gateway.Channel).ServerLiveAsync(new ServerLiveRequest());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/health/ready") { Version = new Version(2, 0), VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var ready = await gateway.Http.SendAsync(request);

        Assert.True(live.Live);
        Assert.Equal(200, (int)ready.StatusCode);
        Assert.Equal(new Version(2, 0), ready.Version);
    }

    [Fact]
    public async Task APlainTextClientGetsNoAnswerFromATlsGateway()
    {
        var (_, crt, key) = _certificates.Server();
        await using var gateway = await cluster.StartTlsGatewayAsync(Tls(crt, key), () => _certificates.Handler(), _clock);
        using var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var answer = await Record.ExceptionAsync(async () =>
        {
            using var response = await plain.GetAsync($"http://127.0.0.1:{gateway.HttpPort}/v2/health/ready");
            Assert.NotEqual(200, (int)response.StatusCode);
        });

        Assert.True(answer is null or HttpRequestException, answer?.ToString());
    }

    [Fact]
    public async Task ARotatedCertificateServesNewConnectionsWithoutARestart()
    {
        var (first, crt, key) = _certificates.Server();
        await using var gateway = await cluster.StartTlsGatewayAsync(Tls(crt, key), () => _certificates.Handler(), _clock);
        var (second, _, _) = _certificates.Server("rotated");

        TestCertificates.WritePem(second, crt, key);
        _clock.Advance(TimeSpan.FromSeconds(6));
        X509Certificate2? seen = null;
        using var fresh = new HttpClient(_certificates.Handler(seen: c => seen = c));
        using var response = await fresh.GetAsync($"https://127.0.0.1:{gateway.HttpPort}/v2/health/live");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.NotEqual(first.Thumbprint, second.Thumbprint);
        Assert.Equal(second.Thumbprint, seen?.Thumbprint);
    }

    [Fact]
    public async Task MutualTlsAdmitsOnlyClientsWithACertificateFromTheConfiguredAuthority()
    {
        var (_, crt, key) = _certificates.Server();
        using var client = _certificates.Client("hospital-a");
        using var stranger = TestCertificates.Create("stranger");
        using var strangerClient = stranger.Client("intruder");
        await using var gateway = await cluster.StartTlsGatewayAsync(
            Tls(crt, key, "Require", _certificates.AuthorityFile), () => _certificates.Handler(client), _clock);

        var withCertificate = await new GRPCInferenceService.GRPCInferenceServiceClient(gateway.Channel).ServerLiveAsync(new ServerLiveRequest());
        var withoutCertificate = await Record.ExceptionAsync(() => Get(gateway, _certificates.Handler()));
        var otherAuthority = await Record.ExceptionAsync(() => Get(gateway, _certificates.Handler(strangerClient)));

        Assert.True(withCertificate.Live);
        Assert.IsType<HttpRequestException>(withoutCertificate);
        Assert.IsType<HttpRequestException>(otherAuthority);
    }

    private static async Task Get(GatewayHost gateway, HttpMessageHandler handler)
    {
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync($"https://127.0.0.1:{gateway.HttpPort}/v2/health/live");
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _certificates.Dispose();
}
