namespace Cluster.Gateway.Security;

/// <summary>Builds a <see cref="RefreshingCache{TValue}"/> with the <c>Auth</c> freshness settings.</summary>
internal static class RefreshingCaches
{
    public static RefreshingCache<TValue> Create<TValue>(Func<string, Task<TValue>> fetch, AuthOptions o, TimeProvider time) =>
        new(fetch, o.RefreshAfter, o.MaxStale, o.RefreshUnchangedAfter, o.CacheCapacity, time);
}
