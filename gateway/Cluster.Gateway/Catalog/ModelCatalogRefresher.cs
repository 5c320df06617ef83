using Cluster.Gateway.Governance;
using Cluster.Gateway.Hosting;
using Cluster.Grains.Governance;
using Cluster.Grains.Repository;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Catalog;

/// <summary>
/// Keeps <see cref="ModelCatalog"/> and <see cref="GovernanceCatalog"/> current by polling the
/// repository grain and each model's governance grain every refresh interval (every 500 ms until
/// the first load), waiting on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class ModelCatalogRefresher(
    IClusterClient client, ModelCatalog catalog, GovernanceCatalog governance, IOptions<GatewayOptions> options, TimeProvider time,
    ILogger<ModelCatalogRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var repository = client.GetGrain<IModelRepositoryGrain>(IModelRepositoryGrain.DefaultKey);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var snapshot = await repository.GetSnapshot().WaitAsync(stoppingToken);
                var models = await Task.WhenAll(snapshot.Models.Select(m => client.GetGrain<IModelGovernanceGrain>(m.Name).Get())).WaitAsync(stoppingToken);
                governance.Update(models.ToDictionary(m => m.Model, StringComparer.Ordinal));
                var first = !catalog.IsLoaded;
                catalog.Update(snapshot);
                if (first) LogCatalogLoaded(logger, snapshot.Models.Length, snapshot.Generation);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRefreshFailed(logger, ex.GetType().Name, ex.Message);
            }
            var delay = catalog.IsLoaded ? options.Value.CatalogRefreshInterval : TimeSpan.FromMilliseconds(500);
            try { await Task.Delay(delay, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Model catalog loaded: {Models} models, generation {Generation}")]
    private static partial void LogCatalogLoaded(ILogger logger, int models, long generation);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Model catalog refresh failed: {Error}: {Message}")]
    private static partial void LogRefreshFailed(ILogger logger, string error, string message);
}
