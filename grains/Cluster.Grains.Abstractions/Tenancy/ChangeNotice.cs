namespace Cluster.Grains.Tenancy;

/// <summary>One change in the governance change feed: the answer for <paramref name="Id"/> of <paramref name="Kind"/> changed.</summary>
[GenerateSerializer, Immutable, Alias("cluster.ChangeNotice")]
public sealed record class ChangeNotice(
    [property: Id(0)] long Sequence,
    [property: Id(1)] ChangeKind Kind,
    [property: Id(2)] string Id);
