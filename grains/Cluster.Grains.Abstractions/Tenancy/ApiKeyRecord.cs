namespace Cluster.Grains.Tenancy;

/// <summary>What a gateway needs to check a presented key: its owner, the SHA-256 of its secret, its validity.</summary>
[GenerateSerializer, Immutable, Alias("cluster.ApiKeyRecord")]
public sealed record class ApiKeyRecord(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string TenantId,
    [property: Id(2)] byte[] SecretSha256,
    [property: Id(3)] DateTimeOffset? ExpiresAt,
    [property: Id(4)] DateTimeOffset? RevokedAt)
{
    public bool IsValidAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);

    public override string ToString() => $"ApiKeyRecord {KeyId} tenant {TenantId}";
}
