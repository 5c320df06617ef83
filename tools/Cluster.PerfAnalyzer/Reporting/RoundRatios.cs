namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>
/// An alternating comparison round by round: in each round the primary endpoint's slice against
/// the comparison's slice next to it. <see cref="Throughput"/> is rows/s over rows/s;
/// <see cref="ServerCpuPerCall"/> (with <c>--cpu-pid</c>) is the CPU the named serving processes
/// spent per successful request in the primary's slice over that in the comparison's — the better
/// signal where both endpoints are served by the same processes on a shared machine.
/// </summary>
public sealed record RoundRatios(IReadOnlyList<double> Throughput, IReadOnlyList<double>? ServerCpuPerCall)
{
    /// <summary>How <see cref="Throughput"/> spreads; null without a round with successes on both sides.</summary>
    public RatioSpread? ThroughputSpread => Throughput.Count == 0 ? null : RatioSpread.Of(Throughput);

    /// <summary>How <see cref="ServerCpuPerCall"/> spreads; null without CPU targets.</summary>
    public RatioSpread? ServerCpuPerCallSpread => ServerCpuPerCall is not { Count: > 0 } cpu ? null : RatioSpread.Of(cpu);

    /// <summary>
    /// The ratios of slices taken in turns: <paramref name="primary"/>[i] against
    /// <paramref name="compare"/>[i]. A round where either side had no success is left out.
    /// </summary>
    public static RoundRatios From(IReadOnlyList<SliceMeasure> primary, IReadOnlyList<SliceMeasure> compare)
    {
        var rounds = Enumerable.Range(0, Math.Min(primary.Count, compare.Count))
            .Where(i => primary[i].Requests > 0 && compare[i].Requests > 0)
            .Select(i => (A: primary[i], B: compare[i]))
            .ToList();
        var throughput = rounds.Select(r => r.A.InferencesPerSecond / r.B.InferencesPerSecond).ToList();
        var cpu = rounds.All(r => r.A.ServerCpuSeconds is not null && r.B.ServerCpuSeconds is > 0)
            ? rounds.Select(r => r.A.ServerCpuSeconds!.Value / r.A.Requests / (r.B.ServerCpuSeconds!.Value / r.B.Requests)).ToList()
            : null;
        return new RoundRatios(throughput, rounds.Count == 0 ? null : cpu);
    }
}
