using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Policies;

/// <summary>
/// What <c>policy set</c>'s limit options ask for, applied to the limits the policy has now: each
/// given limit replaces that one limit (0 removes it), the others are kept; <c>--no-limits</c>
/// removes them all. <c>--rate</c> and <c>--burst</c> are one limit, the token bucket: <c>--burst</c>
/// needs <c>--rate</c>, and <c>--rate</c> without <c>--burst</c> makes the bucket one second of rate.
/// <c>--weight</c> (the fair-share weight, travelling with the limits) is kept or replaced the same way.
/// </summary>
public sealed record class LimitsChange
{
    /// <summary>The most requests per second <c>--rate</c> takes.</summary>
    public const double MaxRate = 1_000_000;

    /// <summary>The largest weight <c>--weight</c> takes (the server's limit too).</summary>
    public const double MaxWeight = 1000;

    /// <summary>No limit option given: the limits stay as they are.</summary>
    public static LimitsChange Keep { get; } = new();

    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        new OptionSpec("--rate", "PER_S", "requests per second (token bucket refill); 0 removes the rate limit"),
        new OptionSpec("--burst", "N", "bucket size, with --rate; default one second of rate"),
        new OptionSpec("--concurrency", "N", "requests in flight across all gateways; 0 removes the limit"),
        new OptionSpec("--daily-units", "N", "inference units (one per batch row) per UTC day; 0 removes the limit"),
        new OptionSpec("--monthly-units", "N", "inference units per UTC calendar month; 0 removes the limit"),
        new OptionSpec("--weight", "W", "fair-share weight when tenants wait for the same model (default 1); 0 resets it"),
        new OptionSpec("--no-limits", null, "remove every limit and the weight"),
    ];

    public bool RemoveAll { get; init; }

    public double? RatePerSecond { get; init; }

    public int? Burst { get; init; }

    public int? Concurrency { get; init; }

    public long? DailyUnits { get; init; }

    public long? MonthlyUnits { get; init; }

    public double? FairShareWeight { get; init; }

    public static LimitsChange Parse(ParsedArguments args)
    {
        var change = new LimitsChange
        {
            RemoveAll = args.Has("--no-limits"),
            RatePerSecond = args.Value("--rate") is { } rate ? ValueParsers.Number("--rate", rate, MaxRate) : null,
            Burst = args.Value("--burst") is { } burst ? (int)ValueParsers.Integer("--burst", burst, 0, int.MaxValue) : null,
            Concurrency = args.Value("--concurrency") is { } concurrency ? (int)ValueParsers.Integer("--concurrency", concurrency, 0, int.MaxValue) : null,
            DailyUnits = args.Value("--daily-units") is { } daily ? ValueParsers.Integer("--daily-units", daily, 0, long.MaxValue) : null,
            MonthlyUnits = args.Value("--monthly-units") is { } monthly ? ValueParsers.Integer("--monthly-units", monthly, 0, long.MaxValue) : null,
            FairShareWeight = args.Value("--weight") is { } weight ? ValueParsers.Number("--weight", weight, MaxWeight) : null,
        };
        if (change.RemoveAll && change != new LimitsChange { RemoveAll = true })
            throw new UsageException("--no-limits cannot be combined with a limit option");
        if (change.Burst is not null && change.RatePerSecond is null)
            throw new UsageException("--burst needs --rate (the two make one limit)");
        if (change.Burst > 0 && change.RatePerSecond == 0)
            throw new UsageException("--burst needs a positive --rate");
        return change;
    }

    /// <summary>The limits to send: <paramref name="current"/> with this change applied; null when there is no limit left.</summary>
    public Limits? Apply(Limits? current)
    {
        if (RemoveAll) return null;
        var limits = current?.Clone() ?? new Limits();
        if (RatePerSecond is { } rate)
        {
            limits.RatePerSecond = rate;
            limits.Burst = Burst ?? 0;
        }
        if (Concurrency is { } concurrency) limits.Concurrency = concurrency;
        if (DailyUnits is { } daily) limits.DailyUnits = daily;
        if (MonthlyUnits is { } monthly) limits.MonthlyUnits = monthly;
        if (FairShareWeight is { } weight) limits.FairShareWeight = weight;
        return IsNone(limits) ? null : limits;
    }

    /// <summary>Whether <paramref name="limits"/> limits nothing (unset, or every field 0).</summary>
    public static bool IsNone(Limits? limits) => limits is null || limits.Equals(new Limits());
}
