namespace Cluster.PerfAnalyzer.Load;

/// <summary>The in-process batch sweep: one result per batch size (its rows per request), the sizes the model could not take, and the best.</summary>
public sealed record BatchSweepResult(int Callers, IReadOnlyList<LoadResult> Sizes, IReadOnlyList<int> SkippedSizes)
{
    /// <summary>The size with the most rows/s; null when no size had a successful run.</summary>
    public LoadResult? Best => SelectBest(Sizes);

    /// <summary>Rows per Run of <see cref="Best"/>.</summary>
    public int? BestBatchSize => Best?.RowsPerRequest;

    /// <summary>Rows/s of <see cref="Best"/>: the reference "in-process at its best batch size".</summary>
    public double? BestInferencesPerSecond => Best?.InferencesPerSecond;

    /// <summary>The result with the highest inferences/s among those with a success; the smaller batch wins a tie.</summary>
    public static LoadResult? SelectBest(IEnumerable<LoadResult> sizes) =>
        sizes.Where(s => s.Requests > 0)
            .OrderByDescending(s => s.InferencesPerSecond)
            .ThenBy(s => s.RowsPerRequest)
            .FirstOrDefault();
}
