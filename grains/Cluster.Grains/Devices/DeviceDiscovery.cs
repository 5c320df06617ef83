using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Cluster.Grains.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Devices;

/// <summary>
/// Finds the devices this silo offers: the configured list (<c>Silo:Devices</c>) when given, else
/// the CUDA devices <c>nvidia-smi</c> reports (index, total and used memory) plus <c>cpu</c>. A
/// missing or failing <c>nvidia-smi</c> means CPU only. Whether ONNX Runtime's CUDA provider then
/// loads on a device is still decided by trying (<see cref="Onnx.OnnxSessionFactory"/>).
/// </summary>
public sealed partial class DeviceDiscovery(IOptions<DeviceOptions> options, ILogger<DeviceDiscovery> logger)
{
    private const long Mib = 1024 * 1024;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    public IReadOnlyList<LocalDevice> Discover()
    {
        var o = options.Value;
        IReadOnlyList<LocalDevice> devices;
        if (o.DeviceList.Count > 0)
        {
            devices = FromConfiguration(o);
            LogConfigured(logger, string.Join(", ", devices.Select(d => d.Name)));
            return devices;
        }
        var cuda = string.IsNullOrEmpty(o.NvidiaSmi) ? [] : QueryNvidiaSmi(o);
        devices = [.. cuda, Cpu(o)];
        LogDiscovered(logger, string.Join(", ", devices.Select(d => d.Name)));
        return devices;
    }

    public static IReadOnlyList<LocalDevice> FromConfiguration(DeviceOptions options) =>
        options.DeviceList.Select(text =>
        {
            ConfiguredDevice.TryParse(text, out var d);
            return d.Type == DeviceType.Cpu
                ? Cpu(options)
                : new LocalDevice(d.Name, DeviceType.Cuda, d.CudaId, d.MemoryMib * Mib, d.MemoryMib * Mib, options.CudaDeviceSlots);
        }).ToArray();

    /// <summary>
    /// Parses <c>nvidia-smi --query-gpu=index,memory.total,memory.used --format=csv,noheader</c>
    /// output (MiB, with or without the unit); lines that do not parse are skipped.
    /// </summary>
    public static IReadOnlyList<LocalDevice> ParseNvidiaSmi(string output, int slots)
    {
        var devices = new List<LocalDevice>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(',', StringSplitOptions.TrimEntries);
            if (fields.Length != 3
                || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || !TryMib(fields[1], out var total)
                || !TryMib(fields[2], out var used))
            {
                continue;
            }
            devices.Add(new LocalDevice(
                string.Create(CultureInfo.InvariantCulture, $"cuda:{index}"), DeviceType.Cuda, index, total * Mib, Math.Max(0, total - used) * Mib, slots));
        }
        return devices;
    }

    private static bool TryMib(string field, out long mib)
    {
        var number = field.EndsWith("MiB", StringComparison.OrdinalIgnoreCase) ? field[..^3].TrimEnd() : field;
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out mib);
    }

    private static LocalDevice Cpu(DeviceOptions options) => new("cpu", DeviceType.Cpu, 0, 0, 0, options.CpuSlots);

    private IReadOnlyList<LocalDevice> QueryNvidiaSmi(DeviceOptions o)
    {
        try
        {
            var start = new ProcessStartInfo(o.NvidiaSmi, ["--query-gpu=index,memory.total,memory.used", "--format=csv,noheader,nounits"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start);
            if (process is null) return [];
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(s_timeout))
            {
                process.Kill(entireProcessTree: true);
                LogNvidiaSmiFailed(logger, o.NvidiaSmi, "it did not answer within 10 s");
                return [];
            }
            if (process.ExitCode != 0)
            {
                LogNvidiaSmiFailed(logger, o.NvidiaSmi, $"exit code {process.ExitCode}");
                return [];
            }
            return ParseNvidiaSmi(output.GetAwaiter().GetResult(), o.CudaDeviceSlots);
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException)
        {
            LogNvidiaSmiMissing(logger, o.NvidiaSmi);
            return [];
        }
    }
}
