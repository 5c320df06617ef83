namespace Cluster.Gateway.Hosting;

/// <summary>
/// A background service that flushes buffered records every interval and once more, with retries,
/// when the gateway stops gracefully — so a graceful stop loses nothing. The final flush keeps
/// retrying for as long as the host's shutdown allows (<c>Gateway:ShutdownTimeout</c>, which the
/// chart derives from the pod's termination grace period), not for a fixed time.
/// </summary>
public abstract class PeriodicFlusher(TimeSpan interval, ILogger logger) : BackgroundService
{
    /// <summary>Pause between final-flush attempts.</summary>
    public static readonly TimeSpan FinalFlushRetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Sends what is buffered (and what earlier flushes failed to send); throws when a send fails.</summary>
    protected abstract Task FlushAsync();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await TryFlushAsync();
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Stops the timer, then flushes until everything is sent or <paramref name="cancellationToken"/> (the host's shutdown timeout) ends it.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        while (!await TryFlushAsync())
        {
            try
            {
                await Task.Delay(FinalFlushRetryDelay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                logger.LogError("{Flusher} could not flush before the shutdown timeout; what it still held is lost", GetType().Name);
                return;
            }
        }
    }

    private async Task<bool> TryFlushAsync()
    {
        try
        {
            await FlushAsync();
            return true;
        }
        catch (Exception ex)
        {
            Metrics.FlushMetrics.FlushFailed(GetType().Name);
            logger.LogWarning("{Flusher} flush failed, will retry: {Error}", GetType().Name, ex.GetType().Name);
            return false;
        }
    }
}
