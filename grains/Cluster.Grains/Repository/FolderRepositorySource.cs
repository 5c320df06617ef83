namespace Cluster.Grains.Repository;

/// <summary>The Folder source: the repository already is the local folder; nothing to do.</summary>
public sealed class FolderRepositorySource : IModelRepositorySource
{
    public Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
