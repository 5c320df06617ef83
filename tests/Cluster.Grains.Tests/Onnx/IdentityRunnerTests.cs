using Cluster.Grains.Inference;
using Cluster.Grains.Tests.Fixtures;

namespace Cluster.Grains.Tests.Onnx;

[Collection(TestModelsCollection.Name)]
public sealed class IdentityRunnerTests(TestModelsFixture models)
{
    public static TheoryData<string> AllDataTypes { get; } = [.. DataTypes.All];

    [Theory]
    [MemberData(nameof(AllDataTypes))]
    public void IdentityReturnsTheSameBytesAndShapeForEveryDatatype(string datatype)
    {
        var model = "identity-" + datatype.ToLowerInvariant();
        var input = new InferenceTensor("INPUT0", datatype, [3, 4], SampleData.Raw(datatype, 12));
        var request = new InferenceRequest(model, 1, [input], []);
        RequestValidator.Validate(models.Version(model), request);

        var result = models.Runner(model).Run(request);

        var output = Assert.Single(result.Outputs);
        Assert.Equal(("OUTPUT0", datatype), (output.Name, output.DataType));
        Assert.Equal([3L, 4L], output.Shape);
        Assert.Equal(input.Data, output.Data);
    }

    [Fact]
    public void IdentityRunsABatchOfOne()
    {
        var input = new InferenceTensor("INPUT0", DataTypes.Int64, [1, 4], SampleData.Raw(DataTypes.Int64, 4));

        var output = Assert.Single(models.Runner("identity-int64").Run(new("identity-int64", 1, [input], [])).Outputs);

        Assert.Equal([1L, 4L], output.Shape);
        Assert.Equal(input.Data, output.Data);
    }

    [Fact]
    public void RunnerReportsItsDeviceAndTimings()
    {
        var runner = models.Runner("identity-fp32");
        var input = new InferenceTensor("INPUT0", DataTypes.Fp32, [2, 4], SampleData.Raw(DataTypes.Fp32, 8));

        var result = runner.Run(new("identity-fp32", 1, [input], []));

        Assert.Equal("cpu", runner.Device);
        Assert.Equal("identity-fp32", runner.Model.Name);
        Assert.Equal(0, result.Timings.QueueNs);
        Assert.True(result.Timings.ComputeInputNs >= 0 && result.Timings.ComputeInferNs > 0 && result.Timings.ComputeOutputNs >= 0, result.Timings.ToString());
    }
}
