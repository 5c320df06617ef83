using System.Net;
using Cluster.Grains.Placement;

namespace Cluster.Grains.Tests.Fixtures;

/// <summary>Announcements of made-up silos for the placement tests.</summary>
public static class Silos
{
    public static SiloAddress Address(int port) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 1);

    public static DeviceStatus Cpu(int slots = 8, params string[] allocations) => new("cpu", DeviceType.Cpu, 0, 0, slots, allocations);

    public static DeviceStatus Cuda(int id, int slots = 4, long freeMib = 16_000, params string[] allocations) =>
        new($"cuda:{id}", DeviceType.Cuda, 16_000L << 20, freeMib << 20, slots, allocations);

    public static SiloDevices Silo(int port, params DeviceStatus[] devices) => new(Address(port), devices);

    /// <summary>The view after <paramref name="shard"/> was placed on <paramref name="choice"/>.</summary>
    public static SiloDevices[] With(this SiloDevices[] view, PlacementChoice choice, string shard) =>
        view.Select(s => !s.Silo.Equals(choice.Silo) ? s : s with
        {
            Devices = s.Devices.Select(d => d.Name != choice.Device ? d : d with { Allocations = [.. d.Allocations, shard] }).ToArray(),
        }).ToArray();
}
