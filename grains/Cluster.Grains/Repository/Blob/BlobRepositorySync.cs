using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Repository.Blob;

/// <summary>
/// The AzureBlob source: mirrors the container into the silo's cache folder before each scan.
/// New or changed blobs (by ETag and Content-MD5, <see cref="BlobCacheManifest"/>) are downloaded
/// to a temporary file and renamed into place, so the scanner never reads half a file; cached
/// blobs gone from the container are deleted; names that could leave the cache are refused
/// (<see cref="BlobNames"/>). When the container cannot be read the last copy is scanned.
/// </summary>
public sealed partial class BlobRepositorySync(IOptions<ModelRepositoryOptions> options, ILogger<BlobRepositorySync> logger) : IModelRepositorySource
{
    private const string DownloadFolder = ".download";

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var cache = Path.GetFullPath(options.Value.LocalRoot);
        var container = options.Value.Blob.Container;
        try
        {
            var result = await SyncAsync(new BlobContainerClient(options.Value.Blob.ConnectionString, container), cache, cancellationToken);
            LogSynced(logger, container, cache, result.Downloaded, result.Deleted, result.Refused, result.Unchanged);
        }
        catch (Exception ex) when (ex is RequestFailedException or IOException or UnauthorizedAccessException or AggregateException)
        {
            LogSyncFailed(logger, container, ex.GetType().Name, ex.Message);
        }
    }

    /// <summary>Mirrors <paramref name="container"/> into <paramref name="cache"/>.</summary>
    public async Task<BlobSyncResult> SyncAsync(BlobContainerClient container, string cache, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(cache);
        var downloads = Path.Combine(cache, DownloadFolder);
        Directory.CreateDirectory(downloads);
        var manifest = BlobCacheManifest.Load(cache);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        int downloaded = 0, refused = 0, unchanged = 0;
        try
        {
            await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, cancellationToken))
            {
                if (!BlobNames.TryRelativePath(item.Name, out var relative, out var reason))
                {
                    LogRefusedName(logger, item.Name, reason);
                    refused++;
                    continue;
                }
                var path = BlobNames.FullPath(cache, relative);
                var entry = new BlobCacheEntry(
                    item.Properties.ETag?.ToString() ?? "",
                    item.Properties.ContentHash is { Length: > 0 } md5 ? Convert.ToBase64String(md5) : "",
                    item.Properties.ContentLength ?? -1);
                listed.Add(item.Name);
                if (manifest.IsCurrent(item.Name, entry, path))
                {
                    unchanged++;
                    continue;
                }
                if (await DownloadAsync(container.GetBlobClient(item.Name), path, downloads, cancellationToken) is { } length)
                {
                    manifest.Set(item.Name, entry with { Length = length });
                    downloaded++;
                }
                else
                {
                    refused++;
                }
            }
            var gone = manifest.RemoveAllExcept(listed);
            foreach (var name in gone)
            {
                if (BlobNames.TryRelativePath(name, out var relative, out _)) DeleteCached(cache, BlobNames.FullPath(cache, relative));
            }
            return new BlobSyncResult(downloaded, gone.Count, refused, unchanged);
        }
        finally
        {
            manifest.Save(cache);
        }
    }

    /// <summary>Downloads to a temporary file and renames it into place; the length written, or null when the path is taken by a folder.</summary>
    private async Task<long?> DownloadAsync(BlobClient blob, string path, string downloads, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            LogRefusedName(logger, blob.Name, "a folder of the same name is already in the cache.");
            return null;
        }
        var temp = Path.Combine(downloads, $"{Guid.NewGuid():N}.tmp");
        try
        {
            await blob.DownloadToAsync(temp, cancellationToken);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var length = new FileInfo(temp).Length;
            File.Move(temp, path, overwrite: true);
            LogDownloaded(logger, blob.Name, length);
            return length;
        }
        catch (IOException ex)
        {
            LogRefusedName(logger, blob.Name, ex.Message);
            return null;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Deletes a cached file and the folders it leaves empty, up to the cache folder.</summary>
    private static void DeleteCached(string cache, string path)
    {
        if (File.Exists(path)) File.Delete(path);
        var root = Path.TrimEndingDirectorySeparator(cache);
        for (var dir = Path.GetDirectoryName(path); dir is not null && dir.Length > root.Length && Directory.Exists(dir); dir = Path.GetDirectoryName(dir))
        {
            if (Directory.EnumerateFileSystemEntries(dir).Any()) break;
            Directory.Delete(dir);
        }
    }
}
