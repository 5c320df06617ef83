using Cluster.Gateway.Catalog;
using Cluster.Gateway.Governance;
using Cluster.Gateway.Hosting;
using Cluster.Gateway.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Cluster.Gateway.Tests.Catalog;

public sealed class ModelCatalogRefresherTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task AFailedFirstLoadIsRetriedAfterHalfASecondAndALoadedCatalogAfterTheRefreshInterval()
    {
        // Each step waits until the refresher waits on the clock again (SteppingClock): a step taken
        // before its wait began would start that wait late and the cycle would never come.
        var clock = new SteppingClock();
        var repository = new CountingRepositoryGrain(failures: 1);
        var catalog = new ModelCatalog(clock);
        var refresher = new ModelCatalogRefresher(GrainsOnlyClusterClient.Create((_, _) => repository), catalog, new GovernanceCatalog(),
            Options.Create(new GatewayOptions { CatalogRefreshInterval = Interval }), clock, NullLogger<ModelCatalogRefresher>.Instance);
        await refresher.StartAsync(CancellationToken.None);
        try
        {
            await Until(() => repository.Calls == 1);
            Assert.False(catalog.IsLoaded);

            await clock.StepAsync(TimeSpan.FromMilliseconds(499));
            await Task.Delay(100);
            Assert.Equal(1, repository.Calls);
            clock.Advance(TimeSpan.FromMilliseconds(1));
            await Until(() => catalog.IsLoaded);
            Assert.Equal(2, repository.Calls);
            Assert.Equal(clock.GetUtcNow(), catalog.LastRefreshed);

            await clock.StepAsync(Interval - TimeSpan.FromSeconds(1));
            await Task.Delay(100);
            Assert.Equal(2, repository.Calls);
            clock.Advance(TimeSpan.FromSeconds(1));
            await Until(() => repository.Calls == 3);
        }
        finally
        {
            await refresher.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Waits (real time, at most 10 s) for the refresher's loop to get somewhere the fake clock let it.</summary>
    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the refresher did not get there within 10 s.");
            await Task.Delay(10);
        }
    }
}
