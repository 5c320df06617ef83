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
        if (!IPAddress.TryParse(o.ListenAddress, out _)) failures.Add($"{s}:ListenAddress '{o.ListenAddress}' is not an IP address.");
        var ports = new[] { ("HttpPort", o.HttpPort), ("GrpcPort", o.GrpcPort), ("MetricsPort", o.MetricsPort) };
        foreach (var (key, port) in ports)
        {
            if (port is < 1 or > 65535) failures.Add($"{s}:{key} must be a TCP port (1-65535), not {port}.");
        }
        if (ports.Select(p => p.Item2).Distinct().Count() != ports.Length) failures.Add($"{s}:HttpPort, GrpcPort and MetricsPort must differ.");
        if (o.MaxRequestBytes < 1024) failures.Add($"{s}:MaxRequestBytes must be at least 1024.");
        if (o.CatalogRefreshInterval <= TimeSpan.Zero) failures.Add($"{s}:CatalogRefreshInterval must be positive.");
        if (o.DefaultInferenceTimeout <= TimeSpan.Zero) failures.Add($"{s}:DefaultInferenceTimeout must be positive.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static GatewayOptions ValidateNow(GatewayOptions options)
    {
        var result = new GatewayOptionsValidator().Validate(null, options);
        if (result.Failed) throw new OptionsValidationException(GatewayOptions.SectionName, typeof(GatewayOptions), result.Failures);
        return options;
    }
}
