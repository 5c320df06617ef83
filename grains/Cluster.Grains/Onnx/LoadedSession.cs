using Microsoft.ML.OnnxRuntime;

namespace Cluster.Grains.Onnx;

/// <summary>An ONNX Runtime session and the device its execution provider actually runs on.</summary>
public sealed class LoadedSession(InferenceSession session, string device) : IDisposable
{
    public InferenceSession Session { get; } = session;

    /// <summary><c>cpu</c> or <c>cuda:N</c>.</summary>
    public string Device { get; } = device;

    public void Dispose() => Session.Dispose();
}
