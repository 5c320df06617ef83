using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using Cluster.Grains.Audit;

namespace Cluster.Grains.Tests.Audit;

public sealed class AuditSegmentsTests
{
    [Fact]
    public void RecordsRoundTripThroughCompressedSegmentsInOrder()
    {
        var records = Chain(600, requestIdLength: 12);
        var rows = AuditSegments.ToEntities("mayo", records, "gw-1");

        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(("mayo", "gw-1"), (r.PartitionKey, r.GetString("BatchId"))));
        Assert.Equal(AuditSegments.RowKey(1), rows[0].RowKey);
        Assert.Equal(records, rows.SelectMany(AuditSegments.Records).ToArray());
        Assert.Equal(records[^1].Hash, rows[^1].GetString("LastHash"));
        Assert.Equal(records.Length, rows.Sum(r => r.GetInt32("Count")!.Value));
    }

    [Fact]
    public void ASegmentThatWouldExceedTheBinaryLimitIsSplit()
    {
        // Incompressible request ids of the longest accepted length push 250 records past 60 KiB.
        var records = Chain(250, requestIdLength: 128, randomIds: true);
        var rows = AuditSegments.ToEntities("mayo", records, "gw-1");

        Assert.True(rows.Count > 1);
        Assert.All(rows, r => Assert.True(r.GetBinary(AuditSegments.CompressedProperty)!.Length <= AuditSegments.MaxSegmentBytes));
        Assert.Equal(records, rows.SelectMany(AuditSegments.Records).ToArray());
    }

    [Fact]
    public void SegmentsWrittenAsPlainJsonAreStillRead()
    {
        var records = Chain(3, requestIdLength: 8);
        var row = new TableEntity("mayo", AuditSegments.RowKey(1)) { [AuditSegments.PlainProperty] = JsonSerializer.Serialize(records) };

        Assert.Equal(records, AuditSegments.Records(row));
    }

    [Fact]
    public void ADamagedCompressedSegmentIsReportedAsUnreadable()
    {
        var row = AuditSegments.ToEntities("mayo", Chain(5, requestIdLength: 8), "gw-1")[0];
        var payload = row.GetBinary(AuditSegments.CompressedProperty)!;
        payload[payload.Length / 2] ^= 0xFF;
        payload[2] ^= 0xFF;
        row[AuditSegments.CompressedProperty] = payload;

        Assert.ThrowsAny<JsonException>(() => AuditSegments.Records(row));
    }

    private static AuditRecord[] Chain(int count, int requestIdLength, bool randomIds = false)
    {
        var records = new AuditRecord[count];
        var previous = AuditHash.Genesis;
        for (var i = 0; i < count; i++)
        {
            var id = randomIds
                ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(requestIdLength / 2))
                : $"req-{i}".PadRight(requestIdLength, 'x');
            var record = new AuditRecord
            {
                Time = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero).AddMilliseconds(i),
                RequestId = id, TenantId = "mayo", KeyId = "abcdefghijkl", Purpose = "TREAT",
                Model = "breast-cancer-risk", Version = "1", ArtifactSha256 = new string('a', 64), Lifecycle = "Approved",
                Decision = AuditRecord.Allowed, StatusCode = 0, Units = 1, LatencyMs = 0.25 + i, Silo = "127.0.0.1:11111", Device = "cpu",
                InputSha256 = Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i))),
                OutputSha256 = Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(-i))),
                Sequence = i + 1, PreviousHash = previous,
            };
            record = record with { Hash = AuditHash.Compute(record) };
            previous = record.Hash;
            records[i] = record;
        }
        return records;
    }
}
