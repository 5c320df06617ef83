namespace Cluster.PerfAnalyzer.Load;

/// <summary>
/// Every call a load generator completed in one run, warm-up and the calls that ended after the
/// measured window included: what the cluster served and should have metered and audited (the
/// measured figures count only the window). <see cref="Failed"/> is by status name;
/// <see cref="FailureDetails"/> counts the failures by status and detail text (the gateway's
/// message or the client transport's exception chain), the first <see cref="FailureDetailLog.MaxDistinct"/>
/// distinct ones. <see cref="UnansweredRetries"/>: calls sent again because no gateway answered
/// them (over several gateways only; each is still one call here).
/// </summary>
public sealed record CallCounts(long Succeeded, IReadOnlyDictionary<string, long> Failed)
{
    public long Total => Succeeded + Failed.Values.Sum();

    public IReadOnlyDictionary<string, long>? FailureDetails { get; init; }

    public long UnansweredRetries { get; init; }
}
