namespace Cluster.Grains.Metering;

/// <summary>
/// A gateway's running usage totals (since it started, per tenant, key, model, version, purpose and
/// minute) that changed since its last write. Each total is one row per source and group, replaced
/// on every write, so a retried or replayed snapshot never double counts. <see cref="Sequence"/>
/// grows with every write of the source: a replayed older snapshot does not replace a newer total.
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.UsageSnapshot")]
public sealed record class UsageSnapshot(
    [property: Id(0)] string Source,
    [property: Id(1)] long Sequence,
    [property: Id(2)] UsageRecord[] Totals);
