using Cluster.Grains.Audit;
using Cluster.Grains.Journal;
using Cluster.Grains.Metering;

namespace Cluster.Grains.Tests.Journal;

public sealed class JournalCodecTests
{
    private static readonly AuditCut[] Cuts =
    [
        new("tenant-a", 7, [[1, 2, 3], [4]]),
        new("_anonymous", 9, []),
    ];

    private static readonly UsageRecord[] Totals =
    [
        new("tenant-a", "key-1", "model", "1", "TREAT", new DateTimeOffset(2026, 12, 7, 1, 2, 0, TimeSpan.Zero), 5, 6, 7, 8),
    ];

    [Fact]
    public void AuditCutsAndUsageTotalsComeBackAsTheyWereWritten()
    {
        var cuts = JournalCodec.DecodeAudit(JournalCodec.Encode(Cuts));
        var totals = JournalCodec.DecodeUsage(JournalCodec.Encode(Totals));

        Assert.Equal(Cuts.Select(c => (c.Chain, c.Counter, c.Chunks.Length)), cuts.Select(c => (c.Chain, c.Counter, c.Chunks.Length)));
        Assert.Equal(new byte[] { 1, 2, 3 }, cuts[0].Chunks[0]);
        Assert.Equal(Totals, totals);
    }

    [Fact]
    public void AnEntryOfTheOtherStreamIsRefused()
    {
        Assert.Throws<InvalidDataException>(() => JournalCodec.DecodeUsage(JournalCodec.Encode(Cuts)));
        Assert.Throws<InvalidDataException>(() => JournalCodec.DecodeAudit(JournalCodec.Encode(Totals)));
    }

    [Fact]
    public void ATruncatedOrGarbledEntryFailsAsDamagedDataNotAnyOtherError()
    {
        var bytes = JournalCodec.Encode(Cuts);
        for (var length = 0; length < bytes.Length; length++)
        {
            try
            {
                // Only the stream's trailer may go missing without an error: the cuts are then whole.
                var cuts = JournalCodec.DecodeAudit(bytes[..length]);
                Assert.Equal(Cuts.SelectMany(c => c.Chunks).SelectMany(c => c), cuts.SelectMany(c => c.Chunks).SelectMany(c => c));
                Assert.Equal(Cuts.Select(c => (c.Chain, c.Counter)), cuts.Select(c => (c.Chain, c.Counter)));
            }
            catch (InvalidDataException)
            {
            }
        }
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var garbled = (byte[])bytes.Clone();
            garbled[1 + random.Next(garbled.Length - 1)] ^= (byte)(1 + random.Next(255));
            try
            {
                JournalCodec.DecodeAudit(garbled);
            }
            catch (InvalidDataException)
            {
            }
        }
    }

    [Theory]
    [InlineData("gw-a-1", "gw-a", 1L)]
    [InlineData("host-123-abcd1234-42", "host-123-abcd1234", 42L)]
    public void BatchIdsSplitIntoSourceAndCounter(string id, string source, long counter)
    {
        Assert.True(BatchIds.TryParse(id, out var s, out var n));
        Assert.Equal((source, counter), (s, n));
    }

    [Theory]
    [InlineData("no-counter")]
    [InlineData("-5")]
    [InlineData("trailing-")]
    [InlineData("gw-99999999999999999999")]
    public void IdsWithoutACounterAreKeptWhole(string id) => Assert.False(BatchIds.TryParse(id, out _, out _));
}
