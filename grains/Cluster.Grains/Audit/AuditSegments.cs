using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Azure.Data.Tables;

namespace Cluster.Grains.Audit;

/// <summary>
/// Audit records stored as append-only segments: one Azure Table row holds consecutive records of
/// one tenant (row key: the first record's zero-padded sequence), so a busy tenant costs a few rows
/// per flush rather than one per request. The records are a UTF-8 JSON array compressed with zlib
/// (RFC 1950) in the binary property <c>RecordsZlib</c>; rows written before that format keep
/// the plain JSON in the string property <c>Records</c> and are still read.
/// </summary>
internal static class AuditSegments
{
    /// <summary>Most records in one row.</summary>
    public const int MaxRecordsPerSegment = 250;

    /// <summary>Largest compressed payload of one row: under Azure Table's 64 KiB binary property limit.</summary>
    public const int MaxSegmentBytes = 60 * 1024;

    public const string CompressedProperty = "RecordsZlib";
    public const string PlainProperty = "Records";

    /// <summary>The JSON of one segment before compression; reused per thread so segments do not land on the large object heap.</summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _json;

    public static string RowKey(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>
    /// The rows for consecutive chained records of one batch (each row names the batch): as many records per row as fit
    /// <see cref="MaxRecordsPerSegment"/> and <see cref="MaxSegmentBytes"/> (a run that does not fit is halved).
    /// </summary>
    public static List<TableEntity> ToEntities(string partition, ReadOnlyMemory<AuditRecord> records, string batchId)
    {
        var rows = new List<TableEntity>();
        while (records.Length > 0)
        {
            var take = Math.Min(records.Length, MaxRecordsPerSegment);
            byte[] payload;
            while ((payload = Compress(records.Span[..take])).Length > MaxSegmentBytes && take > 1) take /= 2;
            if (payload.Length > MaxSegmentBytes)
                throw new ArgumentException($"audit record {records.Span[0].Sequence} is larger than a segment ({payload.Length} compressed bytes).", nameof(records));
            rows.Add(ToEntity(partition, records.Span[..take], payload, batchId));
            records = records[take..];
        }
        return rows;
    }

    private static TableEntity ToEntity(string partition, ReadOnlySpan<AuditRecord> records, byte[] payload, string batchId) => new(partition, RowKey(records[0].Sequence))
    {
        ["FirstSequence"] = records[0].Sequence,
        ["LastSequence"] = records[^1].Sequence,
        ["FirstTime"] = records[0].Time,
        ["LastTime"] = records[^1].Time,
        ["LastHash"] = records[^1].Hash,
        ["Count"] = records.Length,
        ["BatchId"] = batchId,
        [CompressedProperty] = payload,
    };

    /// <summary>The records of a row; throws <see cref="JsonException"/> when the row was damaged.</summary>
    public static AuditRecord[] Records(TableEntity row)
    {
        if (row.GetBinary(CompressedProperty) is { } compressed)
        {
            try
            {
                return JsonSerializer.Deserialize(Decompress(compressed), AuditJsonContext.Default.AuditRecordArray) ?? [];
            }
            catch (InvalidDataException ex)
            {
                throw new JsonException("the segment's compressed records are damaged.", ex);
            }
        }
        return JsonSerializer.Deserialize(row.GetString(PlainProperty) ?? "[]", AuditJsonContext.Default.AuditRecordArray) ?? [];
    }

    /// <summary>zlib of the records' UTF-8 JSON array.</summary>
    public static byte[] Compress(ReadOnlySpan<AuditRecord> records)
    {
        var json = _json ??= new ArrayBufferWriter<byte>(MaxRecordsPerSegment * 768);
        json.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartArray();
            foreach (var record in records) JsonSerializer.Serialize(writer, record, AuditJsonContext.Default.AuditRecord);
            writer.WriteEndArray();
        }
        using var output = new MemoryStream(json.WrittenCount / 3);
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
            zlib.Write(json.WrittenSpan);
        return output.ToArray();
    }

    /// <summary>The UTF-8 JSON array inside a compressed payload; throws <see cref="InvalidDataException"/> when damaged.</summary>
    public static byte[] Decompress(byte[] payload)
    {
        using var input = new ZLibStream(new MemoryStream(payload), CompressionMode.Decompress);
        using var output = new MemoryStream(payload.Length * 4);
        input.CopyTo(output);
        return output.ToArray();
    }
}
