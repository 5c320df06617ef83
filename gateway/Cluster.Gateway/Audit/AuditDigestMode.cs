namespace Cluster.Gateway.Audit;

/// <summary>Which hash binds an audit record to its tensors (<c>Metering:AuditDigest</c>, docs/quota-and-metering.md).</summary>
public enum AuditDigestMode
{
    /// <summary>
    /// SHA-256 for tensor sets under <see cref="TensorDigest.Blake3MinBytes"/> (where it is the faster
    /// of the two), BLAKE3 from there on (5x SHA-256's rate on large outputs); a BLAKE3 digest is
    /// written <c>blake3t:</c> followed by its hex (<see cref="TensorDigest"/>).
    /// </summary>
    Fast,

    /// <summary>SHA-256 for every tensor set: FIPS 180-4, for deployments that may use only FIPS-approved hashes.</summary>
    Sha256,
}
