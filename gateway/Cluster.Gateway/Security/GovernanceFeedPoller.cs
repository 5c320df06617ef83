using Cluster.Grains.Tenancy;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Security;

/// <summary>
/// Polls the governance change feed once per <see cref="AuthOptions.RefreshAfter"/> (one grain call
/// per gateway, however many keys and tenants it holds) and applies it to the key and tenant caches.
/// </summary>
public sealed class GovernanceFeedPoller(
    IClusterClient client, ApiKeyCache keys, TenantAccessCache tenants, IOptions<AuthOptions> options, TimeProvider time, ILogger<GovernanceFeedReader> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = new GovernanceFeedReader(
            client.GetGrain<IGovernanceFeedGrain>(IGovernanceFeedGrain.DefaultKey), keys.Cache, tenants.Cache, time, logger);
        using var timer = new PeriodicTimer(options.Value.RefreshAfter, time);
        try
        {
            do await reader.PollAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
