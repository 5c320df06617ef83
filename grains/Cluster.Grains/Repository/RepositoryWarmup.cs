using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Repository;

/// <summary>
/// Scans the repository on this silo as soon as it is active (in the background: joining the
/// cluster does not wait for it), so the silo's <see cref="ModelRepositoryGrain"/> holds the index
/// before a shard or a placement asks for it, including the first call after another silo died.
/// </summary>
public sealed partial class RepositoryWarmup(IGrainFactory grains, ILogger<RepositoryWarmup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RepositoryWarmup), ServiceLifecycleStage.Active, StartAsync, _ => Task.CompletedTask);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(WarmAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task WarmAsync()
    {
        try
        {
            var snapshot = await grains.GetGrain<IModelRepositoryGrain>(IModelRepositoryGrain.DefaultKey).GetSnapshot();
            LogWarmed(logger, snapshot.Models.Length);
        }
        catch (Exception ex)
        {
            // The first caller scans instead; nothing is lost.
            LogWarmFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "Repository index ready on this silo: {Models} models")]
    private static partial void LogWarmed(ILogger logger, int models);

    [LoggerMessage(EventId = 211, Level = LogLevel.Warning, Message = "Repository scan at silo start failed ({Error}); the first call scans")]
    private static partial void LogWarmFailed(ILogger logger, string error);
}
