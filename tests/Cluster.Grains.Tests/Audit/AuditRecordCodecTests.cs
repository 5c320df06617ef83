using System.Buffers;
using Cluster.Grains.Audit;

namespace Cluster.Grains.Tests.Audit;

public sealed class AuditRecordCodecTests
{
    /// <summary>The hash tests' records (every field set, non-ASCII text, signed numbers), then digests that are not lowercase hex and extreme values.</summary>
    public static TheoryData<AuditRecord> Records
    {
        get
        {
            var records = new TheoryData<AuditRecord>();
            foreach (var record in AuditHashTests.Records) records.Add(record);
            records.Add(new AuditRecord { InputSha256 = new string('B', 64), OutputSha256 = "not-a-digest", ArtifactSha256 = new string('a', 63) });
            records.Add(new AuditRecord { InputSha256 = new string('e', 64), OutputSha256 = "blake3:" + new string('f', 64) });
            records.Add(new AuditRecord { InputSha256 = "blake3:" + new string('F', 64), OutputSha256 = "blake3:" + new string('f', 63) });
            records.Add(new AuditRecord { Time = DateTimeOffset.MaxValue, Units = long.MaxValue, StatusCode = int.MinValue, LatencyMs = double.NaN });
            records.Add(new AuditRecord { Time = DateTimeOffset.MinValue, Units = long.MinValue, StatusCode = int.MaxValue, LatencyMs = double.PositiveInfinity });
            return records;
        }
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void ARecordRoundTripsThroughItsCompactForm(AuditRecord record)
    {
        record = record with { Sequence = 0, PreviousHash = "", Hash = "" };
        var encoded = AuditRecordCodec.Encode(record);
        AuditRecordCodec.Validate(encoded.AsSpan(4));

        var body = encoded.AsSpan(4);
        Assert.Equal(body.Length, AuditRecordCodec.Length(encoded));
        Assert.Equal(record with { LatencyMs = AuditRecordCodec.RoundLatency(record.LatencyMs) }, AuditRecordCodec.Read(body));
        Assert.Equal(record.Time, AuditRecordCodec.Time(body));
    }

    [Theory]
    [InlineData(0.25, 0.25)]
    [InlineData(0.30000000000000004, 0.3)]
    [InlineData(12.34567, 12.3457)]
    [InlineData(-2.5, -2.5)]
    [InlineData(double.NaN, 0)]
    [InlineData(double.PositiveInfinity, 0)]
    [InlineData(1e300, 0)]
    public void LatencyIsKeptToATenthOfAMicrosecond(double ms, double stored)
    {
        var body = AuditRecordCodec.Encode(new AuditRecord { LatencyMs = ms })[4..];

        Assert.Equal(stored, AuditRecordCodec.Read(body).LatencyMs);
    }

    [Fact]
    public void TheChainFieldsAreNotPartOfTheEncoding()
    {
        var record = new AuditRecord { RequestId = "r", Units = 1 };

        Assert.Equal(AuditRecordCodec.Encode(record), AuditRecordCodec.Encode(record with { Sequence = 9, PreviousHash = "x", Hash = "y" }));
    }

    [Fact]
    public void LowercaseHexDigestsAreStoredAsRawBytes()
    {
        var hex = new AuditRecord { InputSha256 = new string('b', 64), OutputSha256 = new string('c', 64), ArtifactSha256 = new string('d', 64) };
        var upper = hex with { InputSha256 = new string('B', 64), OutputSha256 = new string('C', 64), ArtifactSha256 = new string('D', 64) };

        Assert.Equal(3 * (64 - 32 + 1), AuditRecordCodec.Encode(upper).Length - AuditRecordCodec.Encode(hex).Length);
        Assert.Equal(upper, AuditRecordCodec.Read(AuditRecordCodec.Encode(upper).AsSpan(4)));
    }

    [Theory]
    [InlineData(AuditDigests.Blake3TensorsPrefix)]
    [InlineData(AuditDigests.Blake3Prefix)]
    public void ABlake3DigestIsKeptAsTextSoEveryReaderDecodesIt(string prefix)
    {
        var blake3 = prefix + new string('a', 64);
        var encoded = AuditRecordCodec.Encode(new AuditRecord { OutputSha256 = blake3 });

        Assert.True(encoded.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(blake3)) > 0);
        Assert.Equal(blake3, AuditRecordCodec.Read(encoded.AsSpan(4)).OutputSha256);
    }

    [Fact]
    public void ARunOfRecordsSplitsBackIntoTheirBodies()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var records = Enumerable.Range(0, 5).Select(i => new AuditRecord { RequestId = $"r-{i}", Units = i }).ToArray();
        foreach (var r in records) AuditRecordCodec.Write(buffer, r);

        var bodies = AuditRecordCodec.Split(buffer.WrittenMemory);

        Assert.Equal(records, bodies.Select(b => AuditRecordCodec.Read(b.Span)));
    }

    [Fact]
    public void EveryTruncationOfABodyIsRefusedAsMalformed()
    {
        var body = AuditRecordCodec.Encode(new AuditRecord { RequestId = "req-1", InputSha256 = new string('b', 64), Reason = "x" })[4..];

        for (var length = 0; length < body.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => AuditRecordCodec.Validate(body.AsSpan(0, length)));
            Assert.Throws<InvalidDataException>(() => AuditRecordCodec.Read(body.AsSpan(0, length)));
        }
    }

    public static TheoryData<string, Func<byte[], byte[]>> Damage => new()
    {
        { "unknown format", b => { b[0] = 9; return b; } },
        { "bytes after the last field", b => [.. b, 0] },
        { "text that is not UTF-8", b => { b[10] = 0xFF; return b; } },
        { "time out of range", b => { BitConverter.GetBytes(long.MaxValue).CopyTo(b, 1); return b; } },
        { "text longer than the record", b => { b[9] = 0x7F; return b; } },
        { "unknown digest form", b => { b[^1] = 7; return b; } },
        // The status varint sits after the format, ticks, "r" (2 bytes), ten empty strings and the empty artifact digest: at 22. 2^33 zig-zags to 2^32.
        { "status code out of range", b => [.. b[..22], 0x80, 0x80, 0x80, 0x80, 0x20, .. b[23..]] },
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public void ADamagedBodyIsRefusedAsMalformed(string damage, Func<byte[], byte[]> apply)
    {
        // RequestId "r" sits at offset 9 (length) and 10 (its byte); the output digest is empty, so the last byte is its form.
        var body = AuditRecordCodec.Encode(new AuditRecord { RequestId = "r" })[4..];

        var damaged = apply(body);
        var error = Assert.Throws<InvalidDataException>(() => AuditRecordCodec.Validate(damaged));
        Assert.False(string.IsNullOrEmpty(error.Message), damage);
        Assert.Throws<InvalidDataException>(() => AuditRecordCodec.Read(damaged));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(AuditRecordCodec.MaxBodyBytes + 1)]
    [InlineData(100)]
    public void ALengthPrefixThatDoesNotFitIsRefused(int length)
    {
        var run = new byte[4 + 50];
        BitConverter.GetBytes(length).CopyTo(run, 0);

        Assert.Throws<InvalidDataException>(() => AuditRecordCodec.Split(run));
    }

    [Fact]
    public void ARecordLargerThanTheLimitIsRefusedWhenEncoded()
    {
        var record = new AuditRecord { Reason = new string('x', AuditRecordCodec.MaxBodyBytes) };

        Assert.Throws<ArgumentException>(() => AuditRecordCodec.Encode(record));
    }
}
