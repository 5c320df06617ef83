namespace Cluster.Gateway.Hosting;

/// <summary>
/// A background service that flushes buffered records every interval (<see cref="FlushPacing"/>:
/// longer while each flush writes many rows) and once more, with retries, when the gateway stops
/// gracefully — so a graceful stop loses nothing. The final flush keeps
/// retrying for as long as the host's shutdown allows (<c>Gateway:ShutdownTimeout</c>, which the
/// chart derives from the pod's termination grace period), not for a fixed time.
/// </summary>
public abstract class PeriodicFlusher(FlushPacing pacing, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>Pause between final-flush attempts.</summary>
    public static readonly TimeSpan FinalFlushRetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Sends what is buffered (and what earlier flushes failed to send); throws when a send fails.
    /// Returns how many storage rows the buffered records made (what <see cref="FlushPacing"/> paces).
    /// </summary>
    protected abstract Task<int> FlushAsync();

    /// <summary>The gateway's clock (the flush waits and what subclasses stamp).</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>The wait before the next flush, as last set (the current loss bound on a crash).</summary>
    public TimeSpan CurrentInterval { get; private set; } = pacing.Interval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Metrics.FlushMetrics.Interval(GetType().Name, CurrentInterval);
        try
        {
            while (true)
            {
                await Task.Delay(CurrentInterval, Time, stoppingToken);
                var rows = await TryFlushAsync();
                if (rows is not { } written) continue;
                CurrentInterval = pacing.After(written);
                Metrics.FlushMetrics.Interval(GetType().Name, CurrentInterval);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Stops the timer, then flushes until everything is sent or <paramref name="cancellationToken"/> (the host's shutdown timeout) ends it.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        while (await TryFlushAsync() is null)
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

    /// <summary>The rows a flush wrote, or null when it failed (logged and counted).</summary>
    private async Task<int?> TryFlushAsync()
    {
        try
        {
            return await FlushAsync();
        }
        catch (Exception ex)
        {
            Metrics.FlushMetrics.FlushFailed(GetType().Name);
            logger.LogWarning("{Flusher} flush failed, will retry: {Error}", GetType().Name, ex.GetType().Name);
            return null;
        }
    }
}
