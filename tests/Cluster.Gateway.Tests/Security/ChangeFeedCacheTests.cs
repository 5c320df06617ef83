using Cluster.Gateway.Security;
using Microsoft.Extensions.Time.Testing;

namespace Cluster.Gateway.Tests.Security;

/// <summary>
/// <see cref="RefreshingCache{TValue}"/> kept current by the change feed: polls that cover an entry
/// spare its fetches, notices and resets bring them back, and failed polls fall back to per-entry
/// freshness with the same <c>MaxStale</c> bound.
/// </summary>
public sealed class ChangeFeedCacheTests
{
    private static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxStale = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan RefreshUnchangedAfter = TimeSpan.FromSeconds(60);

    private readonly FakeTimeProvider _clock = new();
    private readonly Dictionary<string, int> _fetches = [];
    private readonly Dictionary<string, string> _stored = [];

    private RefreshingCache<string?> NewCache() => new(key =>
    {
        _fetches[key] = _fetches.GetValueOrDefault(key) + 1;
        return Task.FromResult(_stored.GetValueOrDefault(key));
    }, RefreshAfter, MaxStale, RefreshUnchangedAfter, capacity: 100, _clock);

    /// <summary>One poll a second that reports nothing about the entry.</summary>
    private void PollEachSecond(RefreshingCache<string?> cache, int seconds, string? use = null)
    {
        for (var i = 0; i < seconds; i++)
        {
            _clock.Advance(RefreshAfter);
            cache.Covered(_clock.GetTimestamp());
            if (use is not null) _ = cache.GetAsync(use);
        }
    }

    [Fact]
    public async Task AnEntryThePollsCoverIsNotFetchedAgainPastMaxStale()
    {
        _stored["k"] = "v1";
        var cache = NewCache();
        cache.Covered(_clock.GetTimestamp());
        Assert.Equal("v1", await cache.GetAsync("k"));

        PollEachSecond(cache, 30, use: "k");

        Assert.Equal("v1", await cache.GetAsync("k"));
        Assert.Equal(1, _fetches["k"]);
        Assert.Equal(1, cache.Fetches);
    }

    [Fact]
    public async Task ANoticeMakesTheNextUseFetchTheNewAnswer()
    {
        _stored["k"] = "v1";
        var cache = NewCache();
        cache.Covered(_clock.GetTimestamp());
        await cache.GetAsync("k");
        PollEachSecond(cache, 10);

        _stored["k"] = "revoked";
        cache.Invalidate("k");
        cache.Covered(_clock.GetTimestamp());

        Assert.Equal("revoked", await cache.GetAsync("k"));
        Assert.Equal(2, _fetches["k"]);
    }

    [Fact]
    public async Task AResetRefreshesEveryEntryHeldAndThePollsVouchForTheRefreshedOnes()
    {
        foreach (var k in new[] { "a", "b", "c" }) _stored[k] = k + "1";
        var cache = NewCache();
        cache.Covered(_clock.GetTimestamp());
        foreach (var k in _stored.Keys) await cache.GetAsync(k);
        PollEachSecond(cache, 2);

        foreach (var k in _stored.Keys) _stored[k] = k + "2";
        _clock.Advance(TimeSpan.FromMilliseconds(10));
        cache.Reset();
        cache.Covered(_clock.GetTimestamp());

        // Within MaxStale of the last poll before the reset: served while refreshed in the background.
        foreach (var k in _stored.Keys) Assert.Equal(k + "1", await cache.GetAsync(k));
        foreach (var k in _stored.Keys) Assert.Equal(k + "2", await cache.GetAsync(k));
        Assert.All(_stored.Keys, k => Assert.Equal(2, _fetches[k]));

        PollEachSecond(cache, 30, use: "a");
        Assert.Equal(2, _fetches["a"]);
    }

    [Fact]
    public async Task AfterAResetAnEntryServesOnlyUntilMaxStalePastTheLastPollBeforeIt()
    {
        _stored["k"] = "v1";
        var cache = NewCache();
        cache.Covered(_clock.GetTimestamp());
        await cache.GetAsync("k");
        PollEachSecond(cache, 10);

        _stored["k"] = "v2";                        // its notice was lost with the feed's old activation
        cache.Reset();
        PollEachSecond(cache, 4);                   // the new epoch's polls do not vouch for it

        Assert.Equal("v2", await cache.GetAsync("k"));
        Assert.Equal(2, _fetches["k"]);
    }

    [Fact]
    public async Task WhenPollsFailEntriesRefreshPerEntryAndAreFetchedBeforeUsePastMaxStale()
    {
        _stored["k"] = "v1";
        var cache = NewCache();
        cache.Covered(_clock.GetTimestamp());
        await cache.GetAsync("k");
        PollEachSecond(cache, 10);

        // The feed stops answering: the last coverage ages.
        _stored["k"] = "v2";
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal("v1", await cache.GetAsync("k"));
        Assert.Equal(1, _fetches["k"]);

        // Past twice RefreshAfter without a poll: refreshed in the background, as before the feed.
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("v1", await cache.GetAsync("k"));
        Assert.Equal("v2", await cache.GetAsync("k"));
        Assert.Equal(2, _fetches["k"]);
    }

    [Fact]
    public async Task WithNoPollAtAllAnEntryIsFetchedBeforeUseOnceOlderThanMaxStale()
    {
        _stored["k"] = "v1";
        var cache = NewCache();
        await cache.GetAsync("k");
        _stored["k"] = "v2";
        _clock.Advance(MaxStale);

        Assert.Equal("v2", await cache.GetAsync("k"));
        Assert.Equal(2, _fetches["k"]);
    }

    [Fact]
    public async Task ANoticeThatArrivesWhileTheEntryIsBeingFetchedIsNotLostToTheFetchedAnswer()
    {
        var answers = new Queue<TaskCompletionSource<string?>>();
        var fetches = 0;
        var cache = new RefreshingCache<string?>(_ =>
        {
            fetches++;
            var answer = new TaskCompletionSource<string?>();
            answers.Enqueue(answer);
            return answer.Task;
        }, RefreshAfter, MaxStale, RefreshUnchangedAfter, 100, _clock);
        cache.Covered(_clock.GetTimestamp());

        var inFlight = cache.GetAsync("k").AsTask();
        cache.Invalidate("k");                      // the key was revoked while its old record was on its way
        answers.Dequeue().SetResult("valid");
        Assert.Equal("valid", await inFlight);      // the call that was already waiting gets it

        var next = cache.GetAsync("k").AsTask();    // but it was not kept: the next use fetches again
        Assert.Equal(2, fetches);
        answers.Dequeue().SetResult("revoked");
        Assert.Equal("revoked", await next);
        Assert.Equal("revoked", await cache.GetAsync("k"));
        Assert.Equal(2, fetches);
    }

    [Fact]
    public async Task CallersThatMissTogetherShareOneFetch()
    {
        var answer = new TaskCompletionSource<string?>();
        var fetches = 0;
        var cache = new RefreshingCache<string?>(_ => { fetches++; return answer.Task; }, RefreshAfter, MaxStale, RefreshUnchangedAfter, 100, _clock);

        var calls = Enumerable.Range(0, 10).Select(_ => cache.GetAsync("k").AsTask()).ToArray();
        answer.SetResult("v");

        Assert.All(await Task.WhenAll(calls), v => Assert.Equal("v", v));
        Assert.Equal(1, fetches);
    }

    [Fact]
    public async Task AnUnchangedEntryIsStillRefreshedInTheBackgroundAfterRefreshUnchangedAfter()
    {
        _stored["k"] = "v1";
        var cache = NewCache();
        cache.Covered(_clock.GetTimestamp());
        await cache.GetAsync("k");

        PollEachSecond(cache, 59, use: "k");
        Assert.Equal(1, _fetches["k"]);
        _stored["k"] = "v2";                        // a change whose notice was lost
        PollEachSecond(cache, 1, use: "k");

        Assert.Equal(2, _fetches["k"]);
        Assert.Equal("v2", await cache.GetAsync("k"));
    }
}
