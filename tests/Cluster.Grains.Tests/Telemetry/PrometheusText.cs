using System.Globalization;
using System.Text;
using Prometheus;

namespace Cluster.Grains.Tests.Telemetry;

/// <summary>A registry's samples as Prometheus scrapes them, by series (<c>name{label="value",...}</c>).</summary>
internal static class PrometheusText
{
    public static async Task<IReadOnlyDictionary<string, double>> ScrapeAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in Encoding.UTF8.GetString(stream.ToArray()).Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var space = line.LastIndexOf(' ');
            samples[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }
        return samples;
    }

    public static string Series(string name, params (string Label, string Value)[] labels) =>
        labels.Length == 0 ? name : $"{name}{{{string.Join(",", labels.Select(l => $"{l.Label}=\"{l.Value}\""))}}}";

    public static string Gpu(string name, string uuid, string device) => Series(name, ("gpu_uuid", uuid), ("device", device));
}
