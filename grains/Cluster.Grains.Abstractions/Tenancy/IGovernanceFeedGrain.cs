namespace Cluster.Grains.Tenancy;

/// <summary>
/// The governance change feed (one activation, key <see cref="DefaultKey"/>): an in-memory ring of
/// recent notices that a key's or a tenant's cached answer changed, so gateways refresh only what
/// changed. The epoch is random per activation: a reader from another epoch is told to reset.
/// Only the tenancy grains publish (after their state write, before they answer); gateways read.
/// </summary>
[Alias("cluster.IGovernanceFeedGrain")]
public interface IGovernanceFeedGrain : IGrainWithIntegerKey
{
    const long DefaultKey = 0;

    /// <summary>Appends a notice that the answer for <paramref name="id"/> changed.</summary>
    [Alias("Publish")]
    Task Publish(ChangeKind kind, string id);

    /// <summary>The notices after (<paramref name="epoch"/>, <paramref name="sequence"/>), or a reset; <see cref="Guid.Empty"/> asks for the current position.</summary>
    [Alias("Since")]
    Task<ChangePage> Since(Guid epoch, long sequence);
}
