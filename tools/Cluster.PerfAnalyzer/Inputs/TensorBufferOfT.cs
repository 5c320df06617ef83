using System.Runtime.InteropServices;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace Cluster.PerfAnalyzer.Inputs;

/// <summary>A <see cref="TensorBuffer"/> over an array of one element type.</summary>
public sealed class TensorBuffer<T> : TensorBuffer
    where T : unmanaged
{
    private readonly T[] _values;

    public TensorBuffer(T[] values)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PerfSetupException("this tool writes raw tensors in memory order and needs a little-endian machine.");
        _values = values;
        Raw = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    public override ByteString Raw { get; }

    public override int ElementCount => _values.Length;

    public override OrtValue CreateOrtValue(long[] shape) => OrtValue.CreateTensorValueFromMemory(_values, shape);
}
