namespace Cluster.Grains.Hashing;

/// <summary>
/// SHA-256 for the many small inputs of the audit path (three per request: the input and output
/// tensor digests and the chain hash). .NET's <c>SHA256</c> goes through OpenSSL 3's EVP layer,
/// which costs about 0.3-0.4 µs of fixed overhead a call on this project's servers, more than
/// hashing a 200-byte record itself; where the system's libcrypto.so.3 is loaded, this calls its
/// SHA-256 functions directly instead (the same code and CPU instructions underneath, about 0.07 µs
/// for 32 bytes). Elsewhere, when that library is not there, when it fails a known-answer check,
/// or when the environment sets <c>CLUSTER_SHA256_LIBCRYPTO=0</c> (deployments that must hash
/// through OpenSSL's FIPS provider), it is .NET's SHA-256. The digests are the same either way.
/// </summary>
public static class Sha256
{
    public const int DigestBytes = 32;

    /// <summary>True when hashing calls libcrypto's SHA-256 functions directly.</summary>
    public static bool UsesLibCrypto => LibCryptoSha256.Available;

    /// <summary>Writes the SHA-256 of <paramref name="data"/> to the first 32 bytes of <paramref name="digest"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        if (digest.Length < DigestBytes) throw new ArgumentException($"a SHA-256 digest needs {DigestBytes} bytes.", nameof(digest));
        if (LibCryptoSha256.Available) LibCryptoSha256.Hash(data, digest);
        else System.Security.Cryptography.SHA256.HashData(data, digest[..DigestBytes]);
    }

    /// <summary>The SHA-256 of <paramref name="data"/> as lowercase hex.</summary>
    public static string HashHex(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[DigestBytes];
        Hash(data, digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>A hash over several pieces, appended in order (see <see cref="Sha256Hasher"/>).</summary>
    public static Sha256Hasher Begin() => Sha256Hasher.Create();
}
