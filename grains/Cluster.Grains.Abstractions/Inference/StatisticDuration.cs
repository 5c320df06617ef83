namespace Cluster.Grains.Inference;

/// <summary>A cumulative count and total duration, as in Triton's statistics.</summary>
[GenerateSerializer, Immutable, Alias("cluster.StatisticDuration")]
public readonly record struct StatisticDuration([property: Id(0)] long Count, [property: Id(1)] long Ns)
{
    public StatisticDuration Add(long ns) => new(Count + 1, Ns + ns);

    public static StatisticDuration operator +(StatisticDuration a, StatisticDuration b) => new(a.Count + b.Count, a.Ns + b.Ns);
}
