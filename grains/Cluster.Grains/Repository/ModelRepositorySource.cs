namespace Cluster.Grains.Repository;

/// <summary>Where a silo reads its model repository from (<c>ModelRepository:Source</c>).</summary>
public enum ModelRepositorySource
{
    /// <summary>A local folder, <c>ModelRepository:Root</c> (the default).</summary>
    Folder,

    /// <summary>
    /// An Azure Blob container (<c>ModelRepository:Blob</c>), mirrored into a cache folder on the
    /// silo before each scan; the scanner and the shards then read the cache.
    /// </summary>
    AzureBlob,
}
