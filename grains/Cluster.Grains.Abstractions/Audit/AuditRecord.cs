namespace Cluster.Grains.Audit;

/// <summary>
/// One inference decision, allowed or denied. Tensors appear only as SHA-256 digests, never as
/// contents. <see cref="Sequence"/>, <see cref="PreviousHash"/> and <see cref="Hash"/> are set by
/// the tenant's audit chain when the record is appended.
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.AuditRecord")]
public sealed record class AuditRecord
{
    [Id(0)] public DateTimeOffset Time { get; init; }
    [Id(1)] public string RequestId { get; init; } = "";
    [Id(2)] public string TenantId { get; init; } = "";
    [Id(3)] public string KeyId { get; init; } = "";
    [Id(4)] public string Purpose { get; init; } = "";
    [Id(5)] public string Model { get; init; } = "";
    [Id(6)] public string Version { get; init; } = "";
    [Id(7)] public string ArtifactSha256 { get; init; } = "";
    [Id(8)] public string Lifecycle { get; init; } = "";
    [Id(9)] public string Decision { get; init; } = "";
    [Id(10)] public string Reason { get; init; } = "";
    [Id(11)] public int StatusCode { get; init; }
    [Id(12)] public long Units { get; init; }
    [Id(13)] public double LatencyMs { get; init; }
    [Id(14)] public string Silo { get; init; } = "";
    [Id(15)] public string Device { get; init; } = "";
    [Id(16)] public string InputSha256 { get; init; } = "";
    [Id(17)] public string OutputSha256 { get; init; } = "";
    [Id(18)] public long Sequence { get; init; }
    [Id(19)] public string PreviousHash { get; init; } = "";
    [Id(20)] public string Hash { get; init; } = "";

    public const string Allowed = "allowed";
    public const string Denied = "denied";
}
