using Microsoft.Extensions.Options;

namespace Cluster.Grains.Devices.Telemetry;

/// <summary>Rejects an unknown mode or an interval under a second at start-up, naming the key.</summary>
internal sealed class GpuMetricsOptionsValidator : IValidateOptions<GpuMetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, GpuMetricsOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.GpuMetrics))
            failures.Add($"{GpuMetricsOptions.SectionName}:GpuMetrics must be Auto, On or Off.");
        if (options.GpuMetricsInterval < GpuMetricsOptions.MinimumGpuMetricsInterval)
            failures.Add($"{GpuMetricsOptions.SectionName}:GpuMetricsInterval must be at least {GpuMetricsOptions.MinimumGpuMetricsInterval}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
