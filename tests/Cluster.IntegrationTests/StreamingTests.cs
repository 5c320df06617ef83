using Cluster.IntegrationTests.Infrastructure;
using Grpc.Core;
using Inference;

namespace Cluster.IntegrationTests;

[Collection(ClusterCollection.Name)]
public sealed class StreamingTests(ClusterFixture cluster)
{
    [Fact]
    public async Task StreamInferAnswersEachRequestAndReportsErrorsInline()
    {
        using var call = cluster.Client.ModelStreamInfer();
        for (var i = 0; i < 10; i++)
        {
            var request = i == 4
                ? Requests.Raw("identity-fp32", ("INPUT0", "FP32", [1, 4], new byte[5]))
                : Requests.Fp32Identity();
            request.Id = $"s{i}";
            await call.RequestStream.WriteAsync(request);
        }
        await call.RequestStream.CompleteAsync();

        var responses = new List<ModelStreamInferResponse>();
        await foreach (var response in call.ResponseStream.ReadAllAsync()) responses.Add(response);

        Assert.Equal(10, responses.Count);
        var failed = Assert.Single(responses, r => r.ErrorMessage.Length > 0);
        Assert.Equal("s4", failed.InferResponse.Id);
        Assert.StartsWith("INVALID_ARGUMENT: input 'INPUT0' has 5 bytes", failed.ErrorMessage);
        Assert.Equal(
            Enumerable.Range(0, 10).Where(i => i != 4).Select(i => $"s{i}").Order(),
            responses.Where(r => r.ErrorMessage.Length == 0).Select(r => r.InferResponse.Id).Order());
    }
}
