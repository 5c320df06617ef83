namespace Cluster.Grains.Audit;

/// <summary>
/// How an audit record names the hash of a digest it carries: plain lowercase hex is SHA-256 (every
/// record before BLAKE3 was offered, and every digest under <c>Metering:AuditDigest</c> Sha256);
/// <see cref="Blake3Prefix"/> and lowercase hex is BLAKE3 (256-bit output). The compact record
/// (<see cref="AuditRecordCodec"/>) keeps a BLAKE3 digest as text, so every reader, older ones
/// included, reads and verifies it unchanged; only large tensor sets carry one, where its 41 extra
/// bytes do not count.
/// </summary>
public static class AuditDigests
{
    public const string Blake3Prefix = "blake3:";

    /// <summary>Bytes of a BLAKE3 digest as the audit keeps it.</summary>
    public const int Blake3Bytes = 32;
}
