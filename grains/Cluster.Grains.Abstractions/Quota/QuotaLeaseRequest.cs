namespace Cluster.Grains.Quota;

/// <summary>What a gateway asks of a tenant's quota: rate tokens, inference units and concurrency slots.</summary>
[GenerateSerializer, Immutable, Alias("cluster.QuotaLeaseRequest")]
public sealed record class QuotaLeaseRequest(
    [property: Id(0)] string GatewayId,
    [property: Id(1)] int Tokens,
    [property: Id(2)] long Units,
    [property: Id(3)] int Slots);
