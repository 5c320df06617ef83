using System.Net;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Hosting;

/// <summary>Fails start-up, naming the key, when an endpoint or limit is unusable.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions o)
    {
        const string s = GatewayOptions.SectionName;
        var failures = new List<string>();
        var listen = IPAddress.TryParse(o.ListenAddress, out var address) ? address : null;
        if (listen is null) failures.Add($"{s}:ListenAddress '{o.ListenAddress}' is not an IP address.");
        if (!string.IsNullOrEmpty(o.MetricsListenAddress) && !IPAddress.TryParse(o.MetricsListenAddress, out _))
            failures.Add($"{s}:MetricsListenAddress '{o.MetricsListenAddress}' is not an IP address.");
        if (o.Plaintext)
        {
            if (listen is not null && !IPAddress.IsLoopback(listen))
                failures.Add($"{s}:Plaintext is for development on a loopback address only; {s}:ListenAddress is {o.ListenAddress}. Configure {s}:Tls:CertificateFile and KeyFile.");
        }
        else
        {
            failures.AddRange(ValidateTls(o.Tls));
        }
        var ports = new[] { ("HttpPort", o.HttpPort), ("GrpcPort", o.GrpcPort), ("MetricsPort", o.MetricsPort) };
        foreach (var (key, port) in ports)
        {
            if (port is < 1 or > 65535) failures.Add($"{s}:{key} must be a TCP port (1-65535), not {port}.");
        }
        if (ports.Select(p => p.Item2).Distinct().Count() != ports.Length) failures.Add($"{s}:HttpPort, GrpcPort and MetricsPort must differ.");
        if (o.MaxRequestBytes < 1024) failures.Add($"{s}:MaxRequestBytes must be at least 1024.");
        if (o.CatalogRefreshInterval <= TimeSpan.Zero) failures.Add($"{s}:CatalogRefreshInterval must be positive.");
        if (o.DefaultInferenceTimeout <= TimeSpan.Zero) failures.Add($"{s}:DefaultInferenceTimeout must be positive.");
        if (o.ShutdownTimeout <= TimeSpan.Zero) failures.Add($"{s}:ShutdownTimeout must be positive.");
        if (o.DrainDelay < TimeSpan.Zero) failures.Add($"{s}:DrainDelay must not be negative.");
        else if (o.ShutdownTimeout > TimeSpan.Zero && o.DrainDelay >= o.ShutdownTimeout)
            failures.Add($"{s}:DrainDelay ({o.DrainDelay}) must be shorter than {s}:ShutdownTimeout ({o.ShutdownTimeout}): the drain of in-flight calls and the final usage and audit flush need time after it.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> ValidateTls(GatewayTlsOptions tls)
    {
        const string t = GatewayOptions.SectionName + ":Tls";
        if (string.IsNullOrEmpty(tls.CertificateFile) || string.IsNullOrEmpty(tls.KeyFile))
        {
            yield return $"{t}:CertificateFile and {t}:KeyFile are required (PEM files, e.g. a mounted Kubernetes TLS secret); "
                + $"for development on a loopback address only, set {GatewayOptions.SectionName}:Plaintext=true.";
        }
        else
        {
            if (!File.Exists(tls.CertificateFile)) yield return $"{t}:CertificateFile '{tls.CertificateFile}' does not exist.";
            if (!File.Exists(tls.KeyFile)) yield return $"{t}:KeyFile '{tls.KeyFile}' does not exist.";
        }
        if (!ClientCertificateModes.All.Contains(tls.ClientCertificates, StringComparer.Ordinal))
            yield return $"{t}:ClientCertificates must be one of {string.Join(", ", ClientCertificateModes.All)}, not '{tls.ClientCertificates}'.";
        if (!string.IsNullOrEmpty(tls.ClientCaFile) && !File.Exists(tls.ClientCaFile)) yield return $"{t}:ClientCaFile '{tls.ClientCaFile}' does not exist.";
        if (tls.ReloadInterval <= TimeSpan.Zero) yield return $"{t}:ReloadInterval must be positive.";
    }

    public static GatewayOptions ValidateNow(GatewayOptions options)
    {
        var result = new GatewayOptionsValidator().Validate(null, options);
        if (result.Failed) throw new OptionsValidationException(GatewayOptions.SectionName, typeof(GatewayOptions), result.Failures);
        return options;
    }
}
