using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cluster.Gateway.Hosting;
using Cluster.Grains.Hosting;

namespace Cluster.Gateway.Security;

/// <summary>
/// The gateway's TLS server settings for each new connection: the certificate chain from the PEM
/// files of <see cref="GatewayTlsOptions"/>, reloaded when the files change (checked at most every
/// <see cref="GatewayTlsOptions.ReloadInterval"/>, on a handshake; a rotated Kubernetes secret is
/// picked up without a restart, and a half-written or broken pair keeps the previous one), TLS 1.2+
/// only, ALPN, and the client-certificate policy.
/// </summary>
public sealed partial class ServerCertificateSource : IDisposable
{
    private readonly GatewayTlsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ServerCertificateSource> _logger;
    private readonly X509Certificate2Collection? _clientRoots;
    private readonly object _lock = new();
    private Loaded _current;
    private DateTimeOffset _checkedAt;

    public ServerCertificateSource(GatewayTlsOptions options, TimeProvider time, ILogger<ServerCertificateSource> logger)
    {
        (_options, _time, _logger) = (options, time, logger);
        _current = Load();
        _checkedAt = time.GetUtcNow();
        LogLoaded(logger, _current.Certificate.Subject, _current.Certificate.Thumbprint, _current.Certificate.NotAfter);
        if (!string.IsNullOrEmpty(options.ClientCaFile))
        {
            _clientRoots = [];
            _clientRoots.ImportFromPemFile(options.ClientCaFile);
        }
    }

    /// <summary>The settings of one handshake on a listener serving <paramref name="protocols"/> (ALPN names, preferred first).</summary>
    public SslServerAuthenticationOptions ServerOptions(IReadOnlyList<SslApplicationProtocol> protocols)
    {
        ReloadIfChanged();
        var mode = _options.ClientCertificates;
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = _current.Context,
            EnabledSslProtocols = GatewayTlsOptions.Protocols,
            ApplicationProtocols = [.. protocols],
            ClientCertificateRequired = mode != ClientCertificateModes.None,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, _, _) => mode switch
            {
                ClientCertificateModes.None => true,
                ClientCertificateModes.Allow when certificate is null => true,
                _ => certificate is not null && IsTrustedClient(certificate),
            },
        };
    }

    private bool IsTrustedClient(X509Certificate certificate)
    {
        using var client = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var trusted = CertificateFiles.ChainsTo(client, _clientRoots, CertificateFiles.ClientAuthentication);
        if (!trusted) LogClientRejected(_logger, client.Subject);
        return trusted;
    }

    private void ReloadIfChanged()
    {
        var now = _time.GetUtcNow();
        if (now - _checkedAt < _options.ReloadInterval) return;
        lock (_lock)
        {
            if (now - _checkedAt < _options.ReloadInterval) return;
            _checkedAt = now;
            if (Stamp() == _current.Stamp) return;
            try
            {
                var fresh = Load();
                _current = fresh;
                LogLoaded(_logger, fresh.Certificate.Subject, fresh.Certificate.Thumbprint, fresh.Certificate.NotAfter);
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or ArgumentException)
            {
                LogReloadFailed(_logger, ex.GetType().Name);
            }
        }
    }

    private (DateTime, DateTime, long, long) Stamp()
    {
        var (certificate, key) = (new FileInfo(_options.CertificateFile), new FileInfo(_options.KeyFile));
        return (certificate.LastWriteTimeUtc, key.LastWriteTimeUtc, certificate.Exists ? certificate.Length : -1, key.Exists ? key.Length : -1);
    }

    private Loaded Load()
    {
        var stamp = Stamp();
        var certificate = CertificateFiles.LoadPemPair(_options.CertificateFile, _options.KeyFile);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(_options.CertificateFile);
        var intermediates = new X509Certificate2Collection(chain.Where(c => c.Thumbprint != certificate.Thumbprint).ToArray());
        return new Loaded(certificate, SslStreamCertificateContext.Create(certificate, intermediates, offline: true), stamp);
    }

    public void Dispose() => _current.Certificate.Dispose();

    private sealed record class Loaded(X509Certificate2 Certificate, SslStreamCertificateContext Context, (DateTime, DateTime, long, long) Stamp);

    [LoggerMessage(EventId = 800, Level = LogLevel.Information, Message = "TLS certificate {Subject} ({Thumbprint}, valid until {NotAfter:O}) serves new connections")]
    private static partial void LogLoaded(ILogger logger, string subject, string thumbprint, DateTime notAfter);

    [LoggerMessage(EventId = 801, Level = LogLevel.Error, Message = "The TLS certificate files changed but could not be loaded ({Error}); the previous certificate stays in use")]
    private static partial void LogReloadFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 802, Level = LogLevel.Warning, Message = "Client certificate {Subject} refused: it does not chain to a trusted authority with the client-authentication usage")]
    private static partial void LogClientRejected(ILogger logger, string subject);
}
