using Cluster.IntegrationTests.Infrastructure;
using Inference;

namespace Cluster.IntegrationTests;

[Collection(ClusterCollection.Name)]
public sealed class ModelOutputTests(ClusterFixture cluster)
{
    [Fact]
    public async Task RequestedOutputsSelectAndOrderTheOutputs()
    {
        var a = Enumerable.Range(0, 16).ToArray();
        var b = Enumerable.Range(0, 16).Select(i => 100 - i).ToArray();
        var request = Requests.Raw("simple", ("INPUT0", "INT32", [1, 16], Bytes(a)), ("INPUT1", "INT32", [1, 16], Bytes(b)));
        request.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = "OUTPUT1" });
        request.Id = "req-42";

        var response = await cluster.Client.ModelInferAsync(request);

        Assert.Equal("req-42", response.Id);
        Assert.Equal(("simple", "1"), (response.ModelName, response.ModelVersion));
        var output = Assert.Single(response.Outputs);
        Assert.Equal("OUTPUT1", output.Name);
        var diff = response.RawOutputContents[0].ToByteArray();
        Assert.Equal(a.Zip(b, (x, y) => x - y).ToArray(), Enumerable.Range(0, 16).Select(i => BitConverter.ToInt32(diff, i * 4)).ToArray());
    }

    [Fact]
    public async Task NoRequestedOutputsReturnsAllOutputs()
    {
        var request = Requests.Raw("simple", ("INPUT0", "INT32", [2, 16], new byte[128]), ("INPUT1", "INT32", [2, 16], new byte[128]));
        var response = await cluster.Client.ModelInferAsync(request);
        Assert.Equal(["OUTPUT0", "OUTPUT1"], response.Outputs.Select(o => o.Name).ToArray());
        Assert.All(response.Outputs, o => Assert.Equal([2L, 16L], o.Shape));
    }

    [Fact]
    public async Task MlpMatchesOnnxRuntimeCalledDirectly()
    {
        var data = Enumerable.Range(0, 5 * 8).SelectMany(i => BitConverter.GetBytes(MathF.Sin(i))).ToArray();
        var response = await cluster.Client.ModelInferAsync(Requests.Raw("mlp-fp32", ("x", "FP32", [5, 8], data)));
        var expected = OrtReference.Run(cluster.ModelPath("mlp-fp32"), new OrtReference.Tensor("x", "FP32", [5, 8], data))["probabilities"];
        var actual = response.RawOutputContents[0].ToByteArray();
        for (var i = 0; i < actual.Length / 4; i++)
            Assert.InRange(BitConverter.ToSingle(actual, i * 4), BitConverter.ToSingle(expected.Raw, i * 4) - 1e-6f, BitConverter.ToSingle(expected.Raw, i * 4) + 1e-6f);
    }

    private static byte[] Bytes(int[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();
}
