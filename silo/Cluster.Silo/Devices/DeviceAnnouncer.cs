using Cluster.Grains.Devices;
using Cluster.Grains.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Silo.Devices;

/// <summary>
/// Announces this silo's devices and their allocations to the device directory once the silo is
/// active and then every <c>Silo:DeviceRefreshInterval</c>, keeping the answer (everyone's
/// announcements) in the silo's <see cref="DeviceDirectoryCache"/>; withdraws them when the silo stops.
/// The interval is timed on the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class DeviceAnnouncer(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    DeviceAllocator allocator,
    DeviceDirectoryCache cache,
    IOptions<DeviceOptions> options,
    TimeProvider time,
    ILogger<DeviceAnnouncer> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DeviceAnnouncer), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private IDeviceDirectoryGrain Directory => grains.GetGrain<IDeviceDirectoryGrain>(IDeviceDirectoryGrain.DefaultKey);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        LogDevices(logger, silo.SiloAddress, string.Join(", ", allocator.Devices.Select(Describe)));
        await AnnounceAsync();
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null) await _loop;
        try
        {
            await Directory.Withdraw(silo.SiloAddress).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogWithdrawFailed(logger, ex.Message);
        }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(options.Value.DeviceRefreshInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token)) await AnnounceAsync();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task AnnounceAsync()
    {
        try
        {
            cache.Update(await Directory.Announce(new SiloDevices(silo.SiloAddress, allocator.Snapshot())));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The directory may be moving (its silo left); the next round tries again.
            LogAnnounceFailed(logger, ex.Message);
        }
    }

    private static string Describe(LocalDevice d) => d.TotalMemoryBytes > 0
        ? $"{d.Name} ({d.TotalMemoryBytes / (1024 * 1024)} MiB, {d.Slots} slots)"
        : $"{d.Name} ({d.Slots} slots)";
}
