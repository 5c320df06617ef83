using System.Security.Cryptography;

namespace Cluster.Grains.Hashing;

/// <summary>
/// SHA-256 over data appended in pieces (no copy into one buffer), through libcrypto directly where
/// <see cref="Sha256"/> does, else through a reused .NET <see cref="IncrementalHash"/>. Use once:
/// <see cref="Append"/> the pieces, then <see cref="Finish"/>. Keep it in one local (a copy would
/// share the fallback's IncrementalHash).
/// </summary>
public ref struct Sha256Hasher
{
    [ThreadStatic]
    private static IncrementalHash? _spare;

    private LibCryptoSha256.Context _context;
    private IncrementalHash? _fallback;
    private bool _started;

    internal static Sha256Hasher Create() => Create(LibCryptoSha256.Available);

    /// <summary>A hasher on the chosen path (tests run both).</summary>
    internal static Sha256Hasher Create(bool libCrypto)
    {
        var hasher = new Sha256Hasher { _started = true };
        if (libCrypto) LibCryptoSha256.Init(ref hasher._context);
        else
        {
            hasher._fallback = _spare ?? IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            _spare = null;
        }
        return hasher;
    }

    public void Append(scoped ReadOnlySpan<byte> data)
    {
        if (!_started) throw new InvalidOperationException("start a hash with Sha256.Begin(), and append before Finish.");
        if (data.IsEmpty) return;
        if (_fallback is { } hash) hash.AppendData(data);
        else LibCryptoSha256.Update(ref _context, data);
    }

    /// <summary>Writes the digest to the first 32 bytes of <paramref name="digest"/>; the hasher is then spent.</summary>
    public void Finish(scoped Span<byte> digest)
    {
        if (!_started) throw new InvalidOperationException("start a hash with Sha256.Begin(), and finish it once.");
        if (digest.Length < Sha256.DigestBytes) throw new ArgumentException($"a SHA-256 digest needs {Sha256.DigestBytes} bytes.", nameof(digest));
        _started = false;
        if (_fallback is { } hash)
        {
            hash.GetHashAndReset(digest[..Sha256.DigestBytes]);
            _spare = hash;
            _fallback = null;
        }
        else LibCryptoSha256.Final(ref _context, digest);
    }
}
