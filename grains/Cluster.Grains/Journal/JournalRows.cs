using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Cluster.Grains.Journal;

/// <summary>
/// How gateway journals lie in their table: partition key = the gateway's id; row key
/// "stream-sequence-part" (stream <c>a</c> audit or <c>u</c> usage, both zero-padded), so a stream's
/// entries sort in order. An entry's bytes (<see cref="JournalCodec"/>) are spread over binary
/// properties of 60 KiB (<c>D0</c>...), up to 15 per row, and over as many rows as needed; each
/// row names the entry's part count, and an entry missing a part (its write failed half way, so its
/// gateway never took it as written) is skipped.
/// </summary>
internal static class JournalRows
{
    private const int PropertyBytes = 60 * 1024, PropertiesPerRow = 15, RowsPerTransaction = 2;

    public static string Prefix(JournalStream stream) => stream == JournalStream.Audit ? "a-" : "u-";

    public static async Task WriteAsync(TableClient table, string gateway, JournalStream stream, long sequence, byte[] payload)
    {
        var rowBytes = PropertyBytes * PropertiesPerRow;
        var parts = Math.Max(1, (payload.Length + rowBytes - 1) / rowBytes);
        var rows = new List<TableEntity>(parts);
        for (var p = 0; p < parts; p++)
        {
            var row = new TableEntity(gateway, RowKey(stream, sequence, p)) { ["Parts"] = parts };
            var end = Math.Min(payload.Length, (p + 1) * rowBytes);
            for (int at = p * rowBytes, i = 0; at < end; at += PropertyBytes, i++)
                row["D" + i.ToString(CultureInfo.InvariantCulture)] = payload.AsMemory(at, Math.Min(PropertyBytes, end - at)).ToArray();
            rows.Add(row);
        }
        foreach (var transaction in rows.Chunk(RowsPerTransaction))
            await table.SubmitTransactionAsync(transaction.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)));
    }

    /// <summary>The stream's entries up to and including <paramref name="upTo"/> are deleted.</summary>
    public static async Task TrimAsync(TableClient table, string gateway, JournalStream stream, long upTo)
    {
        var prefix = Prefix(stream);
        var last = RowKey(stream, upTo, 999);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {gateway} and RowKey ge {prefix} and RowKey le {last}"), select: ["PartitionKey", "RowKey"]))
            rows.Add(row);
        await DeleteAsync(table, rows);
    }

    /// <summary>The gateway's complete entries of each stream, in order.</summary>
    public static async Task<(List<(JournalStream Stream, long Sequence, byte[] Payload)> Entries, List<TableEntity> Rows)> ReadAsync(TableClient table, string gateway)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {gateway}")))
            rows.Add(row);
        var entries = new List<(JournalStream, long, byte[])>();
        foreach (var entry in rows.Where(r => r.RowKey.Length > 6).GroupBy(r => r.RowKey[..^4], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var parts = entry.OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
            if (!TryParse(entry.Key, out var stream, out var sequence) || parts[0].GetInt32("Parts") is not { } count || parts.Count != count) continue;
            var payload = new MemoryStream();
            foreach (var part in parts)
            {
                for (var i = 0; i < PropertiesPerRow && part.GetBinary("D" + i.ToString(CultureInfo.InvariantCulture)) is { } bytes; i++)
                    payload.Write(bytes);
            }
            entries.Add((stream, sequence, payload.ToArray()));
        }
        return (entries, rows);
    }

    public static async Task DeleteAsync(TableClient table, List<TableEntity> rows)
    {
        foreach (var chunk in rows.Chunk(100))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)));
            }
            catch (TableTransactionFailedException)
            {
                // Some were deleted meanwhile (a trim and a replay of the same journal): delete the rest one by one.
                foreach (var row in chunk)
                {
                    try
                    {
                        await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All);
                    }
                    catch (RequestFailedException ex) when (ex.Status == 404)
                    {
                    }
                }
            }
        }
    }

    private static string RowKey(JournalStream stream, long sequence, int part) =>
        $"{Prefix(stream)}{sequence.ToString("D19", CultureInfo.InvariantCulture)}-{part.ToString("D3", CultureInfo.InvariantCulture)}";

    private static bool TryParse(string entryKey, out JournalStream stream, out long sequence)
    {
        stream = entryKey.StartsWith("a-", StringComparison.Ordinal) ? JournalStream.Audit : JournalStream.Usage;
        sequence = 0;
        return (entryKey.StartsWith("a-", StringComparison.Ordinal) || entryKey.StartsWith("u-", StringComparison.Ordinal))
            && long.TryParse(entryKey.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }
}
