using Azure.Storage.Blobs;
using Cluster.Grains.Repository;
using Cluster.Grains.Repository.Blob;
using Cluster.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cluster.IntegrationTests.BlobRepository;

/// <summary>The container mirrored into a cache folder against a real Azurite blob service.</summary>
public sealed class BlobRepositorySyncTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cluster-blob-sync-" + Guid.NewGuid().ToString("N")[..8]);
    private AzuriteBlob _azurite = null!;
    private BlobContainerClient _container = null!;

    private string Cache => Path.Combine(_root, "cache");

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteBlob.StartAsync(Path.Combine(_root, "azurite"));
        _container = new BlobContainerClient(_azurite.ConnectionString, "models");
        await _container.CreateAsync();
    }

    private Task<BlobSyncResult> SyncAsync() =>
        new BlobRepositorySync(Options.Create(new ModelRepositoryOptions()), NullLogger<BlobRepositorySync>.Instance)
            .SyncAsync(_container, Cache, CancellationToken.None);

    private Task Upload(string name, string text) => _container.GetBlobClient(name).UploadAsync(BinaryData.FromString(text), overwrite: true);

    [Fact]
    public async Task NewBlobsAreDownloadedUnchangedOnesKeptChangedOnesReplacedAndRemovedOnesDeleted()
    {
        await Upload("m/config.json", "{}");
        await Upload("m/1/model.onnx", "one");
        await Upload("gone/config.json", "{}");
        Assert.Equal(new BlobSyncResult(3, 0, 0, 0), await SyncAsync());
        Assert.Equal("one", File.ReadAllText(Path.Combine(Cache, "m", "1", "model.onnx")));

        Assert.Equal(new BlobSyncResult(0, 0, 0, 3), await SyncAsync());

        await Upload("m/1/model.onnx", "other bytes");
        await _container.DeleteBlobAsync("gone/config.json");
        Assert.Equal(new BlobSyncResult(1, 1, 0, 1), await SyncAsync());
        Assert.Equal("other bytes", File.ReadAllText(Path.Combine(Cache, "m", "1", "model.onnx")));
        Assert.False(Directory.Exists(Path.Combine(Cache, "gone")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Cache, ".download")));
    }

    [Fact]
    public async Task BlobsNamedToHideInOrEscapeTheCacheAreSkipped()
    {
        await Upload("m/config.json", "{}");
        await Upload(BlobCacheManifest.FileName, "{}");
        await Upload("m/.download/x.tmp", "x");
        await Upload("m/1/model onnx", "x");

        var result = await SyncAsync();

        Assert.Equal((1, 3), (result.Downloaded, result.Refused));
        Assert.Equal(["m/config.json"], BlobCacheManifest.Load(Cache).Entries.Keys);
        Assert.False(File.Exists(Path.Combine(Cache, "m", "1", "model onnx")));
    }

    [Fact]
    public async Task FilesInTheCacheFolderThatTheSyncDidNotDownloadAreLeftAlone()
    {
        Directory.CreateDirectory(Cache);
        File.WriteAllText(Path.Combine(Cache, "keep.txt"), "mine");

        await SyncAsync();

        Assert.Equal("mine", File.ReadAllText(Path.Combine(Cache, "keep.txt")));
    }

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
