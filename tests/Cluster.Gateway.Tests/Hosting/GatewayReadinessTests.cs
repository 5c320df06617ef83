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

    [Fact]
    public async Task NotReadyOnceTheHostIsStopping()
    {
        var clock = new SteppingClock();
        var catalog = new ModelCatalog(clock);
        var lifetime = new StoppingLifetime();
        var readiness = new GatewayReadiness(catalog, Options.Create(new GatewayOptions()), clock, lifetime);
        catalog.Update(RepositorySnapshot.Empty);
        Assert.True(readiness.IsReady);

        lifetime.StopApplication();

        Assert.False(readiness.IsReady);
        var result = await readiness.CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext());
        Assert.Equal("shutting down", result.Description);
    }

    private sealed class StoppingLifetime : Microsoft.Extensions.Hosting.IHostApplicationLifetime
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => _stopping.Token;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() => _stopping.Cancel();
    }
}
