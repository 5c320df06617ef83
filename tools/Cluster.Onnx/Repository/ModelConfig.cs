using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cluster.Onnx;

/// <summary>
/// The <c>config.json</c> of a model in a Triton-style repository: Triton's model configuration
/// in protobuf-JSON form with snake_case keys.
/// </summary>
public sealed record ModelConfig
{
    /// <summary>The platform string for ONNX models.</summary>
    public const string OnnxPlatform = "onnxruntime_onnx";

    /// <summary>The default dynamic-batching delay, in microseconds.</summary>
    public const int DefaultMaxQueueDelayMicroseconds = 100;

    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    public required string Name { get; init; }

    public string Platform { get; init; } = OnnxPlatform;

    /// <summary>The largest batch the model accepts; 0 means the model takes no batch dimension.</summary>
    public int MaxBatchSize { get; init; }

    public required IReadOnlyList<ModelTensorConfig> Inputs { get; init; }

    public required IReadOnlyList<ModelTensorConfig> Outputs { get; init; }

    /// <summary>How many of the newest versions are served (<c>version_policy.latest.num_versions</c>).</summary>
    public int LatestVersions { get; init; } = 1;

    public InstanceKind InstanceKind { get; init; } = InstanceKind.Cpu;

    public int InstanceCount { get; init; } = 1;

    /// <summary>The dynamic-batching delay; null writes no <c>dynamic_batching</c> section.</summary>
    public int? MaxQueueDelayMicroseconds { get; init; } = DefaultMaxQueueDelayMicroseconds;

    /// <summary>The config as indented JSON.</summary>
    public string ToJson() => ToJsonObject().ToJsonString(s_indented);

    public JsonObject ToJsonObject()
    {
        var json = new JsonObject
        {
            ["name"] = Name,
            ["platform"] = Platform,
            ["max_batch_size"] = MaxBatchSize,
            ["input"] = Tensors(Inputs),
            ["output"] = Tensors(Outputs),
            ["version_policy"] = new JsonObject { ["latest"] = new JsonObject { ["num_versions"] = LatestVersions } },
            ["instance_group"] = new JsonArray(new JsonObject { ["kind"] = KindName(InstanceKind), ["count"] = InstanceCount }),
        };
        if (MaxQueueDelayMicroseconds is { } delay)
            json["dynamic_batching"] = new JsonObject { ["max_queue_delay_microseconds"] = delay };
        return json;
    }

    private static JsonArray Tensors(IEnumerable<ModelTensorConfig> tensors) =>
        new([.. tensors.Select(tensor => (JsonNode)new JsonObject
        {
            ["name"] = tensor.Name,
            ["data_type"] = tensor.DataType.ConfigName,
            ["dims"] = new JsonArray([.. tensor.Dims.Select(dim => (JsonNode?)JsonValue.Create(dim))]),
        })]);

    private static string KindName(InstanceKind kind) => kind switch
    {
        InstanceKind.Auto => "KIND_AUTO",
        InstanceKind.Cpu => "KIND_CPU",
        InstanceKind.Gpu => "KIND_GPU",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
