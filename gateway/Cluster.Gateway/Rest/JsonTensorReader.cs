using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Cluster.Gateway.DataPlane;
using Cluster.Gateway.Grpc;
using Cluster.Gateway.Serving;
using Cluster.Grains.Inference;
using Cluster.Grains.Repository;
using Cluster.Protocol;

namespace Cluster.Gateway.Rest;

/// <summary>
/// Reads a KServe v2 REST inference request body: <c>inputs</c> with name, shape, datatype and
/// <c>data</c> (flat or nested, row-major), optional <c>outputs</c> and <c>id</c>. Errors are
/// INVALID_ARGUMENT refusals (HTTP 400) that name the input.
/// </summary>
public static class JsonTensorReader
{
    /// <summary>The call the body asks for; a body that breaks the protocol is a call with its refusal (<see cref="InferenceCall.Unreadable"/>).</summary>
    public static InferenceCall Read(string model, string version, JsonElement body, string? headerPurpose)
    {
        var call = new InferenceCall(model, version, Purpose(body) ?? headerPurpose, "");
        try
        {
            if (body.ValueKind != JsonValueKind.Object) throw ServingException.Invalid("request body must be a JSON object.");
            call = call with { Id = Id(body) };
            return call with
            {
                Inputs = ReadInputs(body),
                Outputs = ReadOutputs(body),
                Priority = (int)Math.Min(Unsigned(body, ProtoTensorReader.PriorityParameter), int.MaxValue),
                TimeoutMicroseconds = Unsigned(body, ProtoTensorReader.TimeoutParameter),
            };
        }
        catch (ServingException ex)
        {
            return call with { Unreadable = ex };
        }
    }

    private static InferenceTensor[] ReadInputs(JsonElement body)
    {
        if (!body.TryGetProperty("inputs", out var inputsElement) || inputsElement.ValueKind != JsonValueKind.Array)
            throw ServingException.Invalid("request body needs an 'inputs' array.");
        var inputs = new List<InferenceTensor>();
        var index = 0;
        foreach (var input in inputsElement.EnumerateArray())
        {
            inputs.Add(ReadInput(input, index++));
        }
        return [.. inputs];
    }

    private static string[] ReadOutputs(JsonElement body)
    {
        var outputs = new List<string>();
        if (body.TryGetProperty("outputs", out var outputsElement))
        {
            if (outputsElement.ValueKind != JsonValueKind.Array) throw ServingException.Invalid("'outputs' must be an array.");
            foreach (var output in outputsElement.EnumerateArray())
            {
                if (output.ValueKind != JsonValueKind.Object || !output.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String)
                    throw ServingException.Invalid("each requested output needs a string 'name'.");
                outputs.Add(Text(n, "a requested output's 'name'"));
            }
        }
        return [.. outputs];
    }

    /// <summary>A non-negative integer request parameter from the body's <c>parameters</c>; 0 when absent.</summary>
    private static long Unsigned(JsonElement body, string name)
    {
        if (!body.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object
            || !parameters.TryGetProperty(name, out var value))
            return 0;
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt64(out var signed))
                return signed >= 0 ? signed : throw ServingException.Invalid($"request parameter '{name}' is {signed}; it must be 0 or more.");
            if (value.TryGetUInt64(out var unsigned)) return (long)Math.Min(unsigned, long.MaxValue);
        }
        throw ServingException.Invalid($"request parameter '{name}' must be a non-negative integer.");
    }

    /// <summary>
    /// A JSON string as text. JSON can escape a lone UTF-16 surrogate (<c>"\ud800"</c>), which is no
    /// text at all: refused as INVALID_ARGUMENT naming where, never passed on (it would fail later,
    /// in serialization, as something else).
    /// </summary>
    private static string Text(JsonElement element, string what)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw ServingException.Invalid($"{what} is not valid Unicode text (it holds a lone surrogate).");
        }
    }

    /// <summary>The request's <c>id</c>, when the body gives one.</summary>
    public static string Id(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? Text(id, "'id'") : "";

    /// <summary>The <c>purpose_of_use</c> request parameter, when the body states one.</summary>
    public static string? Purpose(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("parameters", out var parameters)
            || parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty(Cluster.Grains.Tenancy.PurposeOfUse.Parameter, out var purpose))
            return null;
        if (purpose.ValueKind != JsonValueKind.String)
            throw ServingException.Invalid($"request parameter '{Cluster.Grains.Tenancy.PurposeOfUse.Parameter}' must be a string.");
        return Text(purpose, $"request parameter '{Cluster.Grains.Tenancy.PurposeOfUse.Parameter}'");
    }

    private static InferenceTensor ReadInput(JsonElement input, int index)
    {
        if (input.ValueKind != JsonValueKind.Object) throw ServingException.Invalid($"inputs[{index}] must be an object.");
        var name = String(input, "name", $"inputs[{index}]");
        var datatype = String(input, "datatype", $"input '{name}'");
        if (!input.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
            throw ServingException.Invalid($"input '{name}' needs a 'shape' array.");
        var shape = new List<long>();
        foreach (var d in shapeElement.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out var dim))
                throw ServingException.Invalid($"input '{name}' shape must hold integers.");
            shape.Add(dim);
        }
        if (!input.TryGetProperty("data", out var data)) throw ServingException.Invalid($"input '{name}' needs 'data'.");
        if (!DataTypes.IsKnown(datatype)) throw ServingException.Invalid($"input '{name}' has unknown datatype '{ClientText.Clip(datatype)}'.");
        var values = new List<JsonElement>();
        Flatten(data, values, name);
        if (TensorShape.ElementCount(shape.ToArray(), RequestValidator.MaxTensorBytes) is { } expected && expected != values.Count)
            throw ServingException.Invalid($"input '{name}' has {values.Count} data values; shape {TensorShape.Format(shape.ToArray())} needs {expected}.");
        return new InferenceTensor(name, datatype, [.. shape], Encode(name, datatype, values));
    }

    private static void Flatten(JsonElement element, List<JsonElement> values, string name)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) Flatten(item, values, name);
            return;
        }
        if (element.ValueKind is JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined)
            throw ServingException.Invalid($"input '{name}' data must be numbers, booleans or strings in (nested) arrays.");
        values.Add(element);
    }

    private static byte[] Encode(string name, string datatype, List<JsonElement> values)
    {
        if (datatype == DataTypes.Bytes)
        {
            var elements = new ReadOnlyMemory<byte>[values.Count];
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i].ValueKind != JsonValueKind.String) throw ServingException.Invalid($"input '{name}' is BYTES; its data must be strings (value at index {i} is not).");
                elements[i] = Encoding.UTF8.GetBytes(Text(values[i], $"input '{name}' value at index {i}"));
            }
            return BytesTensor.Join(elements);
        }
        var size = DataTypes.ElementSize(datatype);
        var bytes = new byte[values.Count * size];
        for (var i = 0; i < values.Count; i++)
        {
            if (!TryWrite(datatype, values[i], bytes.AsSpan(i * size, size)))
                throw ServingException.Invalid($"input '{name}' value at index {i} is not a valid {datatype}.");
        }
        return bytes;
    }

    private static bool TryWrite(string datatype, JsonElement v, Span<byte> dest)
    {
        if (datatype == DataTypes.Bool)
        {
            if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return false;
            dest[0] = v.GetBoolean() ? (byte)1 : (byte)0;
            return true;
        }
        if (v.ValueKind != JsonValueKind.Number) return false;
        switch (datatype)
        {
            case DataTypes.Int8 when v.TryGetSByte(out var a): dest[0] = (byte)a; return true;
            case DataTypes.Int16 when v.TryGetInt16(out var b): BinaryPrimitives.WriteInt16LittleEndian(dest, b); return true;
            case DataTypes.Int32 when v.TryGetInt32(out var c): BinaryPrimitives.WriteInt32LittleEndian(dest, c); return true;
            case DataTypes.Int64 when v.TryGetInt64(out var d): BinaryPrimitives.WriteInt64LittleEndian(dest, d); return true;
            case DataTypes.UInt8 when v.TryGetByte(out var e): dest[0] = e; return true;
            case DataTypes.UInt16 when v.TryGetUInt16(out var f): BinaryPrimitives.WriteUInt16LittleEndian(dest, f); return true;
            case DataTypes.UInt32 when v.TryGetUInt32(out var g): BinaryPrimitives.WriteUInt32LittleEndian(dest, g); return true;
            case DataTypes.UInt64 when v.TryGetUInt64(out var h): BinaryPrimitives.WriteUInt64LittleEndian(dest, h); return true;
            case DataTypes.Fp16 when v.TryGetDouble(out var i): BinaryPrimitives.WriteHalfLittleEndian(dest, (Half)i); return true;
            case DataTypes.Fp32 when v.TryGetDouble(out var j): BinaryPrimitives.WriteSingleLittleEndian(dest, (float)j); return true;
            case DataTypes.Fp64 when v.TryGetDouble(out var k): BinaryPrimitives.WriteDoubleLittleEndian(dest, k); return true;
            case DataTypes.Bf16 when v.TryGetDouble(out var l): BinaryPrimitives.WriteUInt16LittleEndian(dest, BFloat16Bits.FromSingle((float)l)); return true;
            default: return false;
        }
    }

    private static string String(JsonElement obj, string property, string what)
    {
        if (!obj.TryGetProperty(property, out var p) || p.ValueKind != JsonValueKind.String)
            throw ServingException.Invalid($"{what} needs a string '{property}'.");
        return Text(p, $"{what}'s '{property}'");
    }
}
