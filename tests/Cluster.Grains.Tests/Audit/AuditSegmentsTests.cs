using System.IO.Compression;
using System.Text.Json;
using Azure.Data.Tables;
using Cluster.Grains.Audit;

namespace Cluster.Grains.Tests.Audit;

public sealed class AuditSegmentsTests
{
    [Fact]
    public void RecordsRoundTripThroughBinarySegmentsInOrder()
    {
        var (rows, records) = AuditChains.Binary(2500);

        Assert.True(rows.Count >= 3, $"{rows.Count} rows");
        Assert.All(rows, r => Assert.Equal(("mayo", "gw-1"), (r.PartitionKey, r.GetString("BatchId"))));
        Assert.Equal(AuditSegments.RowKey(1), rows[0].RowKey);
        Assert.Equal(records, rows.SelectMany(AuditSegments.Records).ToArray());
        Assert.Equal(records[^1].Hash, rows[^1].GetString("LastHash"));
        Assert.Equal(records[rows[0].GetInt32("Count")!.Value].PreviousHash, rows[1].GetString(AuditSegments.PreviousHashProperty));
        Assert.All(rows, r => Assert.True(r.GetBinary(AuditSegments.BinaryProperty)!.Length <= AuditSegments.MaxSegmentBytes));
        Assert.Equal(records.Length, rows.Sum(r => r.GetInt32("Count")!.Value));
        Assert.Equal(records[^1].Time, rows[^1].GetDateTimeOffset("LastTime"));
    }

    [Fact]
    public void ABinarySegmentIsSmallerThanTheJsonOneWasForTheSameRecords()
    {
        var (rows, records) = AuditChains.Binary(500);

        var binary = rows.Sum(r => r.GetBinary(AuditSegments.BinaryProperty)!.Length);
        Assert.True(binary < LegacyZlib(records).Length * 0.8, $"{binary} bytes against {LegacyZlib(records).Length}");
    }

    [Fact]
    public void ASegmentThatWouldExceedTheBinaryLimitIsSplit()
    {
        // Long random request ids push 250 records past 60 KiB once compressed.
        var (rows, records) = AuditChains.Binary(250, requestIdLength: 600, randomIds: true);

        Assert.True(rows.Count > 1);
        Assert.Equal(250, rows.Sum(r => r.GetInt32("Count")!.Value));
        Assert.All(rows[..^1], r => Assert.True(r.GetBinary(AuditSegments.BinaryProperty)!.Length > AuditSegments.MaxSegmentBytes * 3 / 4, "rows are filled, not halved"));

        Assert.True(rows.Count > 1);
        Assert.All(rows, r => Assert.True(r.GetBinary(AuditSegments.BinaryProperty)!.Length <= AuditSegments.MaxSegmentBytes));
        Assert.Equal(records, rows.SelectMany(AuditSegments.Records).ToArray());
    }

    [Fact]
    public void SegmentsWrittenAsCompressedJsonAreStillRead()
    {
        var records = AuditChains.Legacy(3);
        var row = new TableEntity("mayo", AuditSegments.RowKey(1)) { [AuditSegments.CompressedProperty] = LegacyZlib(records) };

        Assert.Equal(records, AuditSegments.Records(row));
    }

    [Fact]
    public void SegmentsWrittenAsPlainJsonAreStillRead()
    {
        var records = AuditChains.Legacy(3);
        var row = new TableEntity("mayo", AuditSegments.RowKey(1)) { [AuditSegments.PlainProperty] = JsonSerializer.Serialize(records) };

        Assert.Equal(records, AuditSegments.Records(row));
    }

    [Fact]
    public void ADamagedBinarySegmentIsReportedAsUnreadable()
    {
        var row = AuditChains.Binary(5).Rows[0];
        var payload = row.GetBinary(AuditSegments.BinaryProperty)!;
        payload[payload.Length / 2] ^= 0xFF;
        payload[2] ^= 0xFF;
        row[AuditSegments.BinaryProperty] = payload;

        Assert.Throws<InvalidDataException>(() => AuditSegments.Records(row));
    }

    [Fact]
    public void ASegmentThatDecompressesPastAnySegmentIsRefused()
    {
        var row = AuditChains.Binary(1).Rows[0];
        row[AuditSegments.BinaryProperty] = Zlib(new byte[AuditSegments.MaxPayloadBytes + 1]);

        Assert.Throws<InvalidDataException>(() => AuditSegments.Records(row));
    }

    [Fact]
    public void ASegmentWithoutAWellFormedPreviousHashIsUnreadable()
    {
        var row = AuditChains.Binary(2).Rows[0];
        row[AuditSegments.PreviousHashProperty] = "not-a-hash";

        Assert.Throws<InvalidDataException>(() => AuditSegments.Records(row));
    }

    private static byte[] LegacyZlib(AuditRecord[] records) => Zlib(JsonSerializer.SerializeToUtf8Bytes(records));

    private static byte[] Zlib(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true)) zlib.Write(data);
        return output.ToArray();
    }
}
