using System.Globalization;
using System.Text.Json;
using Inference;

namespace Cluster.Client.Tensors;

/// <summary>
/// A KServe v2 REST inference request body (<c>{"id", "parameters", "inputs": [{"name", "datatype",
/// "shape", "data"}], "outputs": [{"name"}]}</c>), read into what a gRPC ModelInferRequest needs.
/// <c>data</c> may be flat or nested (row-major); BYTES data are strings, BOOL data booleans.
/// </summary>
public sealed record class KServeJsonRequest(
    string? Id,
    IReadOnlyList<InferInput> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyDictionary<string, InferParameter> Parameters)
{
    public static KServeJsonRequest Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new TensorFormatException($"body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }
        using (document)
        {
            var body = document.RootElement;
            if (body.ValueKind != JsonValueKind.Object) throw new TensorFormatException("body must be a JSON object");
            string? id = null;
            if (body.TryGetProperty("id", out var idElement))
            {
                id = idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : throw new TensorFormatException("'id' must be a string");
            }
            if (!body.TryGetProperty("inputs", out var inputsElement) || inputsElement.ValueKind != JsonValueKind.Array)
                throw new TensorFormatException("body needs an 'inputs' array");
            var inputs = inputsElement.EnumerateArray().Select(ReadInput).ToList();
            return new KServeJsonRequest(id, inputs, ReadOutputs(body), ReadParameters(body));
        }
    }

    private static InferInput ReadInput(JsonElement input, int index)
    {
        if (input.ValueKind != JsonValueKind.Object) throw new TensorFormatException($"inputs[{index}] must be an object");
        var name = RequiredString(input, "name", $"inputs[{index}]");
        var datatypeText = RequiredString(input, "datatype", $"input '{name}'");
        var datatype = TensorDataTypes.Normalize(datatypeText)
            ?? throw new TensorFormatException($"input '{name}' has unknown datatype '{datatypeText}'; expected one of {string.Join(", ", TensorDataTypes.All)}");
        if (!input.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
            throw new TensorFormatException($"input '{name}' needs a 'shape' array");
        var shape = new List<long>();
        foreach (var dim in shapeElement.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt64(out var d) || d < 0)
                throw new TensorFormatException($"input '{name}' shape must hold non-negative integers");
            shape.Add(d);
        }
        if (!input.TryGetProperty("data", out var data)) throw new TensorFormatException($"input '{name}' needs 'data'");
        var values = new List<string>();
        Flatten(data, datatype, name, values);
        try
        {
            return InferInput.FromText(name, datatype, shape, values);
        }
        catch (TensorFormatException e)
        {
            throw new TensorFormatException($"input '{name}': {e.Message}");
        }
    }

    // Turns each JSON leaf into the text TensorEncoder reads, insisting on the JSON kind the datatype needs.
    private static void Flatten(JsonElement element, string datatype, string name, List<string> values)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) Flatten(item, datatype, name, values);
            return;
        }
        var expected = datatype switch
        {
            TensorDataTypes.Bytes => JsonValueKind.String,
            TensorDataTypes.Bool => JsonValueKind.True,
            _ => JsonValueKind.Number,
        };
        var kind = element.ValueKind == JsonValueKind.False ? JsonValueKind.True : element.ValueKind;
        if (kind != expected)
        {
            var what = expected switch { JsonValueKind.String => "strings", JsonValueKind.True => "booleans", _ => "numbers" };
            throw new TensorFormatException($"input '{name}' is {datatype}; its data must be {what} (value at index {values.Count} is not)");
        }
        values.Add(element.ValueKind switch
        {
            JsonValueKind.String => element.GetString()!,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => element.GetRawText(),
        });
    }

    private static List<string> ReadOutputs(JsonElement body)
    {
        if (!body.TryGetProperty("outputs", out var outputs)) return [];
        if (outputs.ValueKind != JsonValueKind.Array) throw new TensorFormatException("'outputs' must be an array");
        return outputs.EnumerateArray()
            .Select((o, i) => o.ValueKind == JsonValueKind.Object ? RequiredString(o, "name", $"outputs[{i}]") : throw new TensorFormatException($"outputs[{i}] must be an object"))
            .ToList();
    }

    private static Dictionary<string, InferParameter> ReadParameters(JsonElement body)
    {
        var parameters = new Dictionary<string, InferParameter>(StringComparer.Ordinal);
        if (!body.TryGetProperty("parameters", out var element)) return parameters;
        if (element.ValueKind != JsonValueKind.Object) throw new TensorFormatException("'parameters' must be an object");
        foreach (var p in element.EnumerateObject())
        {
            parameters[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => new InferParameter { StringParam = p.Value.GetString() },
                JsonValueKind.True or JsonValueKind.False => new InferParameter { BoolParam = p.Value.GetBoolean() },
                JsonValueKind.Number when p.Value.TryGetInt64(out var l) => new InferParameter { Int64Param = l },
                JsonValueKind.Number when p.Value.TryGetUInt64(out var u) => new InferParameter { Uint64Param = u },
                JsonValueKind.Number => new InferParameter { DoubleParam = double.Parse(p.Value.GetRawText(), CultureInfo.InvariantCulture) },
                _ => throw new TensorFormatException($"parameter '{p.Name}' must be a string, boolean or number"),
            };
        }
        return parameters;
    }

    private static string RequiredString(JsonElement obj, string property, string what)
    {
        if (!obj.TryGetProperty(property, out var p) || p.ValueKind != JsonValueKind.String || p.GetString() is not { Length: > 0 } value)
            throw new TensorFormatException($"{what} needs a non-empty string '{property}'");
        return value;
    }
}
