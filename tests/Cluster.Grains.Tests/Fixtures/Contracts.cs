using Cluster.Grains.Inference;
using Cluster.Grains.Repository;

namespace Cluster.Grains.Tests.Fixtures;

/// <summary>Model contracts for validator tests, written by hand so no ONNX model is needed.</summary>
public static class Contracts
{
    /// <summary>identity-fp32: INPUT0 FP32 [-1,4] -> OUTPUT0 FP32 [-1,4], max_batch_size 8.</summary>
    public static ModelVersionDescriptor IdentityFp32 { get; } = Identity(DataTypes.Fp32);

    /// <summary>identity-bytes: INPUT0 BYTES [-1,4] -> OUTPUT0 BYTES [-1,4], max_batch_size 8.</summary>
    public static ModelVersionDescriptor IdentityBytes { get; } = Identity(DataTypes.Bytes);

    /// <summary>simple: INPUT0, INPUT1 INT32 [-1,16] -> OUTPUT0, OUTPUT1, max_batch_size 8.</summary>
    public static ModelVersionDescriptor Simple { get; } = new()
    {
        Name = "simple",
        Version = 1,
        MaxBatchSize = 8,
        Inputs = [new("INPUT0", DataTypes.Int32, [-1, 16]), new("INPUT1", DataTypes.Int32, [-1, 16])],
        Outputs = [new("OUTPUT0", DataTypes.Int32, [-1, 16]), new("OUTPUT1", DataTypes.Int32, [-1, 16])],
    };

    /// <summary>free-shape: x FP32 [-1,-1] -> y, no batching, so any 2-D shape is in contract.</summary>
    public static ModelVersionDescriptor FreeShape { get; } = new()
    {
        Name = "free-shape",
        Version = 1,
        Inputs = [new("x", DataTypes.Fp32, [-1, -1])],
        Outputs = [new("y", DataTypes.Fp32, [-1, -1])],
    };

    private static ModelVersionDescriptor Identity(string datatype) => new()
    {
        Name = "identity-" + datatype.ToLowerInvariant(),
        Version = 1,
        MaxBatchSize = 8,
        Inputs = [new("INPUT0", datatype, [-1, 4])],
        Outputs = [new("OUTPUT0", datatype, [-1, 4])],
    };
}
