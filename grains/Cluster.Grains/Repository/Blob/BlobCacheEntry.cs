namespace Cluster.Grains.Repository.Blob;

/// <summary>What the cache holds of one blob: the version downloaded (ETag, Content-MD5) and its length.</summary>
public sealed record class BlobCacheEntry(string ETag, string ContentMd5, long Length);
