namespace Cluster.Gateway.Retries;

/// <summary>
/// Retries of an inference whose shard was lost (configuration section <c>Gateway:Retry</c>;
/// docs/resilience.md, "Retries"). Which failures are retried is fixed by
/// <see cref="ShardRetryRule"/>; these settings bound how often and how fast.
/// </summary>
public sealed class ShardRetryOptions
{
    public const string SectionName = "Gateway:Retry";

    /// <summary>Set false to fail every call that meets a lost shard (the behaviour before retries).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Most attempts of one call, the first included; the call's deadline bounds them too.</summary>
    public int MaxAttempts { get; set; } = 40;

    /// <summary>Pause before the first retry; each later one doubles it (with jitter) up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(20);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Retries earned per call this gateway takes: in a cluster that fails every call, attempts stay within (1 + ratio) times the calls.</summary>
    public double BudgetRatio { get; set; } = 0.5;

    /// <summary>Retries earned per second regardless of traffic, so a quiet gateway can still retry.</summary>
    public double BudgetMinPerSecond { get; set; } = 10;

    /// <summary>Most retries saved up: what a fail-over burst (every call in flight on a lost silo, once or twice) may spend at once.</summary>
    public double BudgetMax { get; set; } = 10_000;
}
