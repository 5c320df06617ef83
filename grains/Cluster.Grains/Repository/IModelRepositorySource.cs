namespace Cluster.Grains.Repository;

/// <summary>
/// Brings the repository into the local folder the scanner reads
/// (<see cref="ModelRepositoryOptions.LocalRoot"/>) before each scan.
/// </summary>
public interface IModelRepositorySource
{
    /// <summary>Makes the local folder current. A source that cannot reach its store logs it and leaves the last copy in place.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);
}
