using Cluster.Gateway.Security;

namespace Cluster.Gateway.Tests.Security;

public sealed class RefreshingCacheTests
{
    [Fact]
    public async Task AFloodOfUnknownKeysDoesNotPushValidKeysOut()
    {
        var clock = new SteppingClock();
        var fetches = new Dictionary<string, int>();
        var cache = new RefreshingCache<string?>(key =>
        {
            fetches[key] = fetches.GetValueOrDefault(key) + 1;
            return Task.FromResult(key.StartsWith("valid", StringComparison.Ordinal) ? "record-" + key : null);
        }, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(60), capacity: 100, clock);
        for (var i = 0; i < 20; i++) await cache.GetAsync($"valid-{i}");

        for (var i = 0; i < 1000; i++) await cache.GetAsync($"unknown-{i}");
        for (var i = 0; i < 20; i++) Assert.Equal($"record-valid-{i}", await cache.GetAsync($"valid-{i}"));

        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(1, fetches[$"valid-{i}"]));
    }

    [Fact]
    public async Task AnUnknownKeyAskedAgainIsServedFromTheCacheUntilItIsStale()
    {
        var clock = new SteppingClock();
        var fetches = 0;
        var cache = new RefreshingCache<string?>(_ => { fetches++; return Task.FromResult<string?>(null); },
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(60), capacity: 100, clock);

        await cache.GetAsync("unknown");
        await cache.GetAsync("unknown");
        clock.Advance(TimeSpan.FromSeconds(5));
        await cache.GetAsync("unknown");

        Assert.Equal(2, fetches);
    }
}
