using Cluster.Grains.Tenancy;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Security;

/// <summary>
/// Turns an <c>authorization: Bearer &lt;key&gt;</c> header into a caller: the operator key, or a
/// tenant key looked up by key id through a refreshing cache and checked against its stored hash
/// (constant time), revocation and expiry. Anything else is no caller at all.
/// </summary>
public sealed class CredentialResolver : ICredentialResolver
{
    private readonly OperatorCredential _operator;
    private readonly TimeProvider _time;
    private readonly RefreshingCache<ApiKeyRecord?> _keys;

    public CredentialResolver(IClusterClient client, OperatorCredential operatorCredential, IOptions<AuthOptions> options, TimeProvider time)
    {
        _operator = operatorCredential;
        _time = time;
        var o = options.Value;
        _keys = new RefreshingCache<ApiKeyRecord?>(id => client.GetGrain<IApiKeyGrain>(id).Resolve(), o.RefreshAfter, o.MaxStale, o.CacheCapacity, time);
    }

    public async ValueTask<CallerIdentity?> ResolveAsync(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return null;
        if (!ApiKeyCredential.TryParse(authorization[scheme.Length..].Trim(), out var prefix, out var keyId, out var secret)) return null;
        if (prefix == ApiKeyCredential.OperatorPrefix)
            return _operator.Matches(keyId, secret) ? new CallerIdentity(null, keyId) : null;
        var record = await _keys.GetAsync(keyId);
        if (record is null | !ApiKeyCredential.Matches(secret, record?.SecretSha256 ?? new byte[32]) || !record!.IsValidAt(_time.GetUtcNow()))
            return null;
        return new CallerIdentity(record.TenantId, keyId);
    }
}
