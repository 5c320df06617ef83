namespace Cluster.Grains.Onnx;

/// <summary>The kinds of execution device a model may ask for.</summary>
public enum DeviceKind
{
    Auto = 0,
    Cpu = 1,
    Cuda = 2,
}
