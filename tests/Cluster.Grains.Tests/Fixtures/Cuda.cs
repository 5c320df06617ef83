using Microsoft.ML.OnnxRuntime;

namespace Cluster.Grains.Tests.Fixtures;

/// <summary>Whether ONNX Runtime's CUDA execution provider loads on this machine (it does not on CI).</summary>
public static class Cuda
{
    private static readonly Lazy<bool> s_available = new(() =>
    {
        try
        {
            using var options = new SessionOptions();
            options.AppendExecutionProvider_CUDA(0);
            return true;
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    });

    public static bool IsAvailable => s_available.Value;

    /// <summary>The device an <c>auto</c> model lands on here.</summary>
    public static string AutoDevice => IsAvailable ? "cuda:0" : "cpu";
}
