using System.Text.Json;

namespace Cluster.Grains.Repository.Blob;

/// <summary>
/// The cache folder's record of which blob version each cached file holds
/// (<c>.blob-manifest.json</c>, a hidden file the scanner ignores). A blob is downloaded again
/// only when its ETag or Content-MD5 changed or its cached file is missing or of another length;
/// only files listed here are ever deleted, so a mis-set cache folder loses nothing it did not download.
/// </summary>
public sealed class BlobCacheManifest
{
    public const string FileName = ".blob-manifest.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly Dictionary<string, BlobCacheEntry> _entries;

    private BlobCacheManifest(Dictionary<string, BlobCacheEntry> entries) => _entries = entries;

    /// <summary>Blob names with their cached versions.</summary>
    public IReadOnlyDictionary<string, BlobCacheEntry> Entries => _entries;

    public static BlobCacheManifest Empty() => new(new(StringComparer.Ordinal));

    /// <summary>Reads the manifest of <paramref name="cacheFolder"/>; an absent or unreadable one is empty (everything is downloaded again).</summary>
    public static BlobCacheManifest Load(string cacheFolder)
    {
        var path = Path.Combine(cacheFolder, FileName);
        if (!File.Exists(path)) return Empty();
        try
        {
            var entries = JsonSerializer.Deserialize<Dictionary<string, BlobCacheEntry>>(File.ReadAllText(path), Json);
            return entries is null ? Empty() : new(new(entries, StringComparer.Ordinal));
        }
        catch (JsonException)
        {
            return Empty();
        }
    }

    /// <summary>Whether the cached file at <paramref name="fullPath"/> already holds <paramref name="current"/>.</summary>
    public bool IsCurrent(string blobName, BlobCacheEntry current, string fullPath) =>
        _entries.TryGetValue(blobName, out var cached)
        && cached == current
        && File.Exists(fullPath)
        && new FileInfo(fullPath).Length == current.Length;

    public void Set(string blobName, BlobCacheEntry entry) => _entries[blobName] = entry;

    /// <summary>Forgets and returns the cached blobs not in <paramref name="listed"/> (gone from the container).</summary>
    public IReadOnlyList<string> RemoveAllExcept(IReadOnlySet<string> listed)
    {
        var gone = _entries.Keys.Where(k => !listed.Contains(k)).Order(StringComparer.Ordinal).ToArray();
        foreach (var name in gone) _entries.Remove(name);
        return gone;
    }

    /// <summary>Writes the manifest atomically (a temporary file renamed over the old one).</summary>
    public void Save(string cacheFolder)
    {
        var path = Path.Combine(cacheFolder, FileName);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(_entries, Json));
        File.Move(temp, path, overwrite: true);
    }
}
