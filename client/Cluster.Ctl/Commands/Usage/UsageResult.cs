using System.Globalization;
using System.Text.Json.Nodes;
using Cluster.Admin.V1;
using Cluster.Ctl.Output;
using Google.Protobuf.WellKnownTypes;

namespace Cluster.Ctl.Commands.Usage;

/// <summary>
/// A tenant's usage. Text: the period, then a table with one row per group and a total line.
/// CSV: <c>group,requests,units,compute_ms,queue_ms</c>, one row per group (ungrouped: one row,
/// <c>total</c>, without times, which the server totals lack). JSON: its own shape, with numbers as
/// numbers: <c>{tenant, from, to, by, requests, units, rows[{group, requests, units, computeMs, queueMs}]}</c>.
/// </summary>
public sealed class UsageResult(GetUsageResponse response, string? by, bool csv) : ICommandResult
{
    public const string CsvHeader = "group,requests,units,compute_ms,queue_ms";
    public const string Total = "total";

    public GetUsageResponse Response { get; } = response;

    public void WriteText(TextWriter output)
    {
        if (csv)
        {
            WriteCsv(output);
            return;
        }
        new FieldList()
            .Add("tenant", Response.TenantId)
            .Add("from", Display.Time(Response.From))
            .Add("to", Display.Time(Response.To))
            .Write(output);
        output.WriteLine();
        var table = new TextTable((by ?? "group").ToUpperInvariant(), "REQUESTS", "UNITS", "COMPUTE MS", "QUEUE MS");
        foreach (var row in Response.Rows)
        {
            table.Add(row.Group.Length == 0 ? Display.None : row.Group, Integer(row.Requests), Integer(row.Units), Milliseconds(row.ComputeNs), Milliseconds(row.QueueNs));
        }
        var grouped = by is not null;
        table.Add(Total, Integer(Response.Requests), Integer(Response.Units),
            grouped ? Milliseconds(Response.Rows.Sum(r => r.ComputeNs)) : Display.None,
            grouped ? Milliseconds(Response.Rows.Sum(r => r.QueueNs)) : Display.None);
        table.Write(output);
    }

    public JsonNode ToJson() => new JsonObject
    {
        ["tenant"] = Response.TenantId,
        ["from"] = Rfc3339(Response.From),
        ["to"] = Rfc3339(Response.To),
        ["by"] = by,
        ["requests"] = Response.Requests,
        ["units"] = Response.Units,
        ["rows"] = new JsonArray(Response.Rows.Select(r => (JsonNode)new JsonObject
        {
            ["group"] = r.Group,
            ["requests"] = r.Requests,
            ["units"] = r.Units,
            ["computeMs"] = r.ComputeNs / 1e6,
            ["queueMs"] = r.QueueNs / 1e6,
        }).ToArray()),
    };

    private void WriteCsv(TextWriter output)
    {
        output.WriteLine(CsvHeader);
        if (by is null)
        {
            output.WriteLine($"{Total},{Integer(Response.Requests)},{Integer(Response.Units)},,");
            return;
        }
        foreach (var r in Response.Rows)
        {
            output.WriteLine($"{CsvField(r.Group)},{Integer(r.Requests)},{Integer(r.Units)},{Milliseconds(r.ComputeNs)},{Milliseconds(r.QueueNs)}");
        }
    }

    private static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Nanoseconds as milliseconds, at most three decimals (<c>1.235</c>).</summary>
    public static string Milliseconds(long nanoseconds) => (nanoseconds / 1e6).ToString("0.###", CultureInfo.InvariantCulture);

    private static string? Rfc3339(Timestamp? time) =>
        time?.ToDateTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    // RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
    private static string CsvField(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
