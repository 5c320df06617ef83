namespace Cluster.Grains.Audit;

/// <summary>
/// A format-2 audit segment as stored: its first sequence, the hash of the record before it and
/// the hash of its last record (hex), and each record's body with the leading bytes of its hash.
/// </summary>
internal sealed record BinarySegment(long FirstSequence, string PreviousHash, string LastHash, List<(ReadOnlyMemory<byte> Body, ReadOnlyMemory<byte> Tag)> Entries)
{
    /// <summary>Each record's full chain hash (hex), recomputed from <see cref="PreviousHash"/> and the bodies in order.</summary>
    public string[] Hashes()
    {
        var hashes = new string[Entries.Count];
        Span<byte> hash = stackalloc byte[AuditSegments.HashBytes];
        Convert.FromHexString(PreviousHash, hash, out _, out _);
        for (var i = 0; i < hashes.Length; i++)
        {
            AuditHash.Compute(FirstSequence + i, hash, Entries[i].Body.Span, hash);
            hashes[i] = Convert.ToHexStringLower(hash);
        }
        return hashes;
    }
}
