using Azure.Storage.Blobs;

namespace Cluster.IntegrationTests.Infrastructure;

/// <summary>
/// The same cluster as <see cref="ClusterFixture"/> with its repository read from Azure Blob: the
/// test repository is uploaded into a container of a real Azurite blob service, and the silo
/// (<c>ModelRepository:Source=AzureBlob</c>) mirrors it into a cache folder of its own.
/// </summary>
public sealed class BlobClusterFixture : ClusterFixture
{
    public const string ContainerName = "models";

    private AzuriteBlob? _blob;

    public string CacheFolder => Path.Combine(Root, "model-cache");

    /// <summary>The container the silo reads its repository from.</summary>
    public BlobContainerClient Container { get; private set; } = null!;

    protected override async Task PrepareRepositoryAsync()
    {
        _blob = await AzuriteBlob.StartAsync(Path.Combine(Root, "azurite-blob"));
        Container = new BlobContainerClient(_blob.ConnectionString, ContainerName);
        await Container.CreateIfNotExistsAsync();
        foreach (var file in Directory.EnumerateFiles(Repository, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(Repository, file).Replace(Path.DirectorySeparatorChar, '/');
            await Container.GetBlobClient(name).UploadAsync(file, overwrite: true);
        }
    }

    protected override IReadOnlyDictionary<string, string?> RepositorySettings() => new Dictionary<string, string?>
    {
        ["ModelRepository:Source"] = "AzureBlob",
        ["ModelRepository:Blob:ConnectionString"] = _blob!.ConnectionString,
        ["ModelRepository:Blob:Container"] = ContainerName,
        ["ModelRepository:Blob:CacheFolder"] = CacheFolder,
    };

    protected override async ValueTask DisposeRepositoryAsync()
    {
        if (_blob is not null) await _blob.DisposeAsync();
    }
}
