using Microsoft.Extensions.Options;

namespace Cluster.Grains.Hosting;

/// <summary>Fails start-up with the offending key when membership settings are incomplete.</summary>
public sealed class ClusterDiscoveryOptionsValidator : IValidateOptions<ClusterDiscoveryOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterDiscoveryOptions options)
    {
        const string s = ClusterDiscoveryOptions.SectionName;
        var failures = new List<string>();
        if (!options.IsAzureTable && !string.Equals(options.Provider, ClusterDiscoveryOptions.LocalhostProvider, StringComparison.OrdinalIgnoreCase))
            failures.Add($"{s}:Provider must be Localhost or AzureTable, not '{options.Provider}'.");
        if (options.IsAzureTable && string.IsNullOrWhiteSpace(options.ConnectionString))
            failures.Add($"{s}:ConnectionString is required when {s}:Provider is AzureTable.");
        if (string.IsNullOrWhiteSpace(options.ClusterId)) failures.Add($"{s}:ClusterId must not be empty.");
        if (string.IsNullOrWhiteSpace(options.ServiceId)) failures.Add($"{s}:ServiceId must not be empty.");
        foreach (var (key, port) in new[] { ("SiloPort", options.SiloPort), ("GatewayPort", options.GatewayPort) })
        {
            if (port is < 1 or > 65535) failures.Add($"{s}:{key} must be a TCP port (1-65535), not {port}.");
        }
        if (options.UsesTls)
        {
            var t = $"{s}:Tls";
            foreach (var (key, file) in new[] { ("CertificateFile", options.Tls.CertificateFile), ("KeyFile", options.Tls.KeyFile), ("CaFile", options.Tls.CaFile) })
            {
                if (string.IsNullOrWhiteSpace(file))
                    failures.Add($"{t}:{key} is required: members talk mutual TLS (set {t}:CertificateFile, KeyFile and CaFile; "
                        + $"{s}:Plaintext=true only for a test cluster on one machine).");
                else if (!File.Exists(file))
                    failures.Add($"{t}:{key} '{file}' does not exist.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Validates eagerly, for hosts that need the values while they are being built.</summary>
    public static ClusterDiscoveryOptions ValidateNow(ClusterDiscoveryOptions options)
    {
        var result = new ClusterDiscoveryOptionsValidator().Validate(null, options);
        if (result.Failed) throw new OptionsValidationException(ClusterDiscoveryOptions.SectionName, typeof(ClusterDiscoveryOptions), result.Failures);
        return options;
    }
}
