using Cluster.Grains.Repository.Blob;
using Cluster.Grains.Tests.Fixtures;

namespace Cluster.Grains.Tests.Repository.Blob;

public sealed class BlobCacheManifestTests : IDisposable
{
    private const string Name = "m/1/model.onnx";
    private static readonly BlobCacheEntry Entry = new("\"0x8DC1\"", "q83vEjRWeJq83vEjRWeJqw==", 4);

    private readonly TempRepository _cache = new();

    private string CachedFile => Path.Combine(_cache.Root, "m", "1", "model.onnx");

    [Fact]
    public void AMissingManifestIsEmptySoEverythingIsDownloaded()
    {
        var manifest = BlobCacheManifest.Load(_cache.Root);

        Assert.Empty(manifest.Entries);
        Assert.False(manifest.IsCurrent(Name, Entry, CachedFile));
    }

    [Fact]
    public void AnUnreadableManifestIsEmpty()
    {
        File.WriteAllText(Path.Combine(_cache.Root, BlobCacheManifest.FileName), "{ not json");

        Assert.Empty(BlobCacheManifest.Load(_cache.Root).Entries);
    }

    [Fact]
    public void ASavedManifestLoadsWithTheSameEntriesAndLeavesNoTemporaryFile()
    {
        var manifest = BlobCacheManifest.Empty();
        manifest.Set(Name, Entry);
        manifest.Save(_cache.Root);

        Assert.Equal(Entry, BlobCacheManifest.Load(_cache.Root).Entries[Name]);
        Assert.Equal([BlobCacheManifest.FileName], Directory.GetFiles(_cache.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void ABlobIsCurrentOnlyWhenItsETagMd5AndCachedFileAllMatch()
    {
        WriteCachedFile(4);
        var manifest = BlobCacheManifest.Empty();
        manifest.Set(Name, Entry);

        Assert.True(manifest.IsCurrent(Name, Entry, CachedFile));
        Assert.False(manifest.IsCurrent(Name, Entry with { ETag = "\"0x8DC2\"" }, CachedFile));
        Assert.False(manifest.IsCurrent(Name, Entry with { ContentMd5 = "" }, CachedFile));
        Assert.False(manifest.IsCurrent("m/2/model.onnx", Entry, CachedFile));
        WriteCachedFile(5);
        Assert.False(manifest.IsCurrent(Name, Entry with { Length = 4 }, CachedFile));
        File.Delete(CachedFile);
        Assert.False(manifest.IsCurrent(Name, Entry, CachedFile));
    }

    [Fact]
    public void BlobsGoneFromTheContainerAreForgottenAndReturnedForDeletion()
    {
        var manifest = BlobCacheManifest.Empty();
        manifest.Set(Name, Entry);
        manifest.Set("m/config.json", Entry);
        manifest.Set("old/config.json", Entry);

        var gone = manifest.RemoveAllExcept(new HashSet<string>(["m/config.json", Name]));

        Assert.Equal(["old/config.json"], gone);
        Assert.Equal(["m/1/model.onnx", "m/config.json"], manifest.Entries.Keys.Order(StringComparer.Ordinal));
    }

    private void WriteCachedFile(int length)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CachedFile)!);
        File.WriteAllBytes(CachedFile, new byte[length]);
    }

    public void Dispose() => _cache.Dispose();
}
