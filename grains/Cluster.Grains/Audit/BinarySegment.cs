namespace Cluster.Grains.Audit;

/// <summary>
/// A format-2 audit segment as stored: its first sequence, the hash of the record before it and
/// the hash of its last record (hex), and each record's body with the leading bytes of its hash.
/// </summary>
internal sealed record BinarySegment(long FirstSequence, string PreviousHash, string LastHash, List<(ReadOnlyMemory<byte> Body, ReadOnlyMemory<byte> Tag)> Entries);
