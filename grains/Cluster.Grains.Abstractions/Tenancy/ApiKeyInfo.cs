namespace Cluster.Grains.Tenancy;

/// <summary>An API key as listed: never its secret or hash.</summary>
[GenerateSerializer, Immutable, Alias("cluster.ApiKeyInfo")]
public sealed record class ApiKeyInfo(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string Name,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? ExpiresAt,
    [property: Id(5)] DateTimeOffset? RevokedAt,
    [property: Id(6)] string CreatedBy);
