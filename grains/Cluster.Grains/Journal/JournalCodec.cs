using System.IO.Compression;
using System.Text;
using Cluster.Grains.Metering;

namespace Cluster.Grains.Journal;

/// <summary>
/// The bytes of one journal entry: a format byte, then zlib (RFC 1950) of the entry — audit: the
/// cuts (chain, counter, chunks); usage: the totals. Strings are length-prefixed UTF-8. Decoding
/// checks every length against what is left, so a damaged row fails with
/// <see cref="InvalidDataException"/> and cannot make a reader allocate more than the row holds.
/// </summary>
internal static class JournalCodec
{
    private const byte AuditFormat = 1, UsageFormat = 2;

    /// <summary>Most bytes an entry may decompress to (a forged row cannot make a reader allocate more).</summary>
    public const int MaxDecodedBytes = 2 * IGatewayJournalGrain.MaxEntryBytes;

    public static byte[] Encode(AuditCut[] cuts) => Encode(AuditFormat, w =>
    {
        w.Write(cuts.Length);
        foreach (var cut in cuts)
        {
            w.Write(cut.Chain);
            w.Write(cut.Counter);
            w.Write(cut.Chunks.Length);
            foreach (var chunk in cut.Chunks)
            {
                w.Write(chunk.Length);
                w.Write(chunk);
            }
        }
    });

    public static byte[] Encode(UsageRecord[] totals) => Encode(UsageFormat, w =>
    {
        w.Write(totals.Length);
        foreach (var t in totals)
        {
            w.Write(t.TenantId); w.Write(t.KeyId); w.Write(t.Model); w.Write(t.Version); w.Write(t.Purpose);
            w.Write(t.Minute.UtcTicks);
            w.Write(t.Requests); w.Write(t.Units); w.Write(t.ComputeNs); w.Write(t.QueueNs);
        }
    });

    public static AuditCut[] DecodeAudit(byte[] bytes) => Decode(bytes, AuditFormat, r =>
    {
        var cuts = new AuditCut[Count(r, 13)];
        for (var i = 0; i < cuts.Length; i++)
        {
            var chain = r.ReadString();
            var counter = r.ReadInt64();
            var chunks = new byte[Count(r, 4)][];
            for (var c = 0; c < chunks.Length; c++) chunks[c] = r.ReadBytes(Count(r, 1));
            cuts[i] = new AuditCut(chain, counter, chunks);
        }
        return cuts;
    });

    public static UsageRecord[] DecodeUsage(byte[] bytes) => Decode(bytes, UsageFormat, r =>
    {
        var totals = new UsageRecord[Count(r, 45)];
        for (var i = 0; i < totals.Length; i++)
        {
            totals[i] = new UsageRecord(r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString(),
                new DateTimeOffset(Ticks(r.ReadInt64()), TimeSpan.Zero), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
        }
        return totals;
    });

    private static byte[] Encode(byte format, Action<BinaryWriter> write)
    {
        var output = new MemoryStream();
        output.WriteByte(format);
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(zlib, Encoding.UTF8))
            write(writer);
        return output.ToArray();
    }

    private static T Decode<T>(byte[] bytes, byte format, Func<BinaryReader, T> read)
    {
        if (bytes.Length < 2 || bytes[0] != format) throw new InvalidDataException($"a journal entry of format {format} was expected.");
        var plain = new MemoryStream();
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(bytes, 1, bytes.Length - 1), CompressionMode.Decompress);
            var buffer = new byte[81920];
            int n;
            while ((n = zlib.Read(buffer)) > 0)
            {
                if (plain.Length + n > MaxDecodedBytes) throw new InvalidDataException($"a journal entry decompresses to more than {MaxDecodedBytes} bytes.");
                plain.Write(buffer, 0, n);
            }
            plain.Position = 0;
            using var reader = new BinaryReader(plain, new UTF8Encoding(false, true));
            var value = read(reader);
            if (plain.Position != plain.Length) throw new InvalidDataException("a journal entry has bytes after its end.");
            return value;
        }
        catch (Exception ex) when (ex is EndOfStreamException or DecoderFallbackException or IOException && ex is not InvalidDataException)
        {
            throw new InvalidDataException("a journal entry is truncated or damaged.", ex);
        }
    }

    /// <summary>A count read from the entry, checked against the bytes left (each item takes at least <paramref name="minBytes"/>).</summary>
    private static int Count(BinaryReader r, int minBytes)
    {
        var count = r.ReadInt32();
        if (count < 0 || (long)count * minBytes > r.BaseStream.Length - r.BaseStream.Position)
            throw new InvalidDataException("a journal entry names more items than it holds.");
        return count;
    }

    private static long Ticks(long ticks) => ticks is >= 0 and <= 3155378975999999999L ? ticks : throw new InvalidDataException("a journal entry holds a time out of range.");
}
