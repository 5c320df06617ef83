using System.IO.Compression;
using System.Text.Json;
using Azure.Data.Tables;
using Cluster.Grains.Audit;

namespace Cluster.Grains.Tests.Audit;

public sealed class AuditChainCheckTests
{
    [Fact]
    public void AnIntactChainOfBinarySegmentsVerifies()
    {
        var result = Check(AuditChains.Binary(2500).Rows);

        Assert.True(result.Intact, result.Problem);
        Assert.Equal(2500, result.RecordsChecked);
    }

    [Fact]
    public void AChainThatContinuesFromOlderJsonSegmentsVerifies()
    {
        var legacy = AuditChains.Legacy(4);
        var (binary, _) = AuditChains.Binary(3, first: 5, previous: legacy[^1].Hash);

        var result = Check([Legacy(legacy), .. binary]);

        Assert.True(result.Intact, result.Problem);
        Assert.Equal(7, result.RecordsChecked);
    }

    [Fact]
    public void AnAlteredRecordInsideABinarySegmentIsNamed()
    {
        var rows = AuditChains.Binary(10).Rows;
        Alter(rows[0], sequence: 4, r => r with { Units = 0 });

        var result = Check(rows);

        Assert.False(result.Intact);
        Assert.Equal(4, result.FirstBrokenSequence);
        Assert.Equal(3, result.RecordsChecked);
        Assert.Contains("record 4 was altered", result.Problem);
    }

    [Fact]
    public void AnAlteredLastHashOfASegmentIsNamed()
    {
        var rows = AuditChains.Binary(10).Rows;
        rows[0]["LastHash"] = new string('e', 64);

        var result = Check(rows);

        Assert.False(result.Intact);
        Assert.Equal(10, result.FirstBrokenSequence);
        Assert.Contains("the segment ending at record 10 was altered", result.Problem);
    }

    [Fact]
    public void ASegmentThatDoesNotStoreWhatTheNextOneLinksToIsNamed()
    {
        var (first, records) = AuditChains.Binary(3);
        var (second, _) = AuditChains.Binary(3, first: 4, previous: records[^1].Hash);
        second[0][AuditSegments.PreviousHashProperty] = new string('e', 64);

        var result = Check([.. first, .. second]);

        Assert.False(result.Intact);
        Assert.Equal(4, result.FirstBrokenSequence);
    }

    [Fact]
    public void ARemovedSegmentIsNamedAsTheMissingRecord()
    {
        var rows = AuditChains.Binary(2500).Rows;
        var (missing, next) = (rows[1].GetInt64("FirstSequence")!.Value, rows[2].GetInt64("FirstSequence")!.Value);

        var result = Check([rows[0], rows[2]]);

        Assert.False(result.Intact);
        Assert.Equal(missing, result.FirstBrokenSequence);
        Assert.Contains($"record {missing} is missing (next is {next})", result.Problem);
    }

    [Fact]
    public void ASegmentThatDoesNotLinkToTheOneBeforeIsNamed()
    {
        var first = AuditChains.Binary(3).Rows;
        var (second, _) = AuditChains.Binary(3, first: 4, previous: new string('e', 64));

        var result = Check([.. first, .. second]);

        Assert.False(result.Intact);
        Assert.Equal(4, result.FirstBrokenSequence);
        Assert.Contains("does not link to record 3", result.Problem);
    }

    [Fact]
    public void AChainThatDoesNotStartFromGenesisIsNamed()
    {
        var (rows, _) = AuditChains.Binary(3, previous: new string('e', 64));

        var result = Check(rows);

        Assert.False(result.Intact);
        Assert.Contains("record 1 does not start from the genesis hash", result.Problem);
    }

    [Fact]
    public void ADamagedSegmentIsNamedByItsFirstRecord()
    {
        var rows = AuditChains.Binary(2500).Rows;
        var first = rows[1].GetInt64("FirstSequence")!.Value;
        rows[1][AuditSegments.BinaryProperty] = new byte[] { 1, 2, 3 };

        var result = Check(rows);

        Assert.False(result.Intact);
        Assert.Equal(first - 1, result.RecordsChecked);
        Assert.Contains($"the segment starting at record {first} is damaged", result.Problem);
    }

    [Fact]
    public void AnAlteredRecordInAnOlderJsonSegmentIsNamed()
    {
        var legacy = AuditChains.Legacy(4);
        legacy[2] = legacy[2] with { Units = 99 };

        var result = Check([Legacy(legacy)]);

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBrokenSequence);
    }

    private static AuditVerification Check(IEnumerable<TableEntity> rows)
    {
        var check = new AuditChainCheck();
        foreach (var row in rows)
        {
            if (check.Add(row) is { } broken) return broken;
        }
        return check.Result();
    }

    /// <summary>Rewrites one record's body inside a stored binary segment, leaving its hash tag as it was (what a tamperer with table access can do).</summary>
    private static void Alter(TableEntity row, long sequence, Func<AuditRecord, AuditRecord> change)
    {
        var segment = AuditSegments.ReadBinary(row);
        var payload = new MemoryStream();
        for (var i = 0; i < segment.Entries.Count; i++)
        {
            var (body, tag) = segment.Entries[i];
            var bytes = segment.FirstSequence + i == sequence ? AuditRecordCodec.Encode(change(AuditRecordCodec.Read(body.Span))) : [.. BitConverter.GetBytes(body.Length), .. body.Span];
            payload.Write(bytes);
            payload.Write(tag.Span);
        }
        row[AuditSegments.BinaryProperty] = Zlib(payload.ToArray());
    }

    private static TableEntity Legacy(AuditRecord[] records) => new("mayo", AuditSegments.RowKey(records[0].Sequence))
    {
        [AuditSegments.CompressedProperty] = Zlib(JsonSerializer.SerializeToUtf8Bytes(records)),
    };

    private static byte[] Zlib(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true)) zlib.Write(data);
        return output.ToArray();
    }
}
