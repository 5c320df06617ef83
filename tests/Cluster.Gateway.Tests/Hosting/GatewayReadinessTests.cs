using Cluster.Gateway.Catalog;
using Cluster.Gateway.Health;
using Cluster.Gateway.Hosting;
using Cluster.Gateway.Tests.Security;
using Cluster.Grains.Repository;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Tests.Hosting;

public sealed class GatewayReadinessTests
{
    [Fact]
    public void ReadyOnceTheIndexArrivesAndUntilTheClusterWasNotReachedForThreeRefreshes()
    {
        var clock = new SteppingClock();
        var catalog = new ModelCatalog(clock);
        var readiness = new GatewayReadiness(catalog, Options.Create(new GatewayOptions { CatalogRefreshInterval = TimeSpan.FromSeconds(10) }), clock);
        Assert.False(readiness.IsReady);

        catalog.Update(RepositorySnapshot.Empty);
        Assert.True(readiness.IsReady);

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.True(readiness.IsReady);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(readiness.IsReady);

        catalog.Update(RepositorySnapshot.Empty);
        Assert.True(readiness.IsReady);
    }

    [Fact]
    public void TheWindowIsAtLeastFifteenSeconds()
    {
        var clock = new SteppingClock();
        var catalog = new ModelCatalog(clock);
        var readiness = new GatewayReadiness(catalog, Options.Create(new GatewayOptions { CatalogRefreshInterval = TimeSpan.FromSeconds(1) }), clock);
        catalog.Update(RepositorySnapshot.Empty);

        clock.Advance(TimeSpan.FromSeconds(14));

        Assert.True(readiness.IsReady);
    }
}
