using Cluster.Grains.Governance;

namespace Cluster.Grains.Tenancy;

/// <summary>
/// Tells the governance change feed that an answer gateways cache changed. Called after the state
/// write and before answering; when the feed cannot be reached the change stays stored and the
/// caller gets UNAVAILABLE (<c>CHANGE_NOT_PUBLISHED</c>): never a silent gap. Every publishing
/// operation publishes again when repeated, even when it changes nothing more, so a retry closes it.
/// </summary>
internal static class ChangePublisher
{
    public static async Task PublishAsync(IGrainFactory grains, ChangeKind kind, string id)
    {
        try
        {
            await grains.GetGrain<IGovernanceFeedGrain>(IGovernanceFeedGrain.DefaultKey).Publish(kind, id);
        }
        catch (Exception ex) when (ex is not GovernanceException)
        {
            throw new GovernanceException(GovernanceError.Unavailable, "CHANGE_NOT_PUBLISHED",
                $"the change to {kind.ToString().ToLowerInvariant()} '{id}' is stored, but gateways could not be told of it now " +
                "(they apply it within Auth:RefreshUnchangedAfter, 60 s by default); repeat the operation to tell them now.");
        }
    }
}
