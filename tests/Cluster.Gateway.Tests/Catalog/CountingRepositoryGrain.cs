using Cluster.Grains.Repository;

namespace Cluster.Gateway.Tests.Catalog;

/// <summary>A repository grain for logic tests: counts the snapshots asked for and fails the first <c>failures</c> of them.</summary>
internal sealed class CountingRepositoryGrain(int failures) : IModelRepositoryGrain
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Task<RepositorySnapshot> GetSnapshot()
    {
        var call = Interlocked.Increment(ref _calls);
        return call <= failures
            ? Task.FromException<RepositorySnapshot>(new TimeoutException("the silo did not answer."))
            : Task.FromResult(new RepositorySnapshot([], DateTimeOffset.UnixEpoch, call));
    }

    public Task<RepositorySnapshot> Reload() => GetSnapshot();

    public Task<ModelVersionDescriptor?> GetVersion(string name, long version) => Task.FromResult<ModelVersionDescriptor?>(null);
}
