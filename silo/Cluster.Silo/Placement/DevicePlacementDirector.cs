using Cluster.Grains.Inference;
using Cluster.Grains.Placement;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;

namespace Cluster.Silo.Placement;

/// <summary>
/// Places <see cref="DevicePlacement"/> grains (inference shards): reads what the shard's model
/// needs (<see cref="ShardRequirements"/>), asks the runtime which silos are compatible, and lets
/// <see cref="DevicePlacementChooser"/> pick among their announced devices from this silo's copy of
/// the device directory — no grain call once both are known. A shard whose model is not servable,
/// or that no silo has a device for, is placed here (or on any compatible silo) and answers
/// UNAVAILABLE with the reason.
/// </summary>
internal sealed partial class DevicePlacementDirector(
    ShardRequirements requirements,
    DeviceDirectoryCache directory,
    IGrainFactory grains,
    ILogger<DevicePlacementDirector> logger) : IPlacementDirector
{
    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var compatible = context.GetCompatibleSilos(target);
        var grainKey = target.GrainIdentity.Key.ToString();
        ShardKey shard;
        try
        {
            shard = ShardKey.Parse(grainKey);
        }
        catch (FormatException)
        {
            return Fallback(context, compatible);
        }
        var need = await requirements.Get(shard);
        if (need is null) return Fallback(context, compatible);
        if (!directory.HasAnnouncements)
            directory.Update(await grains.GetGrain<IDeviceDirectoryGrain>(IDeviceDirectoryGrain.DefaultKey).GetAll());
        var view = directory.View().Where(s => compatible.Contains(s.Silo)).ToArray();
        var choice = DevicePlacementChooser.Choose(need, shard, view);
        if (choice is null)
        {
            LogNoDevice(logger, grainKey, need.Describe(), DevicePlacementChooser.Explain(need, view));
            return Fallback(context, compatible);
        }
        directory.NotePlacement(choice.Silo, choice.Device, shard);
        LogPlaced(logger, grainKey, choice.Silo, choice.Device);
        return choice.Silo;
    }

    private static SiloAddress Fallback(IPlacementContext context, SiloAddress[] compatible) =>
        compatible.Contains(context.LocalSilo) || compatible.Length == 0
            ? context.LocalSilo
            : compatible[Random.Shared.Next(compatible.Length)];
}
