using Cluster.Onnx;

namespace Cluster.Grains.Tests.Fixtures;

/// <summary>config.json contents for the test models, by Cluster.Onnx's writer (KIND_CPU unless changed).</summary>
public static class Configs
{
    /// <summary>identity-fp32's contract under another name: INPUT0/OUTPUT0 FP32 [4], max_batch_size 8.</summary>
    public static ModelConfig IdentityFp32(string name) => new()
    {
        Name = name,
        MaxBatchSize = 8,
        Inputs = [new("INPUT0", TritonDataType.Fp32, [4])],
        Outputs = [new("OUTPUT0", TritonDataType.Fp32, [4])],
    };

    /// <summary>simple's contract under another name: INPUT0/INPUT1 -> OUTPUT0/OUTPUT1, INT32 [16], max_batch_size 8.</summary>
    public static ModelConfig Simple(string name) => new()
    {
        Name = name,
        MaxBatchSize = 8,
        Inputs = [new("INPUT0", TritonDataType.Int32, [16]), new("INPUT1", TritonDataType.Int32, [16])],
        Outputs = [new("OUTPUT0", TritonDataType.Int32, [16]), new("OUTPUT1", TritonDataType.Int32, [16])],
    };
}
