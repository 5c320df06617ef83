namespace Cluster.Grains.Audit;

/// <summary>A format-2 audit segment as stored: its first sequence, the hash of the record before it (hex), and each record's body and hash.</summary>
internal sealed record BinarySegment(long FirstSequence, string PreviousHash, List<(ReadOnlyMemory<byte> Body, ReadOnlyMemory<byte> Hash)> Entries);
