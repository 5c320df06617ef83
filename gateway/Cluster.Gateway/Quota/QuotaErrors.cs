using Cluster.Gateway.Serving;

namespace Cluster.Gateway.Quota;

/// <summary>RESOURCE_EXHAUSTED refusals by a tenant's limits: the limit, its subject, a retry delay for rate and concurrency, the reset for volume.</summary>
public static class QuotaErrors
{
    public const string RateLimited = "RATE_LIMITED";
    public const string ConcurrencyLimited = "CONCURRENCY_LIMITED";
    public const string DailyQuotaExhausted = "DAILY_QUOTA_EXHAUSTED";
    public const string MonthlyQuotaExhausted = "MONTHLY_QUOTA_EXHAUSTED";

    public static ServingException Rate(string tenant, double rate, TimeSpan retryAfter) => Build(RateLimited,
        $"tenant '{tenant}' is over its rate limit of {rate:0.###} requests per second; retry after {retryAfter.TotalMilliseconds:0} ms.",
        new QuotaRefusal("rate", Subject(tenant), retryAfter, null));

    public static ServingException Concurrency(string tenant, int limit) => Build(ConcurrencyLimited,
        $"tenant '{tenant}' already has {limit} requests in flight, its concurrency limit; retry when one completes.",
        new QuotaRefusal("concurrency", Subject(tenant), TimeSpan.FromMilliseconds(50), null));

    public static ServingException Volume(string reason, string tenant, string window, long limit, DateTimeOffset resetsAt) => Build(reason,
        $"tenant '{tenant}' has used its {window} quota of {limit} inference units; it resets at {resetsAt:O}.",
        new QuotaRefusal(window, Subject(tenant), null, resetsAt));

    /// <summary>
    /// UNAVAILABLE <c>QUOTA_UNAVAILABLE</c>: the gateway's stock of the tenant's quota ran out and no
    /// lease came within <paramref name="wait"/> (or the lease failed). The call did not run; retry.
    /// </summary>
    public static ServingException Unreachable(string tenant, TimeSpan wait) => new(ServingCode.Unavailable, ErrorReasons.QuotaUnavailable,
        $"tenant '{tenant}' has limits and this gateway's share of its quota ran out; no more could be leased within {wait.TotalSeconds:0.###} s " +
        "(the tenant's quota is unreachable: storage or silos down). The call did not run; retry.");

    private static string Subject(string tenant) => $"tenant:{tenant}";

    private static ServingException Build(string reason, string message, QuotaRefusal refusal) =>
        new(ServingCode.ResourceExhausted, reason, message, refusal);
}
