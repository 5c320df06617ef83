namespace Cluster.Grains.Repository;

/// <summary>The Azure Blob source of the model repository (configuration section <c>ModelRepository:Blob</c>).</summary>
public sealed class BlobRepositoryOptions
{
    public const string SectionName = "Blob";

    /// <summary>The cache folder used when <see cref="CacheFolder"/> is empty: <c>&lt;temp&gt;/cluster-model-cache/&lt;container&gt;</c>.</summary>
    public static string DefaultCacheFolder(string container) => Path.Combine(Path.GetTempPath(), "cluster-model-cache", container);

    /// <summary>
    /// Azure Storage connection string of the account holding the container. When empty,
    /// <c>Storage:ConnectionString</c> (the cluster's table storage) is used.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The container holding the repository in Triton's layout: <c>&lt;model&gt;/config.json</c>,
    /// <c>&lt;model&gt;/&lt;version&gt;/model.onnx</c>. Required for the AzureBlob source.
    /// </summary>
    public string Container { get; set; } = "";

    /// <summary>
    /// The folder on the silo the container is mirrored into; the scanner and the shards read it.
    /// Default <see cref="DefaultCacheFolder"/>. Silos sharing a machine should each have their own.
    /// </summary>
    public string CacheFolder { get; set; } = "";
}
