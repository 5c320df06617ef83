using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Telemetry;

/// <summary>Fails start-up naming the <c>Telemetry</c> key that is unusable.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public static readonly string[] Protocols = ["grpc", "http/protobuf"];

    public ValidateOptionsResult Validate(string? name, TelemetryOptions o)
    {
        const string s = TelemetryOptions.SectionName;
        var failures = new List<string>();
        if (o.Enabled && !(Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            failures.Add($"{s}:OtlpEndpoint must be an absolute http or https URL (e.g. http://collector:4317), not '{o.OtlpEndpoint}'.");
        if (!Protocols.Contains(o.OtlpProtocol, StringComparer.Ordinal))
            failures.Add($"{s}:OtlpProtocol must be one of {string.Join(", ", Protocols)}, not '{o.OtlpProtocol}'.");
        if (!double.IsFinite(o.SamplingRatio) || o.SamplingRatio is < 0 or > 1)
            failures.Add($"{s}:SamplingRatio must be 0-1, not {o.SamplingRatio}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static TelemetryOptions ValidateNow(TelemetryOptions options)
    {
        var result = new TelemetryOptionsValidator().Validate(null, options);
        if (result.Failed) throw new OptionsValidationException(TelemetryOptions.SectionName, typeof(TelemetryOptions), result.Failures);
        return options;
    }
}
