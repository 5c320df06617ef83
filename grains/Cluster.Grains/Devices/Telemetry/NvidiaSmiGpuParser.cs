using System.Globalization;

namespace Cluster.Grains.Devices.Telemetry;

/// <summary>
/// Parses <c>nvidia-smi --query-gpu=index,uuid,utilization.gpu,memory.used,memory.total,power.draw,power.limit
/// --format=csv,noheader,nounits</c>: one GPU a line. Bracketed values (<c>[N/A]</c>,
/// <c>[Not Supported]</c>, <c>[Unknown Error]</c>) become null; units (<c>%</c>, <c>MiB</c>, <c>W</c>)
/// are accepted when present; a line without seven fields, an index or a UUID is skipped.
/// </summary>
public static class NvidiaSmiGpuParser
{
    /// <summary>The <c>--query-gpu</c> fields, in the order parsed.</summary>
    public const string Query = "index,uuid,utilization.gpu,memory.used,memory.total,power.draw,power.limit";

    private const long Mib = 1024 * 1024;

    public static IReadOnlyList<GpuSample> Parse(string output)
    {
        var samples = new List<GpuSample>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = line.Split(',', StringSplitOptions.TrimEntries);
            if (f.Length != 7
                || !int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || f[1].Length == 0 || f[1].StartsWith('[') || f[1].Contains(' '))
            {
                continue;
            }
            samples.Add(new GpuSample(
                index,
                f[1],
                Number(f[2], "%") / 100,
                (long?)Number(f[3], "MiB") * Mib,
                (long?)Number(f[4], "MiB") * Mib,
                Number(f[5], "W"),
                Number(f[6], "W")));
        }
        return samples;
    }

    private static double? Number(string field, string unit)
    {
        var text = field.EndsWith(unit, StringComparison.OrdinalIgnoreCase) ? field[..^unit.Length].TrimEnd() : field;
        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
