using Cluster.Grains.Placement;
using Cluster.Silo.Devices;
using Cluster.Silo.Placement;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Silo.Hosting;

/// <summary>Device-pinned placement of shard grains: the director and this silo's device announcements (docs/placement.md).</summary>
public static class DevicePlacementExtensions
{
    public static ISiloBuilder AddDevicePlacement(this ISiloBuilder builder)
    {
        builder.Services.AddSingleton<ShardRequirements>();
        builder.Services.AddPlacementDirector<DevicePlacement, DevicePlacementDirector>();
        builder.Services.AddSingleton<DeviceAnnouncer>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DeviceAnnouncer>());
        return builder;
    }
}
