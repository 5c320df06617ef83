using System.Collections.Concurrent;

namespace Cluster.Gateway.Security;

/// <summary>
/// A cache of governance answers (keys, tenants) that no entry is used staler than <c>maxStale</c>
/// from. An entry is fresh as of the later of its fetch (when the fetch started) and the last poll
/// of the governance change feed that covered it (<see cref="Covered"/>): a poll applies its notices
/// (<see cref="Invalidate"/>, the entry is fetched before its next use) and then vouches for every
/// entry it did not name. So while the feed answers, an unchanged entry costs no round trip; only a
/// safety-net refresh in the background after <c>refreshUnchangedAfter</c>. When polls fail, the
/// coverage ages and the cache falls back to per-entry refreshes: in the background once older than
/// <c>refreshAfter</c>, before use once older than <c>maxStale</c>. After a <see cref="Reset"/> the
/// feed vouches for nothing fetched before it beyond its last poll before the reset: those entries
/// are refreshed in the background on their next use, and fetched before use past <c>maxStale</c>.
/// A null value (nothing found) is cached like any other and is the first to go when the cache is full.
/// </summary>
public sealed class RefreshingCache<TValue>(
    Func<string, Task<TValue>> fetch, TimeSpan refreshAfter, TimeSpan maxStale, TimeSpan refreshUnchangedAfter, int capacity, TimeProvider time)
    : IChangeFeedTarget
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Fetch> _fetches = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeSpan _feedGrace = refreshAfter * 2 < maxStale ? refreshAfter * 2 : maxStale;
    private Generation _current = new();
    private long _fetchCount;

    /// <summary>Fetches made (before use and in the background) since start.</summary>
    public long Fetches => Interlocked.Read(ref _fetchCount);

    public ValueTask<TValue> GetAsync(string key)
    {
        var now = time.GetTimestamp();
        if (_entries.TryGetValue(key, out var entry))
        {
            var (freshAt, vouched) = FreshAt(entry);
            var age = time.GetElapsedTime(freshAt, now);
            if (age < maxStale)
            {
                var coveredAt = Volatile.Read(ref Volatile.Read(ref _current).CoveredAt);
                var feedAnswering = coveredAt != long.MinValue && time.GetElapsedTime(coveredAt, now) < _feedGrace;
                var refresh = feedAnswering
                    ? !vouched || time.GetElapsedTime(entry.FetchedAt, now) >= refreshUnchangedAfter
                    : age >= refreshAfter;
                if (refresh && Interlocked.CompareExchange(ref entry.Refreshing, 1, 0) == 0)
                    _ = RefreshAsync(key, entry);
                return ValueTask.FromResult(entry.Value);
            }
        }
        return new ValueTask<TValue>(FetchAsync(key));
    }

    /// <summary>
    /// As of when an entry is known current: its fetch, or the last poll that covered it in the
    /// feed's generation it was fetched in. Only the current generation's polls go on vouching for
    /// it; one fetched before a reset stays current as of the last poll before the reset.
    /// </summary>
    private (long FreshAt, bool Vouched) FreshAt(Entry entry) =>
        (Math.Max(entry.FetchedAt, Volatile.Read(ref entry.Generation.CoveredAt)), ReferenceEquals(entry.Generation, Volatile.Read(ref _current)));

    /// <summary>
    /// Forgets an entry, so its next use fetches it; a fetch of it already in flight may have read
    /// the old answer, so its result serves the callers waiting on it but is not kept.
    /// </summary>
    public void Invalidate(string key)
    {
        lock (_gate)
        {
            if (_fetches.TryRemove(key, out var inFlight)) inFlight.Invalidated = true;
            _entries.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// A poll of the change feed that started at <paramref name="pollStartedAt"/> (a timestamp of
    /// this cache's clock) succeeded and its notices were applied: every entry not invalidated is
    /// current as of then.
    /// </summary>
    public void Covered(long pollStartedAt)
    {
        var generation = Volatile.Read(ref _current);
        long seen;
        do
        {
            seen = Volatile.Read(ref generation.CoveredAt);
            if (pollStartedAt <= seen) return;
        }
        while (Interlocked.CompareExchange(ref generation.CoveredAt, pollStartedAt, seen) != seen);
    }

    /// <summary>
    /// The feed could not say what changed (another epoch, or too far behind): changes after its
    /// last covering poll may have been missed, so what is held stays current only as of that poll
    /// (fetched before use past <c>maxStale</c> from it), is refreshed in the background on its next
    /// use, and later polls vouch only for what is fetched from now on.
    /// </summary>
    public void Reset() => Volatile.Write(ref _current, new Generation());

    /// <summary>One fetch per key at a time: callers that miss while it is in flight wait on it.</summary>
    private Task<TValue> FetchAsync(string key)
    {
        while (true)
        {
            if (_fetches.TryGetValue(key, out var running)) return running.Result.Task;
            var started = new Fetch();
            if (!_fetches.TryAdd(key, started)) continue;
            _ = RunAsync(key, started);
            return started.Result.Task;
        }
    }

    private async Task RunAsync(string key, Fetch current)
    {
        try
        {
            var generation = Volatile.Read(ref _current);
            var startedAt = time.GetTimestamp();
            Interlocked.Increment(ref _fetchCount);
            var value = await fetch(key);
            lock (_gate)
            {
                // Invalidate marks the fetch and drops the entry under the same lock: a result read
                // before a notice for its key arrived is never kept.
                if (!current.Invalidated)
                {
                    if (_entries.Count >= capacity) Evict();
                    _entries[key] = new Entry(value, startedAt, generation);
                }
            }
            _fetches.TryRemove(new KeyValuePair<string, Fetch>(key, current));
            current.Result.SetResult(value);
        }
        catch (Exception ex)
        {
            _fetches.TryRemove(new KeyValuePair<string, Fetch>(key, current));
            current.Result.SetException(ex);
        }
    }

    private async Task RefreshAsync(string key, Entry stale)
    {
        try
        {
            await FetchAsync(key);
        }
        catch
        {
            // The stale value keeps serving until maxStale; then a blocking fetch surfaces the error.
        }
        finally
        {
            Volatile.Write(ref stale.Refreshing, 0);
        }
    }

    /// <summary>
    /// Makes room when full, never by dropping everything: first entries past <c>maxStale</c> (they
    /// would be fetched again on their next use anyway), then
    /// entries that found nothing (unknown key ids, which a caller can mint at will), and only then the
    /// least recently fetched of the rest, down to 90 % of the capacity. A flood of unknown ids cannot
    /// push valid keys out while it lasts.
    /// </summary>
    private void Evict()
    {
        var now = time.GetTimestamp();
        foreach (var pair in _entries)
        {
            if (time.GetElapsedTime(FreshAt(pair.Value).FreshAt, now) >= maxStale) _entries.TryRemove(pair.Key, out _);
        }
        if (_entries.Count < capacity) return;
        var target = capacity * 9 / 10;
        foreach (var pair in _entries)
        {
            if (_entries.Count <= target) return;
            if (pair.Value.Value is null) _entries.TryRemove(pair.Key, out _);
        }
        foreach (var pair in _entries.OrderBy(p => p.Value.FetchedAt).Take(Math.Max(0, _entries.Count - target)).ToList())
            _entries.TryRemove(pair.Key, out _);
    }

    /// <summary>The feed's polls between two resets; entries fetched in it keep it.</summary>
    private sealed class Generation
    {
        /// <summary>When the last poll that covered this generation started (a timestamp).</summary>
        public long CoveredAt = long.MinValue;
    }

    private sealed class Entry(TValue value, long fetchedAt, Generation generation)
    {
        public TValue Value { get; } = value;

        /// <summary>When the fetch that read it started: the answer is at least this fresh.</summary>
        public long FetchedAt { get; } = fetchedAt;

        /// <summary>The feed's generation when the fetch started.</summary>
        public Generation Generation { get; } = generation;

        public int Refreshing;
    }

    private sealed class Fetch
    {
        public TaskCompletionSource<TValue> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool Invalidated;
    }
}
