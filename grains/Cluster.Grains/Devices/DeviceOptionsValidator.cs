using Microsoft.Extensions.Options;

namespace Cluster.Grains.Devices;

/// <summary>Rejects unparseable or duplicate device names and non-positive capacities at start-up, naming the key.</summary>
internal sealed class DeviceOptionsValidator : IValidateOptions<DeviceOptions>
{
    public ValidateOptionsResult Validate(string? name, DeviceOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in options.DeviceList)
        {
            if (!ConfiguredDevice.TryParse(text, out var device))
                failures.Add($"{DeviceOptions.SectionName}:Devices entry '{text}' is not 'cpu', 'cuda:N' or 'cuda:N=MEMORY_MIB'.");
            else if (!seen.Add(device.Name))
                failures.Add($"{DeviceOptions.SectionName}:Devices names {device.Name} twice.");
        }
        if (options.CpuSlots < 1) failures.Add($"{DeviceOptions.SectionName}:CpuSlots must be 1 or more.");
        if (options.CudaDeviceSlots < 1) failures.Add($"{DeviceOptions.SectionName}:CudaDeviceSlots must be 1 or more.");
        if (options.DeviceRefreshInterval <= TimeSpan.Zero) failures.Add($"{DeviceOptions.SectionName}:DeviceRefreshInterval must be above zero.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
