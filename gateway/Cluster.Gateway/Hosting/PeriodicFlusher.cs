namespace Cluster.Gateway.Hosting;

/// <summary>
/// A background service that writes buffered records to storage on a cycle of
/// <see cref="FlushPacing.Interval"/> (or of the journal's interval, when it journals and that is
/// shorter), and once more, with retries, when the gateway stops
/// gracefully — so a graceful stop loses nothing. Each cycle first cuts what was buffered
/// (<see cref="Cut"/>). It then writes everything cut (<see cref="FlushAsync"/>) when the paced
/// interval has passed since the last write (<see cref="FlushPacing"/>: longer while each write
/// makes many rows) or when <see cref="WriteNeeded"/>; otherwise a flusher that
/// <see cref="UsesJournal"/> writes what it cut since its last journal entry to its write-ahead
/// journal (<see cref="JournalAsync"/>), so a crash loses at most one cycle however long the paced
/// interval is. After a write the journal's entries up to the last one are trimmed. The final flush
/// keeps retrying for as long as the host's shutdown allows (<c>Gateway:ShutdownTimeout</c>, which
/// the chart derives from the pod's termination grace period), journaling meanwhile.
/// </summary>
public abstract class PeriodicFlusher(FlushPacing pacing, TimeProvider time, ILogger logger, TimeSpan? journalInterval = null) : BackgroundService
{
    /// <summary>The cycle: the journal's interval when the flusher journals and that is shorter, else the write interval.</summary>
    private readonly TimeSpan _cycle = journalInterval is { } j && j < pacing.Interval ? j : pacing.Interval;

    /// <summary>Pause between final-flush attempts.</summary>
    public static readonly TimeSpan FinalFlushRetryDelay = TimeSpan.FromMilliseconds(200);

    private DateTimeOffset _lastWrite = time.GetUtcNow();
    private long? _journaledUpTo;
    private long? _trimUpTo;

    /// <summary>
    /// Writes everything cut (and what earlier writes failed to send) to storage; throws when a send
    /// fails. Returns how many storage rows it made (what <see cref="FlushPacing"/> paces).
    /// </summary>
    protected abstract Task<int> FlushAsync();

    /// <summary>Moves what was buffered since the last cycle into what the next write or journal entry carries.</summary>
    protected virtual void Cut()
    {
    }

    /// <summary>Whether this flusher journals between writes (otherwise a crash loses what the paced interval held).</summary>
    protected virtual bool UsesJournal => false;

    /// <summary>Whether what is held must be written now, whatever the pacing (a bound on memory).</summary>
    protected virtual bool WriteNeeded => false;

    /// <summary>Journals what was cut and not journaled yet; returns the entry's number, or null when there was nothing to journal. Throws when the write fails.</summary>
    protected virtual Task<long?> JournalAsync() => Task.FromResult<long?>(null);

    /// <summary>Deletes the journal's entries up to and including <paramref name="upTo"/> (storage holds them now).</summary>
    protected virtual Task TrimJournalAsync(long upTo) => Task.CompletedTask;

    /// <summary>The gateway's clock (the cycle's waits and what subclasses stamp).</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>The wait between writes to storage, as last set: the loss bound on a crash unless the flusher journals (then one cycle).</summary>
    public TimeSpan CurrentInterval { get; private set; } = pacing.Interval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Metrics.FlushMetrics.Interval(GetType().Name, CurrentInterval);
        _lastWrite = Time.GetUtcNow();
        try
        {
            // Cycles start at a fixed rate, not a cycle after the last one ended: a journal write
            // that takes a while (storage under load) must not stretch what a crash can lose.
            var next = Time.GetUtcNow();
            while (true)
            {
                next += _cycle;
                var wait = next - Time.GetUtcNow();
                if (wait <= TimeSpan.Zero) (next, wait) = (Time.GetUtcNow(), TimeSpan.Zero);
                await Task.Delay(wait, Time, stoppingToken);
                await CycleAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task CycleAsync()
    {
        Cut();
        var due = WriteNeeded || Time.GetUtcNow() - _lastWrite >= CurrentInterval;
        // A write that carries more than this cycle's cut (the paced interval is longer than the
        // cycle) makes many rows and can take a while: journal the cycle first, so a crash during
        // the write loses no more than a cycle. A write every cycle carries one cycle: no journal.
        var journaled = UsesJournal && (!due || CurrentInterval > _cycle) && await TryJournalAsync();
        var written = due ? await TryFlushAsync() : null;
        if (written is { } rows)
        {
            CurrentInterval = pacing.After(rows);
            Metrics.FlushMetrics.Interval(GetType().Name, CurrentInterval);
        }
        else if (due && UsesJournal && !journaled)
        {
            // The write failed: keep what it held in the journal meanwhile.
            await TryJournalAsync();
        }
        await TryTrimAsync();
    }

    /// <summary>
    /// Called once the flusher has stopped (everything sent, or the shutdown timeout passed): what it
    /// still counts as held is no longer this gateway's to hold (it is in the journal, or lost), so
    /// its gauges give it up. Gauges are per process, and a test process runs many gateways.
    /// </summary>
    protected virtual void Stopped()
    {
    }

    /// <summary>Stops the cycle, then flushes until everything is sent or <paramref name="cancellationToken"/> (the host's shutdown timeout) ends it.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await StopAndFlushAsync(cancellationToken);
        }
        finally
        {
            Stopped();
        }
    }

    private async Task StopAndFlushAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var journaled = false;
        while (true)
        {
            Cut();
            if (await TryFlushAsync() is not null)
            {
                await TryTrimAsync();
                return;
            }
            if (UsesJournal) journaled = await TryJournalAsync();
            try
            {
                await Task.Delay(FinalFlushRetryDelay, Time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                if (journaled)
                    logger.LogWarning("{Flusher} could not write to storage before the shutdown timeout; what it held is in its journal, which the cluster replays (Storage:JournalStaleAfter)", GetType().Name);
                else
                    logger.LogError("{Flusher} could not flush before the shutdown timeout; what it still held is lost", GetType().Name);
                return;
            }
        }
    }

    /// <summary>The rows a write made, or null when it failed (logged and counted). After a write the journal's entries up to the last are due for a trim.</summary>
    private async Task<int?> TryFlushAsync()
    {
        int rows;
        var started = Time.GetUtcNow();
        var timestamp = Time.GetTimestamp();
        try
        {
            rows = await FlushAsync();
            Metrics.FlushMetrics.WriteTook(GetType().Name, Time.GetElapsedTime(timestamp));
        }
        catch (Exception ex)
        {
            Metrics.FlushMetrics.WriteTook(GetType().Name, Time.GetElapsedTime(timestamp));
            Metrics.FlushMetrics.FlushFailed(GetType().Name);
            logger.LogWarning("{Flusher} flush failed, will retry: {Error}", GetType().Name, ex.GetType().Name);
            return null;
        }
        // Paced from the write's start, as the cycles are: a write that took a while does not push the next one a cycle later.
        _lastWrite = started;
        if (_journaledUpTo is { } journaled) (_journaledUpTo, _trimUpTo) = (null, journaled);
        return rows;
    }

    /// <summary>True when everything cut is in the journal (or there was nothing to journal).</summary>
    private async Task<bool> TryJournalAsync()
    {
        var timestamp = Time.GetTimestamp();
        try
        {
            if (await JournalAsync() is { } entry)
            {
                _journaledUpTo = entry;
                Metrics.FlushMetrics.Journaled(GetType().Name);
                Metrics.FlushMetrics.JournalTook(GetType().Name, Time.GetElapsedTime(timestamp));
            }
            return true;
        }
        catch (Exception ex)
        {
            Metrics.FlushMetrics.JournalTook(GetType().Name, Time.GetElapsedTime(timestamp));
            Metrics.FlushMetrics.JournalFailed(GetType().Name);
            logger.LogWarning("{Flusher} journal write failed, will retry: {Error}", GetType().Name, ex.GetType().Name);
            return false;
        }
    }

    /// <summary>Trims the journal up to what storage holds, if anything is due; a failed trim is tried again next cycle.</summary>
    private async Task TryTrimAsync()
    {
        if (_trimUpTo is not { } upTo) return;
        try
        {
            await TrimJournalAsync(upTo);
            if (_trimUpTo == upTo) _trimUpTo = null;
        }
        catch (Exception ex)
        {
            // The entries stay until the next trim (left alone, the cluster would replay them: harmless, but logged as a dead gateway's).
            logger.LogWarning("{Flusher} journal trim failed, will retry: {Error}", GetType().Name, ex.GetType().Name);
        }
    }
}
