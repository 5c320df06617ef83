using Cluster.Gateway.Hosting;

namespace Cluster.Gateway.Tests.Hosting;

public sealed class GatewayOptionsValidatorTests
{
    private static IEnumerable<string> Failures(GatewayOptions options) => new GatewayOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void PlainTextIsAcceptedOnLoopback()
    {
        Assert.Empty(Failures(new GatewayOptions { Plaintext = true, ListenAddress = "127.0.0.1" }));
        Assert.Empty(Failures(new GatewayOptions { Plaintext = true, ListenAddress = "::1" }));
    }

    [Fact]
    public void PlainTextOnAnyOtherAddressIsRefusedNamingTheTlsSettings()
    {
        var failure = Assert.Single(Failures(new GatewayOptions { Plaintext = true, ListenAddress = "0.0.0.0" }));

        Assert.Contains("Gateway:Plaintext is for development on a loopback address only", failure);
        Assert.Contains("Gateway:Tls:CertificateFile", failure);
    }

    [Fact]
    public void WithoutPlainTextACertificateAndKeyAreRequired()
    {
        var failure = Assert.Single(Failures(new GatewayOptions()));

        Assert.Contains("Gateway:Tls:CertificateFile and Gateway:Tls:KeyFile are required", failure);
    }

    [Fact]
    public void MissingCertificateFilesAndAnUnknownClientCertificateModeAreNamed()
    {
        var failures = Failures(new GatewayOptions
        {
            Tls = new GatewayTlsOptions { CertificateFile = "/nonexistent/tls.crt", KeyFile = "/nonexistent/tls.key", ClientCertificates = "Maybe" },
        }).ToArray();

        Assert.Contains(failures, f => f.Contains("'/nonexistent/tls.crt' does not exist"));
        Assert.Contains(failures, f => f.Contains("'/nonexistent/tls.key' does not exist"));
        Assert.Contains(failures, f => f.Contains("ClientCertificates must be one of None, Allow, Require"));
    }

    [Fact]
    public void AMetricsListenAddressMustBeAnAddress() =>
        Assert.Contains(Failures(new GatewayOptions { Plaintext = true, MetricsListenAddress = "metrics.local" }), f => f.Contains("MetricsListenAddress"));

    [Fact]
    public void ADrainDelayMustLeaveTimeForTheDrainWithinTheShutdownTimeout()
    {
        Assert.Empty(Failures(new GatewayOptions { Plaintext = true, DrainDelay = TimeSpan.FromSeconds(5), ShutdownTimeout = TimeSpan.FromSeconds(30) }));
        Assert.Contains(Failures(new GatewayOptions { Plaintext = true, DrainDelay = TimeSpan.FromSeconds(-1) }), f => f.Contains("Gateway:DrainDelay must not be negative"));
        var failure = Assert.Single(Failures(new GatewayOptions { Plaintext = true, DrainDelay = TimeSpan.FromSeconds(30), ShutdownTimeout = TimeSpan.FromSeconds(30) }));
        Assert.Contains("Gateway:DrainDelay", failure);
        Assert.Contains("Gateway:ShutdownTimeout", failure);
    }
}
