using System.Security.Cryptography;
using Azure.Data.Tables;
using Cluster.Grains.Audit;

namespace Cluster.Grains.Tests.Audit;

/// <summary>Chains of audit records for tests: as the chain grain stores them (binary segments), or as the older JSON segments held them.</summary>
internal static class AuditChains
{
    public static AuditRecord Record(int i, int requestIdLength = 12, bool randomIds = false) => new()
    {
        Time = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero).AddMilliseconds(i),
        RequestId = randomIds ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(requestIdLength / 2)) : $"req-{i}".PadRight(requestIdLength, 'x'),
        TenantId = "mayo", KeyId = "abcdefghijkl", Purpose = "TREAT",
        Model = "breast-cancer-risk", Version = "1", ArtifactSha256 = new string('a', 64), Lifecycle = "Approved",
        Decision = AuditRecord.Allowed, StatusCode = 0, Units = 1, LatencyMs = 0.25 + i, Silo = "127.0.0.1:11111", Device = "cpu",
        InputSha256 = Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i))),
        OutputSha256 = Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(-i))),
    };

    /// <summary>Records <paramref name="first"/>.. chained after <paramref name="previous"/> as binary segments; the records as a query returns them.</summary>
    public static (List<TableEntity> Rows, AuditRecord[] Records) Binary(int count, long first = 1, string previous = AuditHash.Genesis,
        int requestIdLength = 12, bool randomIds = false, string batchId = "gw-1")
    {
        var records = Enumerable.Range(0, count).Select(i => Record((int)first + i, requestIdLength, randomIds)).ToArray();
        var bodies = records.Select(r => (ReadOnlyMemory<byte>)AuditRecordCodec.Encode(r).AsMemory(4)).ToList();
        var hashes = new byte[count * 32];
        var prev = Convert.FromHexString(previous);
        for (var i = 0; i < count; i++)
        {
            AuditHash.Compute(first + i, prev, bodies[i].Span, hashes.AsSpan(i * 32, 32));
            prev = hashes[(i * 32)..((i + 1) * 32)];
        }
        var chained = new AuditRecord[count];
        var p = previous;
        for (var i = 0; i < count; i++)
        {
            var h = Convert.ToHexStringLower(hashes.AsSpan(i * 32, 32));
            chained[i] = records[i] with { Sequence = first + i, PreviousHash = p, Hash = h };
            p = h;
        }
        return (AuditSegments.ToEntities("mayo", batchId, first, Convert.FromHexString(previous), bodies, hashes), chained);
    }

    /// <summary>Records chained with the format-1 hash, each carrying its sequence, previous hash and hash (the older JSON segments).</summary>
    public static AuditRecord[] Legacy(int count, long first = 1, string previous = AuditHash.Genesis)
    {
        var records = new AuditRecord[count];
        for (var i = 0; i < count; i++)
        {
            var record = Record((int)first + i) with { Sequence = first + i, PreviousHash = previous };
            record = record with { Hash = AuditHash.Compute(record) };
            previous = record.Hash;
            records[i] = record;
        }
        return records;
    }
}
