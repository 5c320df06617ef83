using System.Collections.Concurrent;

namespace Cluster.Gateway.Security;

/// <summary>
/// A cache whose entries serve while fresh, refresh in the background once older than
/// <c>refreshAfter</c>, and are fetched again before use once older than <c>maxStale</c> — so a
/// busy key costs no round trip, and no entry is ever used staler than <c>maxStale</c>. A null
/// value (nothing found) is cached like any other, so a repeated unknown key costs one fetch per
/// <c>maxStale</c>, and is the first to go when the cache is full.
/// </summary>
public sealed class RefreshingCache<TValue>(Func<string, Task<TValue>> fetch, TimeSpan refreshAfter, TimeSpan maxStale, int capacity, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public ValueTask<TValue> GetAsync(string key)
    {
        var now = time.GetTimestamp();
        if (_entries.TryGetValue(key, out var entry))
        {
            var age = time.GetElapsedTime(entry.FetchedAt, now);
            if (age < maxStale)
            {
                if (age >= refreshAfter && Interlocked.CompareExchange(ref entry.Refreshing, 1, 0) == 0)
                    _ = RefreshAsync(key, entry);
                return ValueTask.FromResult(entry.Value);
            }
        }
        return new ValueTask<TValue>(FetchAsync(key));
    }

    /// <summary>Forgets an entry, so the next use fetches it.</summary>
    public void Invalidate(string key) => _entries.TryRemove(key, out _);

    private async Task<TValue> FetchAsync(string key)
    {
        var value = await fetch(key);
        if (_entries.Count >= capacity) Evict();
        _entries[key] = new Entry(value, time.GetTimestamp());
        return value;
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
            Volatile.Write(ref stale.Refreshing, 0);
        }
    }

    /// <summary>
    /// Makes room when full, never by dropping everything: first entries past <c>maxStale</c> (they
    /// would be fetched again anyway), then entries that found nothing (unknown key ids, which a
    /// caller can mint at will), and only then the least recently fetched of the rest, down to 90 %
    /// of the capacity. A flood of unknown ids cannot push valid keys out while it lasts.
    /// </summary>
    private void Evict()
    {
        var now = time.GetTimestamp();
        foreach (var pair in _entries)
        {
            if (time.GetElapsedTime(pair.Value.FetchedAt, now) >= maxStale) _entries.TryRemove(pair.Key, out _);
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

    private sealed class Entry(TValue value, long fetchedAt)
    {
        public TValue Value { get; } = value;
        public long FetchedAt { get; } = fetchedAt;
        public int Refreshing;
    }
}
