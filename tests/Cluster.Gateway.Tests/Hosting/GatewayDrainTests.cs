using Cluster.Gateway.Catalog;
using Cluster.Gateway.Health;
using Cluster.Gateway.Hosting;
using Cluster.Gateway.Tests.Fakes;
using Cluster.Grains.Repository;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Cluster.Gateway.Tests.Hosting;

public sealed class GatewayDrainTests
{
    private static GatewayDrain Drain(TimeSpan delay, TimeProvider time) =>
        new(Options.Create(new GatewayOptions { DrainDelay = delay }), time, NullLogger<GatewayDrain>.Instance);

    [Fact]
    public async Task StoppingTurnsReadinessOffAtOnceAndServesOnUntilTheDrainDelayHasPassed()
    {
        var clock = new FakeTimeProvider();
        var catalog = new ModelCatalog(clock);
        catalog.Update(RepositorySnapshot.Empty);
        var drain = Drain(TimeSpan.FromSeconds(5), clock);
        var readiness = new GatewayReadiness(catalog, Options.Create(new GatewayOptions()), clock, drain: drain);
        Assert.True(readiness.IsReady);

        var stopping = drain.StoppingAsync(CancellationToken.None);

        Assert.False(readiness.IsReady);
        clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(stopping.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task TheDelayEndsEarlyWhenTheShutdownTimeoutDoes()
    {
        var drain = Drain(TimeSpan.FromSeconds(5), new FakeTimeProvider());
        using var shutdown = new CancellationTokenSource();

        var stopping = drain.StoppingAsync(shutdown.Token);
        shutdown.Cancel();

        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(drain.Draining);
    }

    [Fact]
    public async Task WithoutADrainDelayStoppingOnlyTurnsReadinessOff()
    {
        var drain = Drain(TimeSpan.Zero, new FakeTimeProvider());

        await drain.StoppingAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(drain.Draining);
    }

    [Fact]
    public async Task TheHostStopsNoServiceBeforeTheDrainDelayHasPassed()
    {
        var clock = new SteppingClock();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.Configure<GatewayOptions>(o => o.DrainDelay = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton<GatewayDrain>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GatewayDrain>());
        var server = new RecordingService();
        builder.Services.AddHostedService(_ => server);
        using var host = builder.Build();
        await host.StartAsync();
        var timersAtStart = clock.TimersCreated;

        // Step only once the drain waits on the clock: a step before its delay began would be lost.
        var stop = host.StopAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (clock.TimersCreated == timersAtStart)
        {
            Assert.True(DateTime.UtcNow < deadline, "the drain never waited on the clock.");
            await Task.Delay(2);
        }

        Assert.False(server.Stopped);
        clock.Advance(TimeSpan.FromSeconds(5));
        await stop.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(server.Stopped);
    }

    /// <summary>Stands for the web server: a service the host stops.</summary>
    private sealed class RecordingService : IHostedService
    {
        public bool Stopped { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Stopped = true;
            return Task.CompletedTask;
        }
    }
}
