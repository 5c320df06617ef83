namespace Cluster.Grains.Tenancy;

/// <summary>
/// An answer of <see cref="IGovernanceFeedGrain.Since"/>. With <see cref="Reset"/> the feed could not
/// say what changed since the position asked about (another epoch, or the ring no longer reaches
/// back that far): the reader must treat everything it holds as changed and go on from
/// (<see cref="Epoch"/>, <see cref="Sequence"/>). Otherwise <see cref="Notices"/> are the changes
/// after the position asked about, in order, up to <see cref="Sequence"/>; <see cref="More"/> says
/// more followed than one page holds (ask again from <see cref="Sequence"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.ChangePage")]
public sealed record class ChangePage(
    [property: Id(0)] Guid Epoch,
    [property: Id(1)] long Sequence,
    [property: Id(2)] bool Reset,
    [property: Id(3)] ChangeNotice[] Notices,
    [property: Id(4)] bool More);
