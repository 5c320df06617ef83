using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Security;

/// <summary>
/// Limits failed authentications per source address: each source has a bucket of
/// <see cref="AuthOptions.FailedAuthenticationBurst"/> failures refilled at
/// <see cref="AuthOptions.FailedAuthenticationsPerSecond"/>. A source whose bucket is empty is
/// refused before its credential is even looked up, so guessing key ids cannot make the gateway
/// activate grains and read storage at will. Successful authentications cost nothing. At most
/// <see cref="AuthOptions.FailedAuthenticationSources"/> sources are tracked; when full, sources
/// whose buckets have refilled are forgotten first.
/// </summary>
public sealed class FailedAuthenticationLimiter(IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly AuthOptions _options = options.Value;
    private readonly ConcurrentDictionary<IPAddress, Bucket> _sources = new();

    /// <summary>Whether <paramref name="source"/> may try to authenticate now; when not, how long until it may.</summary>
    public bool Allows(IPAddress? source, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (source is null || !_sources.TryGetValue(source, out var bucket)) return true;
        lock (bucket)
        {
            var tokens = Refill(bucket);
            if (tokens >= 1) return true;
            retryAfter = TimeSpan.FromSeconds((1 - tokens) / _options.FailedAuthenticationsPerSecond);
            return false;
        }
    }

    /// <summary>Counts one failed authentication from <paramref name="source"/>.</summary>
    public void Failed(IPAddress? source)
    {
        if (source is null) return;
        if (!_sources.ContainsKey(source) && _sources.Count >= _options.FailedAuthenticationSources) Prune();
        var bucket = _sources.GetOrAdd(source, _ => new Bucket(_options.FailedAuthenticationBurst, time.GetTimestamp()));
        lock (bucket)
        {
            bucket.Tokens = Math.Max(0, Refill(bucket) - 1);
        }
    }

    private double Refill(Bucket bucket)
    {
        var now = time.GetTimestamp();
        bucket.Tokens = Math.Min(_options.FailedAuthenticationBurst,
            bucket.Tokens + (time.GetElapsedTime(bucket.At, now).TotalSeconds * _options.FailedAuthenticationsPerSecond));
        bucket.At = now;
        return bucket.Tokens;
    }

    private void Prune()
    {
        foreach (var (source, bucket) in _sources)
        {
            lock (bucket)
            {
                if (Refill(bucket) >= _options.FailedAuthenticationBurst) _sources.TryRemove(source, out _);
            }
        }
        // Still full of sources that are failing right now: forget the ones with the most tokens left.
        if (_sources.Count >= _options.FailedAuthenticationSources)
        {
            foreach (var source in _sources.OrderByDescending(p => p.Value.Tokens).Take(_sources.Count / 10 + 1).Select(p => p.Key).ToList())
                _sources.TryRemove(source, out _);
        }
    }

    private sealed class Bucket(double tokens, long at)
    {
        public double Tokens = tokens;
        public long At = at;
    }
}
