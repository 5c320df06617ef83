using Cluster.Grains.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Journal;

/// <summary>
/// On every silo: every <see cref="StorageOptions.JournalSweepInterval"/>, asks the recovery grain to
/// replay journals abandoned for <see cref="StorageOptions.JournalStaleAfter"/>. The grain is one
/// activation, so sweeps of several silos run one after another.
/// </summary>
public sealed partial class JournalRecoveryService(IGrainFactory grains, IOptions<StorageOptions> options, TimeProvider time, ILogger<JournalRecoveryService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.JournalSweepInterval, time, stoppingToken);
                try
                {
                    await grains.GetGrain<IJournalRecoveryGrain>(0).Sweep(options.Value.JournalStaleAfter);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSweepFailed(logger, ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Journal sweep failed, will retry at the next interval: {Error}")]
    private static partial void LogSweepFailed(ILogger logger, string error);
}
