using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Azure.Data.Tables;

namespace Cluster.Grains.Audit;

/// <summary>
/// Audit records stored as append-only segments: one Azure Table row holds consecutive records of
/// one tenant (row key: the first record's zero-padded sequence), so a busy tenant costs a few rows
/// per flush rather than one per request. What the chain writes (format 2): the binary property
/// <c>RecordsBin</c>, zlib (RFC 1950) of each record's length-prefixed compact body
/// (<see cref="AuditRecordCodec"/>) followed by the first <see cref="TagBytes"/> bytes of its hash;
/// the row names the first record's sequence and previous hash and the last record's full hash.
/// Every full hash follows from those (each is computed over the one before), so readers recompute
/// them; the per-record tags let verification name the first altered record, and the full hashes
/// on the rows (last, and previous of the next row) hold the chain together. Rows of the older formats
/// (a zlib JSON array in <c>RecordsZlib</c>, plain JSON in <c>Records</c>) are still read.
/// </summary>
internal static class AuditSegments
{
    /// <summary>Most records in one row (about 75-85 bytes each compressed, so a full row is near <see cref="MaxSegmentBytes"/>).</summary>
    public const int MaxRecordsPerSegment = 1000;

    /// <summary>Largest compressed payload of one row: under Azure Table's 64 KiB binary property limit.</summary>
    public const int MaxSegmentBytes = 60 * 1024;

    /// <summary>Largest payload a row may decompress to (a damaged or forged row cannot make a reader allocate more).</summary>
    public const int MaxPayloadBytes = MaxRecordsPerSegment * (4 + AuditRecordCodec.MaxBodyBytes + TagBytes);

    public const int HashBytes = 32;

    /// <summary>How much of each record's hash a segment stores: enough that forging a record to match its tag is out of reach (2^64 work).</summary>
    public const int TagBytes = 8;
    public const string BinaryProperty = "RecordsBin";
    public const string CompressedProperty = "RecordsZlib";
    public const string PlainProperty = "Records";
    public const string PreviousHashProperty = "PreviousHash";

    /// <summary>The uncompressed payload of one segment; reused per thread so segments do not land on the large object heap.</summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _payload;

    /// <summary>Its compressed form, likewise reused.</summary>
    [ThreadStatic]
    private static MemoryStream? _compressed;

    /// <summary>Compressed bytes per record of the last row this thread wrote (0 before the first).</summary>
    [ThreadStatic]
    private static double _bytesPerRecord;

    public static string RowKey(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>
    /// The rows for consecutive chained records of one batch (each row names the batch; row keys start with
    /// <paramref name="rowPrefix"/>, the chain's own prefix in a shared partition): record i has sequence
    /// <paramref name="firstSequence"/> + i, body <paramref name="bodies"/>[i] and hash <paramref name="hashes"/>[32i..];
    /// as many records per row as fit <see cref="MaxRecordsPerSegment"/> and <see cref="MaxSegmentBytes"/> (a run that does not fit is
    /// cut to what its compressed size suggests would, with a tenth to spare, until it fits).
    /// </summary>
    public static List<TableEntity> ToEntities(string partition, string batchId, long firstSequence, ReadOnlySpan<byte> previousHash,
        IReadOnlyList<ReadOnlyMemory<byte>> bodies, ReadOnlySpan<byte> hashes, string rowPrefix = "")
    {
        var rows = new List<TableEntity>();
        var start = 0;
        var previous = Convert.ToHexStringLower(previousHash[..HashBytes]);
        while (start < bodies.Count)
        {
            var take = Math.Min(bodies.Count - start, MaxRecordsPerSegment);
            // Start from what the last row compressed to, so a full row is usually compressed once.
            if (_bytesPerRecord > 0) take = Math.Clamp((int)(MaxSegmentBytes * 0.95 / _bytesPerRecord), 1, take);
            byte[] payload;
            while ((payload = Compress(bodies, hashes, start, take)).Length > MaxSegmentBytes && take > 1)
                take = (int)Math.Clamp((long)take * MaxSegmentBytes * 9 / (10L * payload.Length), 1, take - 1);
            if (payload.Length > MaxSegmentBytes)
                throw new ArgumentException($"audit record {firstSequence + start} is larger than a segment ({payload.Length} compressed bytes).", nameof(bodies));
            _bytesPerRecord = (double)payload.Length / take;
            var last = start + take - 1;
            var lastHash = Convert.ToHexStringLower(hashes.Slice(last * HashBytes, HashBytes));
            rows.Add(new TableEntity(partition, rowPrefix + RowKey(firstSequence + start))
            {
                ["FirstSequence"] = firstSequence + start,
                ["LastSequence"] = firstSequence + last,
                ["FirstTime"] = AuditRecordCodec.Time(bodies[start].Span),
                ["LastTime"] = AuditRecordCodec.Time(bodies[last].Span),
                [PreviousHashProperty] = previous,
                ["LastHash"] = lastHash,
                ["Count"] = take,
                ["BatchId"] = batchId,
                [BinaryProperty] = payload,
            });
            previous = lastHash;
            start += take;
        }
        return rows;
    }

    /// <summary>A format-2 row's records as stored: its first sequence, the hash before it, its last hash, and each body with its hash tag.</summary>
    public static BinarySegment ReadBinary(TableEntity row)
    {
        var payload = Decompress(row.GetBinary(BinaryProperty) ?? throw new InvalidDataException("the segment has no records."));
        var first = row.GetInt64("FirstSequence") ?? throw new InvalidDataException("the segment has no first sequence.");
        var previous = row.GetString(PreviousHashProperty) is { Length: HashBytes * 2 } hex && AuditRecordCodec.IsLowerHex(hex)
            ? hex
            : throw new InvalidDataException("the segment's previous hash is missing or malformed.");
        var last = row.GetString("LastHash") is { Length: HashBytes * 2 } lastHex && AuditRecordCodec.IsLowerHex(lastHex)
            ? lastHex
            : throw new InvalidDataException("the segment's last hash is missing or malformed.");
        var entries = new List<(ReadOnlyMemory<byte> Body, ReadOnlyMemory<byte> Tag)>();
        ReadOnlyMemory<byte> rest = payload;
        while (rest.Length > 0)
        {
            var length = AuditRecordCodec.Length(rest.Span);
            if (rest.Length < 4 + length + TagBytes) throw new InvalidDataException("a record's hash is cut off.");
            entries.Add((rest.Slice(4, length), rest.Slice(4 + length, TagBytes)));
            rest = rest[(4 + length + TagBytes)..];
        }
        return new BinarySegment(first, previous, last, entries);
    }

    /// <summary>The records of a row, in any format; throws <see cref="InvalidDataException"/> when the row was damaged.</summary>
    public static AuditRecord[] Records(TableEntity row)
    {
        if (row.GetBinary(BinaryProperty) is not null)
        {
            var segment = ReadBinary(row);
            var hashes = segment.Hashes();
            var records = new AuditRecord[segment.Entries.Count];
            for (var i = 0; i < records.Length; i++)
            {
                records[i] = AuditRecordCodec.Read(segment.Entries[i].Body.Span) with
                {
                    Sequence = segment.FirstSequence + i,
                    PreviousHash = i == 0 ? segment.PreviousHash : hashes[i - 1],
                    Hash = hashes[i],
                };
            }
            return records;
        }
        try
        {
            if (row.GetBinary(CompressedProperty) is { } compressed)
                return JsonSerializer.Deserialize(Decompress(compressed), AuditJsonContext.Default.AuditRecordArray) ?? [];
            return JsonSerializer.Deserialize(row.GetString(PlainProperty) ?? "[]", AuditJsonContext.Default.AuditRecordArray) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("the segment's records are not readable JSON.", ex);
        }
    }

    private static byte[] Compress(IReadOnlyList<ReadOnlyMemory<byte>> bodies, ReadOnlySpan<byte> hashes, int start, int count)
    {
        var payload = _payload ??= new ArrayBufferWriter<byte>(MaxRecordsPerSegment * 200);
        payload.ResetWrittenCount();
        for (var i = start; i < start + count; i++)
        {
            var body = bodies[i].Span;
            var span = payload.GetSpan(4 + body.Length + TagBytes);
            BinaryPrimitives.WriteInt32LittleEndian(span, body.Length);
            body.CopyTo(span[4..]);
            hashes.Slice(i * HashBytes, TagBytes).CopyTo(span[(4 + body.Length)..]);
            payload.Advance(4 + body.Length + TagBytes);
        }
        var output = _compressed ??= new MemoryStream(2 * MaxSegmentBytes);
        output.SetLength(0);
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
            zlib.Write(payload.WrittenSpan);
        var compressed = output.ToArray();
        if (output.Capacity > 4 * MaxSegmentBytes) _compressed = null; // an oversized run is not kept per thread
        return compressed;
    }

    /// <summary>What a compressed payload holds; throws <see cref="InvalidDataException"/> when it is damaged or larger than any segment.</summary>
    public static byte[] Decompress(byte[] payload)
    {
        using var input = new ZLibStream(new MemoryStream(payload), CompressionMode.Decompress);
        using var output = new MemoryStream(payload.Length * 4);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int n;
            while ((n = input.Read(buffer)) > 0)
            {
                if (output.Length + n > MaxPayloadBytes) throw new InvalidDataException($"the segment decompresses to more than {MaxPayloadBytes} bytes.");
                output.Write(buffer, 0, n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return output.ToArray();
    }

}
