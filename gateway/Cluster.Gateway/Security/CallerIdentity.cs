using Cluster.Grains.Governance;

namespace Cluster.Gateway.Security;

/// <summary>Who is calling, as established from the credential alone (never from a request field).</summary>
public sealed record class CallerIdentity(string? TenantId, string KeyId)
{
    public bool IsOperator => TenantId is null;

    public Actor Actor => new(TenantId, KeyId);

    public override string ToString() => Actor.ToString();
}
