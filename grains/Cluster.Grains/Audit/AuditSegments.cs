using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;

namespace Cluster.Grains.Audit;

/// <summary>
/// Audit records stored as append-only segments: one Azure Table row holds up to
/// <see cref="RecordsPerSegment"/> consecutive records of one tenant (row key: the first record's
/// zero-padded sequence), so a busy tenant costs one row per flush rather than one per request.
/// </summary>
internal static class AuditSegments
{
    /// <summary>Records per row: a record's JSON is about 700 characters (request ids and model names are capped at 128); a string property holds 32K.</summary>
    public const int RecordsPerSegment = 25;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static string RowKey(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);

    public static TableEntity ToEntity(string partition, IReadOnlyList<AuditRecord> records) => new(partition, RowKey(records[0].Sequence))
    {
        ["FirstSequence"] = records[0].Sequence,
        ["LastSequence"] = records[^1].Sequence,
        ["FirstTime"] = records[0].Time,
        ["LastTime"] = records[^1].Time,
        ["LastHash"] = records[^1].Hash,
        ["Count"] = records.Count,
        ["Records"] = JsonSerializer.Serialize(records, Json),
    };

    /// <summary>The records of a row; throws <see cref="JsonException"/> when the row was damaged.</summary>
    public static AuditRecord[] Records(TableEntity row) =>
        JsonSerializer.Deserialize<AuditRecord[]>(row.GetString("Records") ?? "[]", Json) ?? [];
}
