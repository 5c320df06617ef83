namespace Cluster.Gateway.Serving;

/// <summary>
/// What a RESOURCE_EXHAUSTED from a tenant's limits adds to the error: which limit (<c>rate</c>,
/// <c>concurrency</c>, <c>daily</c>, <c>monthly</c>), whose, when to retry, and when a volume quota resets.
/// </summary>
public sealed record class QuotaRefusal(string Limit, string Subject, TimeSpan? RetryAfter, DateTimeOffset? ResetsAt);
