namespace Cluster.Grains.Repository;

/// <summary>Everything the repository holds at one load, in model-name order.</summary>
[GenerateSerializer, Immutable, Alias("cluster.RepositorySnapshot")]
public sealed record class RepositorySnapshot(
    [property: Id(0)] ModelEntry[] Models,
    [property: Id(1)] DateTimeOffset LoadedAt,
    [property: Id(2)] long Generation)
{
    public static RepositorySnapshot Empty { get; } = new([], DateTimeOffset.MinValue, 0);

    public ModelEntry? Find(string name) =>
        Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));
}
