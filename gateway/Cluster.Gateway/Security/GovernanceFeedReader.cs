using Cluster.Gateway.Metrics;
using Cluster.Grains.Tenancy;

namespace Cluster.Gateway.Security;

/// <summary>
/// Reads the governance change feed from where it left off and applies it to the key and tenant
/// caches: each notice invalidates the entry it names, a reset takes the feed's vouching away from
/// everything held, and a poll that read to the end vouches for the rest as of when it started.
/// Polls run one at a time (<see cref="GovernanceFeedPoller"/>).
/// </summary>
public sealed partial class GovernanceFeedReader(
    IGovernanceFeedGrain feed, IChangeFeedTarget keys, IChangeFeedTarget tenants, TimeProvider time, ILogger<GovernanceFeedReader> logger)
{
    private Guid _epoch;
    private long _sequence;
    private bool _failing;

    /// <summary>Polls once (following <see cref="ChangePage.More"/>); false when the feed did not answer.</summary>
    public async Task<bool> PollAsync(CancellationToken cancellationToken)
    {
        try
        {
            long startedAt;
            ChangePage page;
            do
            {
                startedAt = time.GetTimestamp();
                page = await feed.Since(_epoch, _sequence).WaitAsync(cancellationToken);
                Apply(page);
            }
            while (page.More);
            keys.Covered(startedAt);
            tenants.Covered(startedAt);
            if (_failing) LogRecovered(logger);
            _failing = false;
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            GovernanceFeedMetrics.PollFailed();
            if (!_failing) LogPollFailed(logger, ex);
            _failing = true;
            return false;
        }
    }

    private void Apply(ChangePage page)
    {
        if (page.Reset)
        {
            keys.Reset();
            tenants.Reset();
            if (_epoch != Guid.Empty)
            {
                GovernanceFeedMetrics.Reset();
                LogReset(logger, _epoch, _sequence, page.Epoch, page.Sequence);
            }
        }
        else
        {
            foreach (var notice in page.Notices)
                (notice.Kind == ChangeKind.Key ? keys : tenants).Invalidate(notice.Id);
        }
        (_epoch, _sequence) = (page.Epoch, page.Sequence);
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning,
        Message = "Polling the governance change feed failed; until it answers again, cached keys and tenants are refreshed per entry (fetched before use past Auth:MaxStale)")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "The governance change feed answers again")]
    private static partial void LogRecovered(ILogger logger);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information,
        Message = "The governance change feed reset (epoch {Epoch} at {Sequence}, now epoch {NewEpoch} at {NewSequence}); every cached key and tenant will be refreshed")]
    private static partial void LogReset(ILogger logger, Guid epoch, long sequence, Guid newEpoch, long newSequence);
}
