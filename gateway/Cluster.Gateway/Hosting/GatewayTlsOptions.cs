using System.Security.Authentication;

namespace Cluster.Gateway.Hosting;

/// <summary>
/// TLS on the gateway's gRPC and REST listeners (configuration section <c>Gateway:Tls</c>): a PEM
/// certificate and key from files (a Kubernetes secret mounted as files works as is), reloaded
/// when the files change, TLS 1.2 or 1.3 only, HTTP/2 negotiated by ALPN; optionally client
/// certificates (mutual TLS) for health systems that require them.
/// </summary>
public sealed class GatewayTlsOptions
{
    /// <summary>PEM certificate (chain) file; the server certificate first.</summary>
    public string CertificateFile { get; set; } = "";

    /// <summary>PEM private key file of the certificate.</summary>
    public string KeyFile { get; set; } = "";

    /// <summary>How often, at most, a handshake checks whether the files changed (default 10 s).</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary><c>None</c> (default), <c>Allow</c> (validated when sent) or <c>Require</c> (mutual TLS).</summary>
    public string ClientCertificates { get; set; } = ClientCertificateModes.None;

    /// <summary>PEM bundle of the CAs client certificates must chain to; empty: the system's trust store.</summary>
    public string ClientCaFile { get; set; } = "";

    /// <summary>The protocol versions offered: TLS 1.2 and 1.3, never older.</summary>
    public static SslProtocols Protocols => SslProtocols.Tls12 | SslProtocols.Tls13;
}
