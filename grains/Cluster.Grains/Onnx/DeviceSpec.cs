using System.Globalization;

namespace Cluster.Grains.Onnx;

/// <summary>An execution device request: <c>cpu</c>, <c>cuda:N</c> (required) or <c>auto</c> / <c>auto:N</c> (CUDA device N when it loads, else CPU).</summary>
public readonly record struct DeviceSpec(DeviceKind Kind, int CudaDevice)
{
    public static DeviceSpec Cpu => new(DeviceKind.Cpu, 0);

    public override string ToString() => Kind switch
    {
        DeviceKind.Cpu => "cpu",
        DeviceKind.Cuda => string.Create(CultureInfo.InvariantCulture, $"cuda:{CudaDevice}"),
        _ => CudaDevice == 0 ? "auto" : string.Create(CultureInfo.InvariantCulture, $"auto:{CudaDevice}"),
    };

    public static bool TryParse(string text, out DeviceSpec device)
    {
        device = default;
        switch (text)
        {
            case "cpu": device = Cpu; return true;
            case "auto": device = new DeviceSpec(DeviceKind.Auto, 0); return true;
        }
        foreach (var (prefix, kind) in new[] { ("cuda:", DeviceKind.Cuda), ("auto:", DeviceKind.Auto) })
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                device = new DeviceSpec(kind, id);
                return true;
            }
        }
        return false;
    }
}
