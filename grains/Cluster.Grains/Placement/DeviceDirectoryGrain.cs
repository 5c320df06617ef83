using Cluster.Grains.Devices;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Placement;

/// <summary>
/// Holds every silo's latest device announcement in memory. An announcement not refreshed within
/// three announcement intervals is dropped (its silo is gone or cut off); placement also only
/// considers silos the membership reports active.
/// </summary>
public sealed class DeviceDirectoryGrain(IOptions<DeviceOptions> options, TimeProvider clock) : Grain, IDeviceDirectoryGrain
{
    private readonly Dictionary<SiloAddress, SiloDevices> _silos = [];

    public Task<SiloDevices[]> Announce(SiloDevices devices)
    {
        _silos[devices.Silo] = devices with { ReceivedAt = clock.GetUtcNow().UtcDateTime };
        return GetAll();
    }

    public Task Withdraw(SiloAddress silo)
    {
        _silos.Remove(silo);
        return Task.CompletedTask;
    }

    public Task<SiloDevices[]> GetAll()
    {
        var oldest = clock.GetUtcNow().UtcDateTime - 3 * options.Value.DeviceRefreshInterval;
        foreach (var stale in _silos.Values.Where(s => s.ReceivedAt < oldest).Select(s => s.Silo).ToArray()) _silos.Remove(stale);
        return Task.FromResult(_silos.Values.OrderBy(s => s.Silo.ToParsableString(), StringComparer.Ordinal).ToArray());
    }
}
