using System.Globalization;

namespace Cluster.Grains.Onnx;

/// <summary>An execution device request: <c>cpu</c>, <c>cuda:N</c> (required) or <c>auto</c> (CUDA when it loads).</summary>
public readonly record struct DeviceSpec(DeviceKind Kind, int CudaDevice)
{
    public static DeviceSpec Cpu => new(DeviceKind.Cpu, 0);

    public override string ToString() => Kind switch
    {
        DeviceKind.Cpu => "cpu",
        DeviceKind.Cuda => string.Create(CultureInfo.InvariantCulture, $"cuda:{CudaDevice}"),
        _ => "auto",
    };

    public static bool TryParse(string text, out DeviceSpec device)
    {
        device = default;
        switch (text)
        {
            case "cpu": device = Cpu; return true;
            case "auto": device = new DeviceSpec(DeviceKind.Auto, 0); return true;
        }
        if (text.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            device = new DeviceSpec(DeviceKind.Cuda, id);
            return true;
        }
        return false;
    }
}
