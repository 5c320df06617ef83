namespace Cluster.Grains.Audit;

/// <summary>
/// How an audit record names the hash of a digest it carries: plain lowercase hex is SHA-256 (every
/// record before BLAKE3 was offered, and every digest under <c>Metering:AuditDigest</c> Sha256);
/// <see cref="Blake3Prefix"/> and lowercase hex is BLAKE3 (256-bit output).
/// </summary>
public static class AuditDigests
{
    public const string Blake3Prefix = "blake3:";

    /// <summary>Bytes of a BLAKE3 digest as the audit keeps it.</summary>
    public const int Blake3Bytes = 32;

    /// <summary>True when <paramref name="digest"/> is <c>blake3:</c> and 64 lowercase hex digits.</summary>
    public static bool IsBlake3(ReadOnlySpan<char> digest) =>
        digest.Length == Blake3Prefix.Length + 2 * Blake3Bytes && digest.StartsWith(Blake3Prefix, StringComparison.Ordinal)
        && AuditRecordCodec.IsLowerHex(digest[Blake3Prefix.Length..]);
}
