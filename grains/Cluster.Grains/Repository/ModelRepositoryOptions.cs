namespace Cluster.Grains.Repository;

/// <summary>Where the model repository lives (configuration section <c>ModelRepository</c>).</summary>
public sealed class ModelRepositoryOptions
{
    public const string SectionName = "ModelRepository";

    /// <summary>Where the repository is read from: a local folder (default) or an Azure Blob container.</summary>
    public ModelRepositorySource Source { get; set; } = ModelRepositorySource.Folder;

    /// <summary>
    /// The repository folder, Triton's layout: <c>&lt;root&gt;/&lt;model&gt;/config.json</c> and
    /// <c>&lt;root&gt;/&lt;model&gt;/&lt;version&gt;/model.onnx</c>. Relative paths resolve
    /// against the working directory. Required for the Folder source.
    /// </summary>
    public string Root { get; set; } = "";

    /// <summary>The container and cache of the AzureBlob source.</summary>
    public BlobRepositoryOptions Blob { get; set; } = new();

    /// <summary>
    /// The local folder the scanner reads and the shards load from: <see cref="Root"/>, or for the
    /// AzureBlob source the cache folder the container is mirrored into.
    /// </summary>
    public string LocalRoot => Source == ModelRepositorySource.AzureBlob
        ? (string.IsNullOrWhiteSpace(Blob.CacheFolder) ? BlobRepositoryOptions.DefaultCacheFolder(Blob.Container) : Blob.CacheFolder)
        : Root;
}
