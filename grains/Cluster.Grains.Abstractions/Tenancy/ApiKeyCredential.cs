using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Cluster.Grains.Tenancy;

/// <summary>
/// The API key format: <c>hsk_&lt;keyid&gt;_&lt;secret&gt;</c> for tenants and <c>hso_&lt;keyid&gt;_&lt;secret&gt;</c>
/// for operators. The key id is 12 base32 characters (60 random bits) and the secret 52 (256
/// random bits). Only the SHA-256 of the secret is stored; comparisons are constant-time.
/// </summary>
public static class ApiKeyCredential
{
    public const string TenantPrefix = "hsk";
    public const string OperatorPrefix = "hso";
    public const int KeyIdLength = 12;
    public const int SecretBytes = 32;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>A new credential with a random key id and secret.</summary>
    public static (string KeyId, string Credential, byte[] SecretSha256) Create(string prefix)
    {
        var keyId = Base32(RandomNumberGenerator.GetBytes(8))[..KeyIdLength];
        var secret = Base32(RandomNumberGenerator.GetBytes(SecretBytes));
        return (keyId, $"{prefix}_{keyId}_{secret}", Hash(secret));
    }

    /// <summary>Splits a presented credential; false for anything not of the form prefix_keyid_secret.</summary>
    public static bool TryParse(string? credential, [NotNullWhen(true)] out string? prefix, [NotNullWhen(true)] out string? keyId, [NotNullWhen(true)] out string? secret)
    {
        prefix = keyId = secret = null;
        if (string.IsNullOrEmpty(credential) || credential.Length > 256) return false;
        var parts = credential.Split('_');
        if (parts.Length != 3 || parts[0] is not (TenantPrefix or OperatorPrefix)
            || parts[1].Length != KeyIdLength || !IsBase32(parts[1]) || parts[2].Length < 16 || !IsBase32(parts[2]))
            return false;
        (prefix, keyId, secret) = (parts[0], parts[1], parts[2]);
        return true;
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));

    /// <summary>Compares a presented secret with a stored hash in constant time.</summary>
    public static bool Matches(string secret, byte[] storedSha256) =>
        CryptographicOperations.FixedTimeEquals(Hash(secret), storedSha256);

    private static bool IsBase32(string text) => text.All(c => Alphabet.Contains(c));

    private static string Base32(byte[] bytes)
    {
        var builder = new StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                builder.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) builder.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        return builder.ToString();
    }
}
