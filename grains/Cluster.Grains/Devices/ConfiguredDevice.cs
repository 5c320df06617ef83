using System.Globalization;
using Cluster.Grains.Placement;

namespace Cluster.Grains.Devices;

/// <summary>One entry of <c>Silo:Devices</c>: <c>cpu</c>, <c>cuda:N</c> or <c>cuda:N=MEMORY_MIB</c>.</summary>
public readonly record struct ConfiguredDevice(DeviceType Type, int CudaId, long MemoryMib)
{
    public string Name => Type == DeviceType.Cpu ? "cpu" : string.Create(CultureInfo.InvariantCulture, $"cuda:{CudaId}");

    public static bool TryParse(string? text, out ConfiguredDevice device)
    {
        device = default;
        if (text is null) return false;
        text = text.Trim();
        if (text == "cpu") { device = new ConfiguredDevice(DeviceType.Cpu, 0, 0); return true; }
        if (!text.StartsWith("cuda:", StringComparison.Ordinal)) return false;
        var rest = text.AsSpan("cuda:".Length);
        long memory = 0;
        var eq = rest.IndexOf('=');
        if (eq >= 0)
        {
            if (!long.TryParse(rest[(eq + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out memory) || memory <= 0) return false;
            rest = rest[..eq];
        }
        if (!int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return false;
        device = new ConfiguredDevice(DeviceType.Cuda, id, memory);
        return true;
    }
}
