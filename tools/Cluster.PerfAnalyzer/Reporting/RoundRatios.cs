using Cluster.PerfAnalyzer.Load;

namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>
/// An alternating comparison round by round: in each round the primary endpoint's slice against
/// the comparison's slice next to it. <see cref="Throughput"/> is rows/s over rows/s;
/// <see cref="CpuPerCall"/> (with <c>--cpu-pid</c>) is, per named process other than the load
/// generator, the CPU it spent per successful request in the primary's slice over that in the
/// comparison's — the better signal where both endpoints are served by the same processes on a
/// shared machine.
/// </summary>
public sealed record RoundRatios(IReadOnlyList<double> Throughput, IReadOnlyDictionary<string, IReadOnlyList<double>>? CpuPerCall)
{
    /// <summary>How <see cref="Throughput"/> spreads; null without a round with successes on both sides.</summary>
    public RatioSpread? ThroughputSpread => Throughput.Count == 0 ? null : RatioSpread.Of(Throughput);

    /// <summary>How <see cref="CpuPerCall"/> spreads, per process; null without CPU targets.</summary>
    public IReadOnlyDictionary<string, RatioSpread>? CpuPerCallSpread => CpuPerCall?
        .Where(p => p.Value.Count > 0)
        .ToDictionary(p => p.Key, p => RatioSpread.Of(p.Value), StringComparer.Ordinal);

    /// <summary>
    /// The ratios of slices taken in turns: <paramref name="primary"/>[i] against
    /// <paramref name="compare"/>[i]. A round where either side had no success is left out, and a
    /// process's CPU ratio where the comparison's slice shows none of its CPU.
    /// </summary>
    public static RoundRatios From(IReadOnlyList<SliceMeasure> primary, IReadOnlyList<SliceMeasure> compare)
    {
        var rounds = Enumerable.Range(0, Math.Min(primary.Count, compare.Count))
            .Where(i => primary[i].Requests > 0 && compare[i].Requests > 0)
            .Select(i => (A: primary[i], B: compare[i]))
            .ToList();
        var throughput = rounds.Select(r => r.A.InferencesPerSecond / r.B.InferencesPerSecond).ToList();
        var names = rounds.Count > 0 && rounds.All(r => r.A.CpuSeconds is not null && r.B.CpuSeconds is not null)
            ? rounds[0].A.CpuSeconds!.Keys.Where(n => n != LoadResult.LoadGeneratorCpuName).ToList()
            : null;
        var cpu = names?.ToDictionary(
            name => name,
            name => (IReadOnlyList<double>)rounds
                .Where(r => r.A.CpuSeconds!.TryGetValue(name, out var a) && !double.IsNaN(a) && r.B.CpuSeconds!.TryGetValue(name, out var b) && b > 0)
                .Select(r => r.A.CpuSeconds![name] / r.A.Requests / (r.B.CpuSeconds![name] / r.B.Requests))
                .ToList(),
            StringComparer.Ordinal);
        return new RoundRatios(throughput, cpu);
    }
}
