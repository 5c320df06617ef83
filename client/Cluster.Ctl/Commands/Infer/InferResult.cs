using System.Globalization;
using System.Text.Json.Nodes;
using Cluster.Client.Tensors;
using Cluster.Ctl.Output;
using Inference;

namespace Cluster.Ctl.Commands.Infer;

/// <summary>
/// An inference response. Text: the model and one row per output with its values. JSON: the KServe
/// v2 REST response body (<c>model_name</c>, <c>model_version</c>, <c>id</c>, <c>parameters</c>,
/// <c>outputs[{name, datatype, shape, data}]</c>), so KServe tooling reads it unchanged.
/// </summary>
public sealed class InferResult(ModelInferResponse response, IReadOnlyList<InferOutput> outputs) : ICommandResult
{
    public ModelInferResponse Response { get; } = response;

    public IReadOnlyList<InferOutput> Outputs { get; } = outputs;

    public void WriteText(TextWriter output)
    {
        var fields = new FieldList().Add("model", Response.ModelName).Add("version", Display.Text(Response.ModelVersion));
        if (Response.Id.Length > 0) fields.Add("id", Response.Id);
        if (Response.Parameters.Count > 0)
            fields.Add("parameters", Response.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={ParameterText(p.Value)}").ToList());
        fields.Write(output);
        output.WriteLine();
        var table = new TextTable("OUTPUT", "DATATYPE", "SHAPE", "VALUES");
        foreach (var o in Outputs)
        {
            table.Add(o.Name, o.Datatype, TensorShape.Format(o.Shape), string.Join(",", o.Values.Select(TensorValueFormatter.Format)));
        }
        table.Write(output);
    }

    public JsonNode ToJson()
    {
        var body = new JsonObject
        {
            ["model_name"] = Response.ModelName,
            ["model_version"] = Response.ModelVersion,
        };
        if (Response.Id.Length > 0) body["id"] = Response.Id;
        if (Response.Parameters.Count > 0)
        {
            var parameters = new JsonObject();
            foreach (var (key, value) in Response.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)) parameters[key] = ParameterJson(value);
            body["parameters"] = parameters;
        }
        body["outputs"] = new JsonArray(Outputs.Select(o => (JsonNode)new JsonObject
        {
            ["name"] = o.Name,
            ["datatype"] = o.Datatype,
            ["shape"] = new JsonArray(o.Shape.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()),
            ["data"] = new JsonArray(o.Values.Select(ValueJson).ToArray()),
        }).ToArray());
        return body;
    }

    private static JsonNode? ValueJson(object value) => value switch
    {
        bool b => JsonValue.Create(b),
        byte[] bytes => JsonValue.Create(TensorValueFormatter.BytesToText(bytes)),
        float f when !float.IsFinite(f) => JsonValue.Create(TensorValueFormatter.Format(f)),
        double d when !double.IsFinite(d) => JsonValue.Create(TensorValueFormatter.Format(d)),
        Half h when !Half.IsFinite(h) => JsonValue.Create(TensorValueFormatter.Format(h)),
        // Shortest round-trip text of the value's own type (0.1 stays 0.1 for FP16 and FP32).
        IFormattable number => JsonNode.Parse(number.ToString(null, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value.ToString()),
    };

    private static JsonNode? ParameterJson(InferParameter p) => p.ParameterChoiceCase switch
    {
        InferParameter.ParameterChoiceOneofCase.BoolParam => JsonValue.Create(p.BoolParam),
        InferParameter.ParameterChoiceOneofCase.Int64Param => JsonValue.Create(p.Int64Param),
        InferParameter.ParameterChoiceOneofCase.Uint64Param => JsonValue.Create(p.Uint64Param),
        InferParameter.ParameterChoiceOneofCase.DoubleParam => double.IsFinite(p.DoubleParam) ? JsonValue.Create(p.DoubleParam) : JsonValue.Create(ParameterText(p)),
        InferParameter.ParameterChoiceOneofCase.StringParam => JsonValue.Create(p.StringParam),
        _ => null,
    };

    private static string ParameterText(InferParameter p) => p.ParameterChoiceCase switch
    {
        InferParameter.ParameterChoiceOneofCase.BoolParam => p.BoolParam ? "true" : "false",
        InferParameter.ParameterChoiceOneofCase.Int64Param => p.Int64Param.ToString(CultureInfo.InvariantCulture),
        InferParameter.ParameterChoiceOneofCase.Uint64Param => p.Uint64Param.ToString(CultureInfo.InvariantCulture),
        InferParameter.ParameterChoiceOneofCase.DoubleParam => p.DoubleParam.ToString(CultureInfo.InvariantCulture),
        InferParameter.ParameterChoiceOneofCase.StringParam => p.StringParam,
        _ => "",
    };
}
