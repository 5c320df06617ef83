namespace Cluster.Grains.Repository;

/// <summary>
/// The model repository's index (key <see cref="DefaultKey"/>). It scans the repository folder,
/// validates each config against its ONNX model, and hands out the result.
/// </summary>
[Alias("cluster.IModelRepositoryGrain")]
public interface IModelRepositoryGrain : IGrainWithStringKey
{
    const string DefaultKey = "default";

    /// <summary>The current index; loads the repository on first use.</summary>
    [Alias("GetSnapshot")]
    Task<RepositorySnapshot> GetSnapshot();

    /// <summary>Rescans the repository folder and returns the new index.</summary>
    [Alias("Reload")]
    Task<RepositorySnapshot> Reload();

    /// <summary>One model version's descriptor, or null when the repository has no such version.</summary>
    [Alias("GetVersion")]
    Task<ModelVersionDescriptor?> GetVersion(string name, long version);
}
