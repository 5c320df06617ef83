using Cluster.Grains.Inference;
using Cluster.Grains.Tests.Fixtures;
using static Cluster.Grains.Tests.Fixtures.Tensors;

namespace Cluster.Grains.Tests.Onnx;

[Collection(TestModelsCollection.Name)]
public sealed class SimpleRunnerTests(TestModelsFixture models)
{
    private static InferenceRequest SimpleRequest(params string[] outputs) =>
        Request("simple", outputs, Int32("INPUT0", [2, 16], i => i), Int32("INPUT1", [2, 16], _ => 10));

    [Fact]
    public void SimpleReturnsEveryOutputInContractOrderByDefault()
    {
        var outputs = models.Runner("simple").Run(SimpleRequest()).Outputs;

        Assert.Equal(["OUTPUT0", "OUTPUT1"], outputs.Select(o => o.Name));
        Assert.Equal(Enumerable.Range(10, 32), AsInt32(outputs[0]));
        Assert.Equal(Enumerable.Range(-10, 32), AsInt32(outputs[1]));
        Assert.All(outputs, o => Assert.Equal([2L, 16L], o.Shape));
    }

    [Fact]
    public void SimpleReturnsOnlyTheRequestedOutput()
    {
        var request = SimpleRequest("OUTPUT1");
        RequestValidator.Validate(models.Version("simple"), request);

        var output = Assert.Single(models.Runner("simple").Run(request).Outputs);

        Assert.Equal(("OUTPUT1", DataTypes.Int32), (output.Name, output.DataType));
        Assert.Equal(Enumerable.Range(-10, 32), AsInt32(output));
    }

    [Fact]
    public void SimpleReturnsRequestedOutputsInTheRequestedOrder()
    {
        var outputs = models.Runner("simple").Run(SimpleRequest("OUTPUT1", "OUTPUT0")).Outputs;

        Assert.Equal(["OUTPUT1", "OUTPUT0"], outputs.Select(o => o.Name));
        Assert.Equal(Enumerable.Range(10, 32), AsInt32(outputs[1]));
    }

    [Fact]
    public void MlpReturnsProbabilitiesThatSumToOne()
    {
        var request = Request("mlp-fp32", Fp32("x", [3, 8]));
        RequestValidator.Validate(models.Version("mlp-fp32"), request);

        var output = Assert.Single(models.Runner("mlp-fp32").Run(request).Outputs);

        Assert.Equal([3L, 3L], output.Shape);
        var p = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(output.Data.Span).ToArray();
        for (var row = 0; row < 3; row++) Assert.Equal(1f, p[(row * 3)..(row * 3 + 3)].Sum(), 4);
    }
}
