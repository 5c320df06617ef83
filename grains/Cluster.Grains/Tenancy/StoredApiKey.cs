namespace Cluster.Grains.Tenancy;

/// <summary>An API key as the tenant stores it: the SHA-256 of its secret, never the secret.</summary>
[GenerateSerializer, Alias("cluster.StoredApiKey")]
public sealed class StoredApiKey
{
    [Id(0)] public string KeyId { get; set; } = "";
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public DateTimeOffset? ExpiresAt { get; set; }
    [Id(4)] public DateTimeOffset? RevokedAt { get; set; }
    [Id(5)] public string CreatedBy { get; set; } = "";
    [Id(6)] public byte[] SecretSha256 { get; set; } = [];

    public ApiKeyInfo ToInfo(string tenantId) => new(KeyId, tenantId, Name, CreatedAt, ExpiresAt, RevokedAt, CreatedBy);
}
