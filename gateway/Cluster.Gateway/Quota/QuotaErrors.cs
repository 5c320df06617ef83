using Cluster.Gateway.Grpc;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Cluster.Gateway.Quota;

/// <summary>RESOURCE_EXHAUSTED answers: RetryInfo for rate and concurrency, QuotaFailure naming the limit (and its reset for volume).</summary>
public static class QuotaErrors
{
    public const string RateLimited = "RATE_LIMITED";
    public const string ConcurrencyLimited = "CONCURRENCY_LIMITED";
    public const string DailyQuotaExhausted = "DAILY_QUOTA_EXHAUSTED";
    public const string MonthlyQuotaExhausted = "MONTHLY_QUOTA_EXHAUSTED";

    public static RpcException Rate(string tenant, double rate, TimeSpan retryAfter) => Build(RateLimited, tenant, "rate",
        $"tenant '{tenant}' is over its rate limit of {rate:0.###} requests per second; retry after {retryAfter.TotalMilliseconds:0} ms.", retryAfter);

    public static RpcException Concurrency(string tenant, int limit) => Build(ConcurrencyLimited, tenant, "concurrency",
        $"tenant '{tenant}' already has {limit} requests in flight, its concurrency limit; retry when one completes.", TimeSpan.FromMilliseconds(50));

    public static RpcException Volume(string reason, string tenant, string window, long limit, DateTimeOffset resetsAt) => Build(reason, tenant, window,
        $"tenant '{tenant}' has used its {window} quota of {limit} inference units; it resets at {resetsAt:O}.", null, resetsAt);

    private static RpcException Build(string reason, string tenant, string limit, string message, TimeSpan? retryAfter, DateTimeOffset? resetsAt = null)
    {
        var status = new Google.Rpc.Status { Code = (int)StatusCode.ResourceExhausted, Message = message };
        var info = new ErrorInfo { Reason = reason, Domain = ErrorReasons.Domain };
        info.Metadata["limit"] = limit;
        if (resetsAt is { } r) info.Metadata["resets_at"] = r.ToString("O");
        status.Details.Add(Any.Pack(info));
        status.Details.Add(Any.Pack(new QuotaFailure
        {
            Violations = { new QuotaFailure.Types.Violation { Subject = $"tenant:{tenant}", Description = message } },
        }));
        if (retryAfter is { } delay) status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(delay) }));
        return status.ToRpcException();
    }
}
