namespace Cluster.Grains.Repository;

/// <summary>
/// A model folder of the repository: the versions its version policy selects, or the reason the
/// whole model could not load (a broken config.json, say).
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.ModelEntry")]
public sealed record class ModelEntry(
    [property: Id(0)] string Name,
    [property: Id(1)] ModelVersionDescriptor[] Versions,
    [property: Id(2)] string Reason)
{
    /// <summary>The newest ready version, which serves requests that name no version.</summary>
    public ModelVersionDescriptor? LatestReady =>
        Versions.Where(v => v.IsReady).MaxBy(v => v.Version);

    public ModelVersionDescriptor? Find(long version) =>
        Versions.FirstOrDefault(v => v.Version == version);
}
