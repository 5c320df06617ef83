using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Cluster.Grains.Inference;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Cluster.Grains.Onnx;

/// <summary>
/// Turns request tensors into ONNX Runtime values and results back into raw tensors. Fixed-size
/// inputs are pinned and handed to ONNX Runtime without a copy; the caller keeps the returned
/// <see cref="InputValues"/> alive until Run returns.
/// </summary>
internal static class TensorMarshaller
{
    public static InputValues CreateInputs(IReadOnlyList<InferenceTensor> tensors)
    {
        var inputs = new InputValues(tensors.Count);
        try
        {
            foreach (var tensor in tensors) inputs.Add(tensor);
            return inputs;
        }
        catch
        {
            inputs.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Copies an output out of ONNX Runtime's memory (the one copy the path makes of it): into an
    /// array rented from <paramref name="buffers"/> when given, else a new one.
    /// </summary>
    public static InferenceTensor ToTensor(string name, OrtValue value, PooledOutputs? buffers = null)
    {
        if (!value.IsTensor)
            throw new InvalidOperationException($"output '{name}' is not a tensor.");
        var info = value.GetTensorTypeAndShape();
        var datatype = OnnxTypes.ToDataType(info.ElementDataType)
            ?? throw new InvalidOperationException($"output '{name}' has unsupported element type {info.ElementDataType}.");
        var shape = info.Shape;
        if (info.ElementDataType != TensorElementType.String)
        {
            var raw = value.GetTensorMutableRawData();
            if (buffers is null) return new InferenceTensor(name, datatype, shape, raw.ToArray());
            var array = buffers.Rent(raw.Length);
            raw.CopyTo(array);
            return new InferenceTensor(name, datatype, shape, array.AsMemory(0, raw.Length));
        }

        var count = (int)info.ElementCount;
        var elements = new ReadOnlyMemory<byte>[count];
        for (var i = 0; i < count; i++)
            elements[i] = Encoding.UTF8.GetBytes(value.GetStringElement(i));
        return new InferenceTensor(name, datatype, shape, BytesTensor.Join(elements));
    }

    /// <summary>The ONNX Runtime values of one Run, with the pins that keep their buffers in place.</summary>
    internal sealed class InputValues(int capacity) : IDisposable
    {
        private readonly List<MemoryHandle> _pins = new(capacity);

        public List<string> Names { get; } = new(capacity);
        public List<OrtValue> Values { get; } = new(capacity);

        public void Add(InferenceTensor tensor)
        {
            var type = OnnxTypes.ToElementType(tensor.DataType)
                ?? throw InferenceException.Invalid($"input '{tensor.Name}' has unknown datatype '{tensor.DataType}'.");
            Names.Add(tensor.Name);
            if (type == TensorElementType.String)
            {
                Values.Add(CreateStrings(tensor));
                return;
            }
            var pin = tensor.Data.Pin();
            _pins.Add(pin);
            unsafe
            {
                Values.Add(OrtValue.CreateTensorValueWithData(
                    OrtMemoryInfo.DefaultInstance, type, tensor.Shape, (IntPtr)pin.Pointer, tensor.Data.Length));
            }
        }

        private static OrtValue CreateStrings(InferenceTensor tensor)
        {
            var elements = BytesTensor.Split(tensor.Data);
            for (var i = 0; i < elements.Count; i++)
            {
                if (!Utf8.IsValid(elements[i].Span))
                    throw InferenceException.Invalid(
                        $"input '{tensor.Name}' element {i} is not valid UTF-8; ONNX string tensors hold UTF-8 text.");
            }
            var value = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, tensor.Shape);
            for (var i = 0; i < elements.Count; i++)
                value.StringTensorSetElementAt(elements[i].Span, i);
            return value;
        }

        public void Dispose()
        {
            foreach (var value in Values) value.Dispose();
            foreach (var pin in _pins) pin.Dispose();
            Values.Clear();
            _pins.Clear();
        }
    }
}
