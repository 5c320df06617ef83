namespace Cluster.Grains.Governance;

/// <summary>One audited governance change: who, when, what, before and after (never a secret).</summary>
[GenerateSerializer, Immutable, Alias("cluster.GovernanceEvent")]
public sealed record class GovernanceEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset Time,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Action,
    [property: Id(4)] string Target,
    [property: Id(5)] string TenantId,
    [property: Id(6)] string BeforeJson,
    [property: Id(7)] string AfterJson);
