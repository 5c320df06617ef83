namespace Cluster.Grains.Placement;

/// <summary>
/// The cluster's device directory (key <see cref="DefaultKey"/>): every silo announces its devices
/// and current allocations here at start-up and then periodically, and reads back everyone's.
/// Soft state: lost with the activation and rebuilt within one announcement interval.
/// </summary>
[Alias("cluster.IDeviceDirectoryGrain")]
public interface IDeviceDirectoryGrain : IGrainWithStringKey
{
    const string DefaultKey = "default";

    /// <summary>Records this silo's devices and answers every silo's current announcement.</summary>
    [Alias("Announce")]
    Task<SiloDevices[]> Announce(SiloDevices devices);

    /// <summary>Removes a silo that is shutting down.</summary>
    [Alias("Withdraw")]
    Task Withdraw(SiloAddress silo);

    /// <summary>Every silo's current announcement.</summary>
    [Alias("GetAll")]
    Task<SiloDevices[]> GetAll();
}
