using Microsoft.ML.OnnxRuntime;

namespace Cluster.Onnx.Tests;

/// <summary>Small helpers over the ONNX Runtime OrtValue API (CPU, the default execution provider).</summary>
internal static class Ort
{
    public static IDisposableReadOnlyCollection<OrtValue> Run(InferenceSession session, IReadOnlyDictionary<string, OrtValue> inputs, params string[] outputs)
    {
        using var options = new RunOptions();
        return session.Run(options, inputs, outputs);
    }

    public static OrtValue Tensor<T>(T[] data, params long[] shape)
        where T : unmanaged => OrtValue.CreateTensorValueFromMemory(data, shape);

    public static OrtValue Strings(string[] data, params long[] shape)
    {
        var value = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, shape);
        for (var i = 0; i < data.Length; i++)
            value.StringTensorSetElementAt(data[i].AsSpan(), i);
        return value;
    }
}
