using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cluster.Grains.Audit;

namespace Cluster.Grains.Tests.Audit;

public sealed class AuditHashTests
{
    /// <summary>The canonical form as first defined: the fields joined by U+001F, UTF-8, SHA-256. Stored chains depend on it.</summary>
    private static string Reference(AuditRecord r) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', [
        r.Sequence.ToString(CultureInfo.InvariantCulture), r.PreviousHash, AuditHash.Time(r.Time), r.RequestId, r.TenantId, r.KeyId, r.Purpose,
        r.Model, r.Version, r.ArtifactSha256, r.Lifecycle, r.Decision, r.Reason, r.StatusCode.ToString(CultureInfo.InvariantCulture),
        r.Units.ToString(CultureInfo.InvariantCulture), r.LatencyMs.ToString("R", CultureInfo.InvariantCulture), r.Silo, r.Device,
        r.InputSha256, r.OutputSha256]))));

    public static TheoryData<AuditRecord> Records => new()
    {
        new AuditRecord(),
        new AuditRecord
        {
            Time = new DateTimeOffset(2026, 12, 1, 20, 15, 3, 123, TimeSpan.FromHours(-5)).AddTicks(4567),
            RequestId = "req-1", TenantId = "mayo", KeyId = "abcdefghijkl", Purpose = "TREAT", Model = "breast-cancer-risk",
            Version = "1", ArtifactSha256 = new string('a', 64), Lifecycle = "Approved", Decision = AuditRecord.Allowed, StatusCode = 0,
            Units = 16, LatencyMs = 0.1 + 0.2, Silo = "127.0.0.1:11111@1", Device = "cuda:0", InputSha256 = new string('b', 64),
            OutputSha256 = new string('c', 64), Sequence = long.MaxValue, PreviousHash = AuditHash.Genesis,
        },
        new AuditRecord
        {
            RequestId = "patient-ü-日本-\U0001F600", Model = "ümlaut-модель", Reason = "PURPOSE_NOT_PERMITTED", StatusCode = 7,
            Decision = AuditRecord.Denied, LatencyMs = -1e-300, Units = -3, Sequence = 1,
        },
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void TheHashIsThatOfTheJoinedCanonicalForm(AuditRecord record) =>
        Assert.Equal(Reference(record), AuditHash.Compute(record));

    [Fact]
    public void ChangingAnyFieldChangesTheHash()
    {
        var record = new AuditRecord { RequestId = "req-2", Units = 16, OutputSha256 = new string('c', 64), PreviousHash = AuditHash.Genesis, Sequence = 2 };
        var hash = AuditHash.Compute(record);
        Assert.NotEqual(hash, AuditHash.Compute(record with { Units = 15 }));
        Assert.NotEqual(hash, AuditHash.Compute(record with { OutputSha256 = new string('d', 64) }));
        Assert.NotEqual(hash, AuditHash.Compute(record with { PreviousHash = new string('e', 64) }));
    }

    [Fact]
    public void TheBinaryHashIsOverSequencePreviousHashAndBody()
    {
        var body = AuditRecordCodec.Encode(new AuditRecord { RequestId = "req-3", Units = 2 })[4..];
        var previous = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var hash = new byte[32];

        AuditHash.Compute(258, previous, body, hash);

        Assert.Equal(SHA256.HashData([.. BitConverter.GetBytes(258L), .. previous, .. body]), hash);
    }

    [Fact]
    public void TheBinaryHashOfALargeBodyIsComputedTheSameWay()
    {
        var body = AuditRecordCodec.Encode(new AuditRecord { Reason = new string('r', 5000) })[4..];
        var hash = new byte[32];

        AuditHash.Compute(1, new byte[32], body, hash);

        Assert.Equal(SHA256.HashData([.. new byte[8] { 1, 0, 0, 0, 0, 0, 0, 0 }, .. new byte[32], .. body]), hash);
    }
}
