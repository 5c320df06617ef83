namespace Cluster.Grains.Journal;

/// <summary>
/// One chain's records as a gateway cut them in one flush cycle: the chain, the counter the cut was
/// given (its batch id is the gateway's id, a dash and this counter) and the encoded records.
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.AuditCut")]
public sealed record class AuditCut(
    [property: Id(0)] string Chain,
    [property: Id(1)] long Counter,
    [property: Id(2)] byte[][] Chunks);
