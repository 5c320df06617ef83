using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Hosting;

/// <summary>
/// The first step of a graceful stop: readiness turns off (<see cref="Health.GatewayReadiness"/>
/// reads <see cref="Draining"/>) while the gateway keeps serving for <see cref="GatewayOptions.DrainDelay"/>,
/// so clients that balance by readiness move their calls before Kestrel stops accepting them.
/// Runs in <see cref="IHostedLifecycleService.StoppingAsync"/>, which the host awaits before it
/// stops any service (the web server included); the delay ends early when the shutdown timeout does.
/// </summary>
public sealed partial class GatewayDrain(IOptions<GatewayOptions> options, TimeProvider time, ILogger<GatewayDrain> logger) : IHostedLifecycleService
{
    private volatile bool _draining;

    /// <summary>True once the host began to stop: the gateway answers not ready while it still serves.</summary>
    public bool Draining => _draining;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        var delay = options.Value.DrainDelay;
        if (delay <= TimeSpan.Zero) return;
        LogDraining(logger, delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Stopping: not ready, serving on for {Seconds} s (Gateway:DrainDelay) before draining")]
    private static partial void LogDraining(ILogger logger, double seconds);
}
