using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Cluster.Gateway.Serving;
using Cluster.Grains.Inference;
using Cluster.Gateway.DataPlane;
using Cluster.Grains.Repository;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Inference;

namespace Cluster.Gateway.Grpc;

/// <summary>
/// Reads a ModelInferRequest's tensors into raw form: <c>raw_input_contents</c> as they are (the
/// message's own buffers, not copied), or the
/// typed <c>contents</c> field that matches each datatype, converted to little-endian bytes. What
/// the protocol itself forbids (both forms, the wrong typed field, a count that does not fit the
/// shape, surplus raw buffers) is refused here; the model contract is checked afterwards.
/// </summary>
public static class ProtoTensorReader
{
    /// <summary>The call the message asks for; a message that breaks the protocol is a call with its refusal (<see cref="InferenceCall.Unreadable"/>).</summary>
    public static InferenceCall Read(ModelInferRequest request, string? purpose)
    {
        var call = new InferenceCall(request.ModelName, request.ModelVersion, purpose, request.Id);
        try
        {
            return call with
            {
                Inputs = ReadInputs(request),
                Outputs = request.Outputs.Select(o => o.Name).ToArray(),
                Priority = (int)Math.Min(Unsigned(request.Parameters, PriorityParameter), int.MaxValue),
                TimeoutMicroseconds = Unsigned(request.Parameters, TimeoutParameter),
            };
        }
        catch (ServingException ex)
        {
            return call with { Unreadable = ex };
        }
    }

    private static InferenceTensor[] ReadInputs(ModelInferRequest request)
    {
        var raw = request.RawInputContents;
        if (raw.Count > 0 && raw.Count != request.Inputs.Count)
        {
            throw ServingException.Invalid(raw.Count > request.Inputs.Count
                ? $"request has {raw.Count} raw_input_contents buffers but only {request.Inputs.Count} inputs."
                : $"request has {raw.Count} raw_input_contents buffers for {request.Inputs.Count} inputs; when raw_input_contents is used every input needs one.");
        }
        var inputs = new InferenceTensor[request.Inputs.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            var input = request.Inputs[i];
            var shape = input.Shape.ToArray();
            if (raw.Count > 0)
            {
                if (HasTypedContents(input.Contents))
                    throw ServingException.Invalid($"input '{ClientText.Clip(input.Name)}' has both raw_input_contents and typed contents; send one.");
                inputs[i] = new InferenceTensor(input.Name, input.Datatype, shape, raw[i].Memory);
            }
            else
            {
                inputs[i] = new InferenceTensor(input.Name, input.Datatype, shape, ReadTyped(input, shape));
            }
        }
        return inputs;
    }

    /// <summary>Triton's request parameter for the queue priority level (1 highest; 0 = the model's default).</summary>
    public const string PriorityParameter = "priority";

    /// <summary>Triton's request parameter for the longest queue wait, in microseconds (0 = none).</summary>
    public const string TimeoutParameter = "timeout";

    /// <summary>A non-negative integer request parameter (int64_param or uint64_param, as Triton's clients send it); 0 when absent.</summary>
    private static long Unsigned(MapField<string, InferParameter> parameters, string name)
    {
        if (!parameters.TryGetValue(name, out var p)) return 0;
        return p.ParameterChoiceCase switch
        {
            InferParameter.ParameterChoiceOneofCase.Int64Param when p.Int64Param >= 0 => p.Int64Param,
            InferParameter.ParameterChoiceOneofCase.Int64Param =>
                throw ServingException.Invalid($"request parameter '{name}' is {p.Int64Param}; it must be 0 or more."),
            InferParameter.ParameterChoiceOneofCase.Uint64Param => (long)Math.Min(p.Uint64Param, long.MaxValue),
            _ => throw ServingException.Invalid($"request parameter '{name}' must be an integer (int64_param or uint64_param)."),
        };
    }

    private static bool HasTypedContents(InferTensorContents? c) => c is not null
        && (c.BoolContents.Count + c.IntContents.Count + c.Int64Contents.Count + c.UintContents.Count
            + c.Uint64Contents.Count + c.Fp32Contents.Count + c.Fp64Contents.Count + c.BytesContents.Count) > 0;

    private static byte[] ReadTyped(ModelInferRequest.Types.InferInputTensor input, long[] shape)
    {
        var c = input.Contents ?? new InferTensorContents();
        var name = ClientText.Clip(input.Name);
        var (field, count) = input.Datatype switch
        {
            DataTypes.Bool => ("bool_contents", c.BoolContents.Count),
            DataTypes.Int8 or DataTypes.Int16 or DataTypes.Int32 => ("int_contents", c.IntContents.Count),
            DataTypes.Int64 => ("int64_contents", c.Int64Contents.Count),
            DataTypes.UInt8 or DataTypes.UInt16 or DataTypes.UInt32 => ("uint_contents", c.UintContents.Count),
            DataTypes.UInt64 => ("uint64_contents", c.Uint64Contents.Count),
            DataTypes.Fp32 => ("fp32_contents", c.Fp32Contents.Count),
            DataTypes.Fp64 => ("fp64_contents", c.Fp64Contents.Count),
            DataTypes.Bytes => ("bytes_contents", c.BytesContents.Count),
            DataTypes.Fp16 or DataTypes.Bf16 => ("", -1),
            _ => ("", -2),
        };
        if (count == -2)
            throw ServingException.Invalid($"input '{name}' has unknown datatype '{ClientText.Clip(input.Datatype)}'.");
        if (count == -1)
        {
            if (HasTypedContents(c))
                throw ServingException.Invalid($"input '{name}' is {input.Datatype}, which has no typed contents field; send {input.Datatype} data in raw_input_contents.");
            throw ServingException.Invalid($"input '{name}' has no data; {input.Datatype} data goes in raw_input_contents.");
        }
        var total = c.BoolContents.Count + c.IntContents.Count + c.Int64Contents.Count + c.UintContents.Count
            + c.Uint64Contents.Count + c.Fp32Contents.Count + c.Fp64Contents.Count + c.BytesContents.Count;
        if (total != count)
            throw ServingException.Invalid($"input '{name}' is {input.Datatype} but its contents use another field; {input.Datatype} data goes in {field}.");
        if (TensorShape.ElementCount(shape, RequestValidator.MaxTensorBytes) is { } expected && expected != count)
            throw ServingException.Invalid($"input '{name}' has {count} values in {field}; shape {TensorShape.Format(shape)} needs {expected}.");

        return input.Datatype switch
        {
            DataTypes.Bool => c.BoolContents.Select(b => b ? (byte)1 : (byte)0).ToArray(),
            DataTypes.Int8 => Narrow<sbyte>(c.IntContents, name, sbyte.MinValue, sbyte.MaxValue, "INT8"),
            DataTypes.Int16 => Narrow<short>(c.IntContents, name, short.MinValue, short.MaxValue, "INT16"),
            DataTypes.Int32 => AsBytes(c.IntContents),
            DataTypes.Int64 => AsBytes(c.Int64Contents),
            DataTypes.UInt8 => NarrowUnsigned<byte>(c.UintContents, name, byte.MaxValue, "UINT8"),
            DataTypes.UInt16 => NarrowUnsigned<ushort>(c.UintContents, name, ushort.MaxValue, "UINT16"),
            DataTypes.UInt32 => AsBytes(c.UintContents),
            DataTypes.UInt64 => AsBytes(c.Uint64Contents),
            DataTypes.Fp32 => AsBytes(c.Fp32Contents),
            DataTypes.Fp64 => AsBytes(c.Fp64Contents),
            _ => BytesTensor.Join(c.BytesContents.Select(b => b.Memory).ToArray()),
        };
    }

    private static byte[] AsBytes<T>(RepeatedField<T> values) where T : unmanaged
    {
        var array = values.ToArray();
        var bytes = MemoryMarshal.AsBytes(array.AsSpan()).ToArray();
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("big-endian hosts are not supported.");
        return bytes;
    }

    private static byte[] Narrow<T>(RepeatedField<int> values, string name, int min, int max, string type) where T : unmanaged
    {
        var size = Marshal.SizeOf<T>();
        var bytes = new byte[values.Count * size];
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            if (v < min || v > max) throw ServingException.Invalid($"input '{name}' value at index {i} is out of range for {type}.");
            if (size == 1) bytes[i] = (byte)(sbyte)v;
            else BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), (short)v);
        }
        return bytes;
    }

    private static byte[] NarrowUnsigned<T>(RepeatedField<uint> values, string name, uint max, string type) where T : unmanaged
    {
        var size = Marshal.SizeOf<T>();
        var bytes = new byte[values.Count * size];
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            if (v > max) throw ServingException.Invalid($"input '{name}' value at index {i} is out of range for {type}.");
            if (size == 1) bytes[i] = (byte)v;
            else BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), (ushort)v);
        }
        return bytes;
    }
}
