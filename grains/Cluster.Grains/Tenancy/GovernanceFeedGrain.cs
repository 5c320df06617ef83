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

    private readonly ChangeNotice[] _ring = new ChangeNotice[Capacity];
    private readonly Guid _epoch = Guid.NewGuid();
    private long _last;

    [CalledBy(typeof(ApiKeyGrain), typeof(TenantGrain))]
    public Task Publish(ChangeKind kind, string id)
    {
        _last++;
        _ring[_last % Capacity] = new ChangeNotice(_last, kind, id);
        return Task.CompletedTask;
    }

    public Task<ChangePage> Since(Guid epoch, long sequence)
    {
        var oldest = Math.Max(1, _last - Capacity + 1);
        if (epoch != _epoch || sequence > _last || sequence < oldest - 1)
            return Task.FromResult(new ChangePage(_epoch, _last, Reset: true, [], More: false));
        var count = (int)Math.Min(_last - sequence, PageSize);
        var notices = new ChangeNotice[count];
        for (var i = 0; i < count; i++) notices[i] = _ring[(sequence + 1 + i) % Capacity];
        return Task.FromResult(new ChangePage(_epoch, sequence + count, Reset: false, notices, More: sequence + count < _last));
    }
}
