using Cluster.Grains.Tenancy;

namespace Cluster.Gateway.Security;

/// <summary>
/// Turns an <c>authorization: Bearer &lt;key&gt;</c> header into a caller: the operator key, or a
/// tenant key looked up by key id through <see cref="ApiKeyCache"/> and checked against its stored hash
/// (constant time), revocation and expiry. Anything else is no caller at all.
/// </summary>
public sealed class CredentialResolver(ApiKeyCache keys, OperatorCredential operatorCredential, TimeProvider time) : ICredentialResolver
{
    public async ValueTask<CallerIdentity?> ResolveAsync(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return null;
        if (!ApiKeyCredential.TryParse(authorization[scheme.Length..].Trim(), out var prefix, out var keyId, out var secret)) return null;
        if (prefix == ApiKeyCredential.OperatorPrefix)
            return operatorCredential.Matches(keyId, secret) ? new CallerIdentity(null, keyId) : null;
        var record = await keys.GetAsync(keyId);
        if (record is null | !ApiKeyCredential.Matches(secret, record?.SecretSha256 ?? new byte[32]) || !record!.IsValidAt(time.GetUtcNow()))
            return null;
        return new CallerIdentity(record.TenantId, keyId);
    }
}
