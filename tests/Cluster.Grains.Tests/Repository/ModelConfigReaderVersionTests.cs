using Cluster.Grains.Repository;

namespace Cluster.Grains.Tests.Repository;

public sealed class ModelConfigReaderVersionTests
{
    private static readonly long[] OnDisk = [2, 1, 3];

    private static long[] Select(VersionPolicyConfig? policy, params long[] available) =>
        ModelConfigReader.SelectVersions(new ModelConfigFile { VersionPolicy = policy }, available.Length == 0 ? OnDisk : available);

    [Fact]
    public void NoPolicySelectsTheNewestVersion() => Assert.Equal([3L], Select(null));

    [Fact]
    public void LatestSelectsTheNewestNVersionsNewestFirst() =>
        Assert.Equal([3L, 2L], Select(new() { Latest = new() { NumVersions = 2 } }));

    [Fact]
    public void LatestSelectsEveryVersionWhenNExceedsThem() =>
        Assert.Equal([3L, 2L, 1L], Select(new() { Latest = new() { NumVersions = 10 } }));

    [Fact]
    public void AllSelectsEveryVersionNewestFirst() => Assert.Equal([3L, 2L, 1L], Select(new() { All = [] }));

    [Fact]
    public void SpecificSelectsOnlyTheListedVersionsOnDisk() =>
        Assert.Equal([3L, 1L], Select(new() { Specific = new() { Versions = [1, 3, 7] } }));

    [Fact]
    public void NothingOnDiskSelectsNothing() => Assert.Empty(ModelConfigReader.SelectVersions(new ModelConfigFile(), []));
}
