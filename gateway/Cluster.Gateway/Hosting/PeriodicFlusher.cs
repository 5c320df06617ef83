namespace Cluster.Gateway.Hosting;

/// <summary>
/// A background service that flushes buffered records every interval and once more, with retries,
/// when the gateway stops gracefully — so a graceful stop loses nothing.
/// </summary>
public abstract class PeriodicFlusher(TimeSpan interval, ILogger logger) : BackgroundService
{
    /// <summary>Longest the final flush keeps retrying on shutdown.</summary>
    public static readonly TimeSpan FinalFlushTimeout = TimeSpan.FromSeconds(15);

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

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var deadline = DateTime.UtcNow + FinalFlushTimeout;
        while (!await TryFlushAsync() && DateTime.UtcNow < deadline) await Task.Delay(200, CancellationToken.None);
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
            logger.LogWarning("{Flusher} flush failed, will retry: {Error}", GetType().Name, ex.GetType().Name);
            return false;
        }
    }
}
