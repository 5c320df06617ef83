using Cluster.Grains.Security;

namespace Cluster.Grains.Tenancy;

/// <summary>
/// The governance change feed: the last <see cref="Capacity"/> notices, in memory only. Losing them
/// (a silo stopping, the activation moving) loses nothing that matters: the next activation has a
/// new epoch, so every gateway's next poll is told to reset and refreshes all it holds.
/// </summary>
public sealed class GovernanceFeedGrain : Grain, IGovernanceFeedGrain
{
    /// <summary>Notices kept: a gateway more than this many changes behind is told to reset.</summary>
    public const int Capacity = 4096;

    /// <summary>Most notices in one answer.</summary>
    public const int PageSize = 512;

    private readonly ChangeRing _ring = new(Guid.NewGuid(), Capacity, PageSize);

    /// <summary>Only the tenancy grains, after their state write: a gateway may read the feed, never write it.</summary>
    [CalledBy(typeof(ApiKeyGrain), typeof(TenantGrain))]
    public Task Publish(ChangeKind kind, string id)
    {
        _ring.Append(kind, id);
        return Task.CompletedTask;
    }

    public Task<ChangePage> Since(Guid epoch, long sequence) => Task.FromResult(_ring.Since(epoch, sequence));
}
