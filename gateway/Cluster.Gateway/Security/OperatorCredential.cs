using Cluster.Grains.Tenancy;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Security;

/// <summary>The configured operator key, held as key id and SHA-256 of its secret only.</summary>
public sealed class OperatorCredential
{
    private readonly string? _keyId;
    private readonly byte[] _hash = [];

    public OperatorCredential(IOptions<AuthOptions> options)
    {
        if (ReadKey(options.Value) is { } key && ApiKeyCredential.TryParse(key, out _, out var keyId, out var secret))
        {
            _keyId = keyId;
            _hash = ApiKeyCredential.Hash(secret);
        }
    }

    public bool IsConfigured => _keyId is not null;

    public bool Matches(string keyId, string secret) =>
        _keyId is not null && keyId == _keyId & ApiKeyCredential.Matches(secret, _hash);

    internal static string? ReadKey(AuthOptions o)
    {
        if (!string.IsNullOrWhiteSpace(o.OperatorKey)) return o.OperatorKey.Trim();
        if (!string.IsNullOrEmpty(o.OperatorKeyFile) && File.Exists(o.OperatorKeyFile)) return File.ReadAllText(o.OperatorKeyFile).Trim();
        return null;
    }
}
