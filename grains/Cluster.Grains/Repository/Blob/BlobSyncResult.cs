namespace Cluster.Grains.Repository.Blob;

/// <summary>What one mirroring of the container did: blobs downloaded, cached files deleted, names refused, blobs already current.</summary>
public sealed record class BlobSyncResult(int Downloaded, int Deleted, int Refused, int Unchanged);
