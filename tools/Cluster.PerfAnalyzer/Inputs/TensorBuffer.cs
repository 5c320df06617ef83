using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace Cluster.PerfAnalyzer.Inputs;

/// <summary>
/// One input tensor's values, held twice over: as the typed array ONNX Runtime reads in place and as
/// the little-endian bytes sent in <c>raw_input_contents</c>. Both stay alive for the whole run.
/// </summary>
public abstract class TensorBuffer
{
    /// <summary>The values as little-endian bytes, Triton's raw layout.</summary>
    public abstract ByteString Raw { get; }

    /// <summary>How many elements the tensor holds.</summary>
    public abstract int ElementCount { get; }

    /// <summary>An OrtValue over the kept array (no copy); dispose it after the last Run that reads it.</summary>
    public abstract OrtValue CreateOrtValue(long[] shape);
}
