using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Cluster.Onnx.Tests;

public sealed class IdentityModelTests(TestModelRepository repository) : IClassFixture<TestModelRepository>
{
    private const int Batch = 3;
    private const int Width = 4;

    public static TheoryData<string> DataTypes => [.. TritonDataType.All.Select(type => type.Name)];

    [Theory]
    [MemberData(nameof(DataTypes))]
    public void IdentityModelDeclaresDynamicBatchAndElementType(string dataTypeName)
    {
        var dataType = TritonDataType.FromName(dataTypeName)!;
        using var session = new InferenceSession(repository.ModelPath(TestModels.IdentityName(dataType)));

        var input = Assert.Single(session.InputMetadata);
        var output = Assert.Single(session.OutputMetadata);
        Assert.Equal("INPUT0", input.Key);
        Assert.Equal("OUTPUT0", output.Key);
        foreach (var metadata in new[] { input.Value, output.Value })
        {
            Assert.Equal(ExpectedElementType(dataType), metadata.ElementDataType);
            Assert.Equal([-1, Width], metadata.Dimensions);
            Assert.Equal(TestModels.BatchDim, metadata.SymbolicDimensions[0]);
        }
    }

    [Theory]
    [MemberData(nameof(DataTypes))]
    public void IdentityModelRoundTripsEveryDatatype(string dataTypeName)
    {
        var dataType = TritonDataType.FromName(dataTypeName)!;
        using var session = new InferenceSession(repository.ModelPath(TestModels.IdentityName(dataType)));
        var n = Batch * Width;

        switch (dataType.Name)
        {
            case "BOOL": AssertRoundTrip(session, [.. Enumerable.Range(0, n).Select(i => i % 3 == 0)]); break;
            case "UINT8": AssertRoundTrip(session, [.. Enumerable.Range(0, n).Select(i => (byte)(250 + i))]); break;
            case "UINT16": AssertRoundTrip(session, [.. Enumerable.Range(0, n).Select(i => (ushort)(65_530 + i))]); break;
            case "UINT32": AssertRoundTrip(session, [.. Enumerable.Range(0, n).Select(i => uint.MaxValue - (uint)i)]); break;
            case "UINT64": AssertRoundTrip(session, [.. Enumerable.Range(0, n).Select(i => ulong.MaxValue - (ulong)i)]); break;
            case "INT8": AssertRoundTrip(session, [.. Enumerable.Range(0, n).Select(i => (sbyte)(i - 6))]); break;
            case "INT16": AssertRoundTrip(session, [.. Enumerable.Range(0, n).Select(i => (short)(i * -1000))]); break;
            case "INT32": AssertRoundTrip(session, [.. Enumerable.Range(0, n).Select(i => int.MinValue + i)]); break;
            case "INT64": AssertRoundTrip(session, [.. Enumerable.Range(0, n).Select(i => long.MaxValue - i)]); break;
            case "FP16": AssertRoundTrip(session, [.. Enumerable.Range(0, n).Select(i => (Float16)(i * 0.5f - 2f))]); break;
            case "FP32": AssertRoundTrip(session, [.. Enumerable.Range(0, n).Select(i => i * 1.25f - 7f)]); break;
            case "FP64": AssertRoundTrip(session, [.. Enumerable.Range(0, n).Select(i => Math.PI * i)]); break;
            case "BF16": AssertRoundTrip(session, [.. Enumerable.Range(0, n).Select(i => (BFloat16)(i * 0.5f - 2f))]); break;
            case "BYTES": AssertStringRoundTrip(session, [.. Enumerable.Range(0, n).Select(i => i == 0 ? string.Empty : $"value-{i}-é")]); break;
            default: Assert.Fail($"No test data for {dataType.Name}."); break;
        }
    }

    private static void AssertRoundTrip<T>(InferenceSession session, T[] data)
        where T : unmanaged
    {
        using var input = Ort.Tensor(data, Batch, Width);
        using var outputs = Ort.Run(session, new Dictionary<string, OrtValue> { ["INPUT0"] = input }, "OUTPUT0");
        var output = Assert.Single(outputs);
        Assert.Equal([Batch, Width], output.GetTensorTypeAndShape().Shape);
        Assert.Equal(data, output.GetTensorDataAsSpan<T>().ToArray());
    }

    private static void AssertStringRoundTrip(InferenceSession session, string[] data)
    {
        using var input = Ort.Strings(data, Batch, Width);
        using var outputs = Ort.Run(session, new Dictionary<string, OrtValue> { ["INPUT0"] = input }, "OUTPUT0");
        var output = Assert.Single(outputs);
        Assert.Equal([Batch, Width], output.GetTensorTypeAndShape().Shape);
        Assert.Equal(data, output.GetStringTensorAsArray());
    }

    private static TensorElementType ExpectedElementType(TritonDataType dataType) => dataType.Name switch
    {
        "BOOL" => TensorElementType.Bool,
        "UINT8" => TensorElementType.UInt8,
        "UINT16" => TensorElementType.UInt16,
        "UINT32" => TensorElementType.UInt32,
        "UINT64" => TensorElementType.UInt64,
        "INT8" => TensorElementType.Int8,
        "INT16" => TensorElementType.Int16,
        "INT32" => TensorElementType.Int32,
        "INT64" => TensorElementType.Int64,
        "FP16" => TensorElementType.Float16,
        "FP32" => TensorElementType.Float,
        "FP64" => TensorElementType.Double,
        "BF16" => TensorElementType.BFloat16,
        "BYTES" => TensorElementType.String,
        _ => throw new ArgumentOutOfRangeException(nameof(dataType), dataType, null),
    };
}
