using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>The JSON report: <see cref="PerfReport"/> in camelCase, absent values as null.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static string Render(PerfReport report) => JsonSerializer.Serialize(report, Options);
}
