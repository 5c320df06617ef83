using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace Cluster.Grains.Audit;

/// <summary>
/// The compact binary form of one audit record, as a gateway ships it and the chain hashes and
/// stores it: a 4-byte little-endian length, then the body — format byte, UTC ticks (int64 LE),
/// eleven length-prefixed UTF-8 strings (request id, tenant, key id, purpose, model, version,
/// lifecycle, decision, reason, silo, device), the artifact digest, status code, units and latency
/// in tenths of a microsecond (zig-zag varints), and the input and output digests (32 raw bytes when they
/// are lowercase hex SHA-256, else a string). The chain's own fields (sequence, previous hash,
/// hash) are not in it. A record's bytes depend on the record alone, so they are the same however
/// records are cut into batches and rows; the chain hash is computed over them.
/// </summary>
public static class AuditRecordCodec
{
    /// <summary>The body's first byte.</summary>
    public const byte Format = 1;

    /// <summary>Largest body accepted: far above a real record (client text is capped), far below a segment.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>Latency is kept to a tenth of a microsecond.</summary>
    public const long LatencyUnitsPerMs = 10_000;

    private const byte EmptyDigest = 0, RawDigest = 1, TextDigest = 2;
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>Appends the record's length-prefixed body to <paramref name="output"/>; returns the bytes written.</summary>
    public static int Write(IBufferWriter<byte> output, AuditRecord r)
    {
        var span = output.GetSpan(MaxLength(r));
        var at = 4;
        span[at++] = Format;
        BinaryPrimitives.WriteInt64LittleEndian(span[at..], r.Time.UtcTicks);
        at += 8;
        Text(span, ref at, r.RequestId); Text(span, ref at, r.TenantId); Text(span, ref at, r.KeyId); Text(span, ref at, r.Purpose);
        Text(span, ref at, r.Model); Text(span, ref at, r.Version); Text(span, ref at, r.Lifecycle); Text(span, ref at, r.Decision);
        Text(span, ref at, r.Reason); Text(span, ref at, r.Silo); Text(span, ref at, r.Device); Digest(span, ref at, r.ArtifactSha256);
        Varint(span, ref at, ZigZag(r.StatusCode));
        Varint(span, ref at, ZigZag(r.Units));
        Varint(span, ref at, ZigZag(LatencyUnits(r.LatencyMs)));
        Digest(span, ref at, r.InputSha256);
        Digest(span, ref at, r.OutputSha256);
        var body = at - 4;
        if (body > MaxBodyBytes) throw new ArgumentException($"an audit record encodes to {body} bytes; at most {MaxBodyBytes} are accepted.", nameof(r));
        BinaryPrimitives.WriteInt32LittleEndian(span, body);
        output.Advance(at);
        return at;
    }

    /// <summary>True when <paramref name="value"/> is only lowercase hex digits (how digests and hashes are written).</summary>
    public static bool IsLowerHex(ReadOnlySpan<char> value) => !value.ContainsAnyExcept(LowerHex);

    /// <summary>The record's length-prefixed body as a new array.</summary>
    public static byte[] Encode(AuditRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(MaxLength(record));
        Write(buffer, record);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The bodies of a run of length-prefixed records (a chunk a gateway ships, or a stored segment's
    /// records without their hashes). Throws <see cref="InvalidDataException"/> when the run is malformed.
    /// </summary>
    public static List<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> run)
    {
        var bodies = new List<ReadOnlyMemory<byte>>();
        while (run.Length > 0)
        {
            var length = Length(run.Span);
            bodies.Add(run.Slice(4, length));
            run = run[(4 + length)..];
        }
        return bodies;
    }

    /// <summary>The body length in front of a record; throws <see cref="InvalidDataException"/> when it does not fit what follows.</summary>
    public static int Length(ReadOnlySpan<byte> prefixed)
    {
        if (prefixed.Length < 4) throw new InvalidDataException("an audit record's length is cut off.");
        var length = BinaryPrimitives.ReadInt32LittleEndian(prefixed);
        if (length < 1 || length > MaxBodyBytes || length > prefixed.Length - 4)
            throw new InvalidDataException($"an audit record claims {length} bytes where {prefixed.Length - 4} remain (at most {MaxBodyBytes}).");
        return length;
    }

    /// <summary>The record's UTC time, read from the body without decoding the rest.</summary>
    public static DateTimeOffset Time(ReadOnlySpan<byte> body)
    {
        if (body.Length < 9 || body[0] != Format) throw new InvalidDataException("an audit record has an unknown format.");
        return Ticks(BinaryPrimitives.ReadInt64LittleEndian(body[1..]));
    }

    /// <summary>Decodes a body (the chain's fields left empty); throws <see cref="InvalidDataException"/> when it is malformed.</summary>
    public static AuditRecord Read(ReadOnlySpan<byte> body)
    {
        var time = Time(body);
        var at = 9;
        var record = new AuditRecord
        {
            Time = time,
            RequestId = Text(body, ref at), TenantId = Text(body, ref at), KeyId = Text(body, ref at), Purpose = Text(body, ref at),
            Model = Text(body, ref at), Version = Text(body, ref at), Lifecycle = Text(body, ref at), Decision = Text(body, ref at),
            Reason = Text(body, ref at), Silo = Text(body, ref at), Device = Text(body, ref at), ArtifactSha256 = Digest(body, ref at),
            StatusCode = Status(UnZigZag(Varint(body, ref at))),
            Units = UnZigZag(Varint(body, ref at)),
            LatencyMs = UnZigZag(Varint(body, ref at)) / (double)LatencyUnitsPerMs,
            InputSha256 = Digest(body, ref at),
            OutputSha256 = Digest(body, ref at),
        };
        if (at != body.Length) throw new InvalidDataException($"an audit record has {body.Length - at} bytes after its last field.");
        return record;
    }

    /// <summary>
    /// Throws <see cref="InvalidDataException"/> unless the body decodes (what <see cref="Read"/> accepts),
    /// without building the record: the chain checks every appended record this way.
    /// </summary>
    public static void Validate(ReadOnlySpan<byte> body)
    {
        _ = Time(body);
        var at = 9;
        for (var i = 0; i < 11; i++) SkipText(body, ref at);
        SkipDigest(body, ref at);
        var status = UnZigZag(Varint(body, ref at));
        if (status is < int.MinValue or > int.MaxValue) throw new InvalidDataException("an audit record's status code is out of range.");
        _ = Varint(body, ref at);
        _ = Varint(body, ref at);
        SkipDigest(body, ref at);
        SkipDigest(body, ref at);
        if (at != body.Length) throw new InvalidDataException($"an audit record has {body.Length - at} bytes after its last field.");
    }

    private static void SkipText(ReadOnlySpan<byte> body, ref int at)
    {
        var count = Varint(body, ref at);
        if (count > (ulong)(body.Length - at)) throw new InvalidDataException("an audit record's text runs past its end.");
        if (!Utf8.IsValid(body.Slice(at, (int)count))) throw new InvalidDataException("an audit record's text is not UTF-8.");
        at += (int)count;
    }

    private static void SkipDigest(ReadOnlySpan<byte> body, ref int at)
    {
        if (at >= body.Length) throw new InvalidDataException("an audit record ends before its digests.");
        switch (body[at++])
        {
            case EmptyDigest:
                return;
            case RawDigest:
                if (body.Length - at < 32) throw new InvalidDataException("an audit record's digest is cut off.");
                at += 32;
                return;
            case TextDigest:
                SkipText(body, ref at);
                return;
            default:
                throw new InvalidDataException("an audit record's digest has an unknown form.");
        }
    }

    private static int MaxLength(AuditRecord r) => 4 + 1 + 8 + 3 * 10 + 3 * 6
        + 3 * (r.RequestId.Length + r.TenantId.Length + r.KeyId.Length + r.Purpose.Length + r.Model.Length + r.Version.Length
            + r.Lifecycle.Length + r.Decision.Length + r.Reason.Length + r.Silo.Length + r.Device.Length
            + r.ArtifactSha256.Length + r.InputSha256.Length + r.OutputSha256.Length) + 12 * 5;

    private static void Text(Span<byte> span, ref int at, string value)
    {
        // Short text (almost all of it) encodes in one pass behind a one-byte length: at most 3 bytes a char.
        if (value.Length <= 127 / 3)
        {
            var written = Encoding.UTF8.GetBytes(value, span[(at + 1)..]);
            span[at] = (byte)written;
            at += 1 + written;
            return;
        }
        var count = Encoding.UTF8.GetByteCount(value);
        Varint(span, ref at, (ulong)count);
        at += Encoding.UTF8.GetBytes(value, span[at..]);
    }

    private static string Text(ReadOnlySpan<byte> body, ref int at)
    {
        var count = Varint(body, ref at);
        if (count > (ulong)(body.Length - at)) throw new InvalidDataException("an audit record's text runs past its end.");
        var bytes = body.Slice(at, (int)count);
        if (!Utf8.IsValid(bytes)) throw new InvalidDataException("an audit record's text is not UTF-8.");
        at += (int)count;
        return Encoding.UTF8.GetString(bytes);
    }

    private static void Digest(Span<byte> span, ref int at, string value)
    {
        if (value.Length == 0)
        {
            span[at++] = EmptyDigest;
        }
        else if (value.Length == 64 && IsLowerHex(value))
        {
            span[at++] = RawDigest;
            Convert.FromHexString(value, span.Slice(at, 32), out _, out _);
            at += 32;
        }
        else
        {
            span[at++] = TextDigest;
            Text(span, ref at, value);
        }
    }

    private static string Digest(ReadOnlySpan<byte> body, ref int at)
    {
        if (at >= body.Length) throw new InvalidDataException("an audit record ends before its digests.");
        switch (body[at++])
        {
            case EmptyDigest:
                return "";
            case RawDigest:
                if (body.Length - at < 32) throw new InvalidDataException("an audit record's digest is cut off.");
                at += 32;
                return Convert.ToHexStringLower(body.Slice(at - 32, 32));
            case TextDigest:
                return Text(body, ref at);
            default:
                throw new InvalidDataException("an audit record's digest has an unknown form.");
        }
    }

    private static DateTimeOffset Ticks(long ticks) => ticks is >= 0 and <= 3155378975999999999 /* DateTime.MaxValue.Ticks */
        ? new DateTimeOffset(ticks, TimeSpan.Zero)
        : throw new InvalidDataException("an audit record's time is out of range.");

    /// <summary>The latency as stored and read back: to 0.1 µs, and 0 when it is not a finite number of ms that fits.</summary>
    public static double RoundLatency(double ms) => LatencyUnits(ms) / (double)LatencyUnitsPerMs;

    private static long LatencyUnits(double ms)
    {
        var units = Math.Round(ms * LatencyUnitsPerMs);
        return double.IsFinite(units) && Math.Abs(units) < 9e18 ? (long)units : 0;
    }

    private static int Status(long value) => value is >= int.MinValue and <= int.MaxValue
        ? (int)value
        : throw new InvalidDataException("an audit record's status code is out of range.");

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static void Varint(Span<byte> span, ref int at, ulong value)
    {
        while (value >= 0x80)
        {
            span[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[at++] = (byte)value;
    }

    private static ulong Varint(ReadOnlySpan<byte> body, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= body.Length) throw new InvalidDataException("an audit record's number is cut off.");
            var b = body[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("an audit record's number is too long.");
    }
}
