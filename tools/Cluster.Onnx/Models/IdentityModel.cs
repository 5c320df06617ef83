namespace Cluster.Onnx;

/// <summary><c>identity-&lt;dtype&gt;</c>: INPUT0 [batch, 4] -> Identity -> OUTPUT0 [batch, 4].</summary>
internal static class IdentityModel
{
    public const int Width = 4;
    public const int MaxBatchSize = 8;

    public static string Name(TritonDataType dataType) => $"identity-{dataType.Name.ToLowerInvariant()}";

    public static ModelConfig Config(TritonDataType dataType) => new()
    {
        Name = Name(dataType),
        MaxBatchSize = MaxBatchSize,
        Inputs = [new("INPUT0", dataType, [Width])],
        Outputs = [new("OUTPUT0", dataType, [Width])],
    };

    public static ModelProto Build(TritonDataType dataType) =>
        new OnnxGraphBuilder(Name(dataType))
            .Doc($"Returns its {dataType.Name} input unchanged; a test model for every datatype of the serving path.")
            .Input("INPUT0", dataType.OnnxType, TestModels.BatchDim, Width)
            .Node("Identity", ["INPUT0"], ["OUTPUT0"])
            .Output("OUTPUT0", dataType.OnnxType, TestModels.BatchDim, Width)
            .Build();
}
