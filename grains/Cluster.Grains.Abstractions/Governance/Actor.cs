namespace Cluster.Grains.Governance;

/// <summary>Who made a change: an operator key or a tenant key. Recorded in the governance audit.</summary>
[GenerateSerializer, Immutable, Alias("cluster.Actor")]
public sealed record class Actor([property: Id(0)] string? TenantId, [property: Id(1)] string KeyId)
{
    public bool IsOperator => TenantId is null;

    public static Actor Operator(string keyId) => new(null, keyId);

    /// <summary>The cluster itself (repository registration, bootstrap).</summary>
    public static Actor System { get; } = new(null, "system");

    public override string ToString() => IsOperator ? $"operator:{KeyId}" : $"tenant:{TenantId}/{KeyId}";
}
