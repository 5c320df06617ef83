using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Cluster.Grains.Hashing;

namespace Cluster.Grains.Audit;

/// <summary>
/// The chain hash. Records stored in the binary segments (format 2, what the chain writes): SHA-256
/// over the sequence (int64 little-endian), the previous record's hash (32 raw bytes) and the
/// record's compact body (<see cref="AuditRecordCodec"/>). Records in the older JSON segments:
/// SHA-256 over the UTF-8 of the record's fields in a fixed order, separated by U+001F, including
/// the previous record's hash, written straight into a pooled buffer (the bytes of
/// <c>string.Join('\u001f', fields)</c>).
/// </summary>
public static class AuditHash
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private const byte Separator = 0x1F;

    /// <summary>The format-2 hash of the record with <paramref name="body"/> at <paramref name="sequence"/> after <paramref name="previous"/>.</summary>
    public static void Compute(long sequence, ReadOnlySpan<byte> previous, ReadOnlySpan<byte> body, Span<byte> hash)
    {
        Span<byte> head = stackalloc byte[8 + 32];
        BinaryPrimitives.WriteInt64LittleEndian(head, sequence);
        previous[..32].CopyTo(head[8..]);
        var hasher = Sha256.Begin();
        hasher.Append(head);
        hasher.Append(body);
        hasher.Finish(hash);
    }

    /// <summary>The format-1 hash of a record of the older JSON segments.</summary>
    public static string Compute(AuditRecord r)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes(r));
        try
        {
            var at = 0;
            Number(buffer, ref at, r.Sequence); Text(buffer, ref at, r.PreviousHash); Time(buffer, ref at, r.Time);
            Text(buffer, ref at, r.RequestId); Text(buffer, ref at, r.TenantId); Text(buffer, ref at, r.KeyId); Text(buffer, ref at, r.Purpose);
            Text(buffer, ref at, r.Model); Text(buffer, ref at, r.Version); Text(buffer, ref at, r.ArtifactSha256); Text(buffer, ref at, r.Lifecycle);
            Text(buffer, ref at, r.Decision); Text(buffer, ref at, r.Reason); Number(buffer, ref at, r.StatusCode); Number(buffer, ref at, r.Units);
            Latency(buffer, ref at, r.LatencyMs); Text(buffer, ref at, r.Silo); Text(buffer, ref at, r.Device); Text(buffer, ref at, r.InputSha256);
            at += Encoding.UTF8.GetBytes(r.OutputSha256, buffer.AsSpan(at));
            return Sha256.HashHex(buffer.AsSpan(0, at));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>An upper bound of the canonical form's UTF-8 length: 3 bytes a char, 40 for each number or time, one separator each.</summary>
    private static int MaxBytes(AuditRecord r) => 3 * (r.PreviousHash.Length + r.RequestId.Length + r.TenantId.Length + r.KeyId.Length
        + r.Purpose.Length + r.Model.Length + r.Version.Length + r.ArtifactSha256.Length + r.Lifecycle.Length + r.Decision.Length
        + r.Reason.Length + r.Silo.Length + r.Device.Length + r.InputSha256.Length + r.OutputSha256.Length) + 5 * 40 + 20;

    private static void Text(byte[] buffer, ref int at, string value)
    {
        at += Encoding.UTF8.GetBytes(value, buffer.AsSpan(at));
        buffer[at++] = Separator;
    }

    private static void Number(byte[] buffer, ref int at, long value)
    {
        value.TryFormat(buffer.AsSpan(at), out var n, default, CultureInfo.InvariantCulture);
        at += n;
        buffer[at++] = Separator;
    }

    private static void Latency(byte[] buffer, ref int at, double value)
    {
        value.TryFormat(buffer.AsSpan(at), out var n, "R", CultureInfo.InvariantCulture);
        at += n;
        buffer[at++] = Separator;
    }

    private static void Time(byte[] buffer, ref int at, DateTimeOffset value)
    {
        value.UtcDateTime.TryFormat(buffer.AsSpan(at), out var n, "O", CultureInfo.InvariantCulture);
        at += n;
        buffer[at++] = Separator;
    }
}
