using DataType = Cluster.Onnx.TensorProto.Types.DataType;

namespace Cluster.Onnx;

/// <summary>
/// <c>encoder-wide</c>: the interface of minilm-l6-v2 (input_ids, attention_mask and token_type_ids,
/// INT64 [batch, seq]) with its full <c>last_hidden_state</c> output, FP32 [batch, seq, 384]
/// (1.5 KiB a token, 196 KB a sequence of 128), computed at memory speed:
/// Cast(input_ids + attention_mask + token_type_ids) -> Unsqueeze -> Expand. A model whose cost
/// is the bytes it moves, for measuring the serving path per byte (docs/performance.md).
/// </summary>
internal static class WideEncoderModel
{
    public const int Hidden = 384;
    public const int MaxBatchSize = 256;

    public static ModelConfig Config() => new()
    {
        Name = TestModels.WideEncoder,
        MaxBatchSize = MaxBatchSize,
        Inputs =
        [
            new("input_ids", TritonDataType.Int64, [-1]),
            new("attention_mask", TritonDataType.Int64, [-1]),
            new("token_type_ids", TritonDataType.Int64, [-1]),
        ],
        Outputs = [new("last_hidden_state", TritonDataType.Fp32, [-1, Hidden])],
        InstanceKind = InstanceKind.Auto,
        MaxQueueDelayMicroseconds = 2000,
    };

    public static ModelProto Build() =>
        new OnnxGraphBuilder(TestModels.WideEncoder)
            .Doc($"Large-payload stand-in for a sentence encoder: every token's id, broadcast to {Hidden} FP32 values.")
            .Input("input_ids", DataType.Int64, TestModels.BatchDim, "seq")
            .Input("attention_mask", DataType.Int64, TestModels.BatchDim, "seq")
            .Input("token_type_ids", DataType.Int64, TestModels.BatchDim, "seq")
            .Initializer("axes", new long[] { 2 }, 1)
            .Initializer("hidden", new long[] { 1, 1, Hidden }, 3)
            .Node("Add", ["input_ids", "attention_mask"], ["ids_mask"])
            .Node("Add", ["ids_mask", "token_type_ids"], ["ids_all"])
            .Node("Cast", ["ids_all"], ["ids_float"], OnnxAttribute.Int("to", (long)DataType.Float))
            .Node("Unsqueeze", ["ids_float", "axes"], ["ids_column"])
            .Node("Expand", ["ids_column", "hidden"], ["last_hidden_state"])
            .Output("last_hidden_state", DataType.Float, TestModels.BatchDim, "seq", Hidden)
            .Build();
}
