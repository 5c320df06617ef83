namespace Cluster.Grains.Audit;

/// <summary>
/// How an audit record names the hash of a digest it carries: plain lowercase hex is SHA-256 (every
/// record before BLAKE3 was offered, and every digest under <c>Metering:AuditDigest</c> Sha256);
/// <see cref="Blake3TensorsPrefix"/> and lowercase hex is BLAKE3 over each tensor's header and the
/// BLAKE3 of its data (written since 2026-12-07's second build); <see cref="Blake3Prefix"/> and
/// lowercase hex is BLAKE3 over the same flat layout as SHA-256 (written by builds of 2026-12-07
/// only, still read and documented so that their digests can be checked). The compact record
/// (<see cref="AuditRecordCodec"/>) keeps a BLAKE3 digest as text, so every reader, older ones
/// included, reads and verifies it unchanged; only large tensor sets carry one, where its 40-odd extra
/// bytes do not count.
/// </summary>
public static class AuditDigests
{
    /// <summary>BLAKE3 over the flat layout (each tensor's header, then its bytes); no longer written.</summary>
    public const string Blake3Prefix = "blake3:";

    /// <summary>BLAKE3 over each tensor's header followed by the BLAKE3 of its bytes.</summary>
    public const string Blake3TensorsPrefix = "blake3t:";

    /// <summary>Bytes of a BLAKE3 digest as the audit keeps it.</summary>
    public const int Blake3Bytes = 32;
}
