using System.Text;
using Cluster.IntegrationTests.Infrastructure;
using Grpc.Core;

namespace Cluster.IntegrationTests;

/// <summary>Tensor contents never reach the logs, on success or on failure.</summary>
[Collection(ClusterCollection.Name)]
public sealed class NoPhiInLogsTests(ClusterFixture cluster)
{
    [Fact]
    public async Task TensorContentsNeverReachTheLogs()
    {
        const string secret = "PATIENT-MRN-99887766";
        var strings = new[] { secret, secret + "-b", secret + "-c", secret + "-d" };
        await cluster.Client.ModelInferAsync(Requests.Raw("identity-bytes", ("INPUT0", "BYTES", [1, 4], OrtReference.RawStrings(strings))));
        await Assert.ThrowsAsync<RpcException>(() => cluster.Client.ModelInferAsync(
            Requests.Raw("identity-bytes", ("INPUT0", "BYTES", [2, 4], OrtReference.RawStrings(strings)))).ResponseAsync);

        var distinctive = BitConverter.GetBytes(31337.25f);
        await Assert.ThrowsAsync<RpcException>(() => cluster.Client.ModelInferAsync(
            Requests.Raw("identity-fp32", ("INPUT0", "FP32", [1, 4], [.. distinctive, .. distinctive, .. distinctive]))).ResponseAsync);

        var logs = string.Join('\n', cluster.Logs.Lines);
        Assert.NotEmpty(cluster.Logs.Lines);
        Assert.DoesNotContain(secret, logs);
        Assert.DoesNotContain("31337", logs);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), logs);
    }
}
