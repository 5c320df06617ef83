using Cluster.IntegrationTests.Infrastructure;
using Google.Rpc;
using Grpc.Core;
using Inference;

namespace Cluster.IntegrationTests.Security;

/// <summary>The API-key scheme runs before any handler reads the request body; failures are limited per source.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AuthenticationTests(ClusterFixture cluster)
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    private static Task<byte[]> SendRaw(GatewayHost gateway, string method, byte[] payload, string? key)
    {
        var call = new Method<byte[], byte[]>(MethodType.Unary, "inference.GRPCInferenceService", method, Bytes, Bytes);
        var headers = new Metadata();
        if (key is not null) headers.Add("authorization", $"Bearer {key}");
        return gateway.Channel.CreateCallInvoker().AsyncUnaryCall(call, null, new CallOptions(headers), payload).ResponseAsync;
    }

    [Fact]
    public async Task AnUnauthenticatedCallIsRefusedBeforeItsBodyIsRead()
    {
        await using var gateway = await cluster.StartExtraGatewayAsync();

        // A body that would fail to parse (not UTF-8) and one over Gateway:MaxRequestBytes: without a
        // key both are UNAUTHENTICATED, so neither was read.
        var malformed = await Assert.ThrowsAsync<RpcException>(() => SendRaw(gateway, "ModelInfer", [0x0A, 0x02, 0xC3, 0x28], key: null));
        var oversized = await Assert.ThrowsAsync<RpcException>(() => SendRaw(gateway, "ModelInfer", new byte[ClusterFixture.MaxRequestBytes + 1024], key: "hsk_aaaaaaaaaaaa_bbbb"));

        Assert.Equal(StatusCode.Unauthenticated, malformed.StatusCode);
        Assert.Equal("INVALID_CREDENTIAL", malformed.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.Equal(StatusCode.Unauthenticated, oversized.StatusCode);
    }

    [Fact]
    public async Task ASourceThatKeepsFailingIsRefusedBeforeItsKeysAreLookedUp()
    {
        await using var gateway = await cluster.StartExtraGatewayAsync(new Dictionary<string, string?>
        {
            ["Auth:FailedAuthenticationBurst"] = "5",
            ["Auth:FailedAuthenticationsPerSecond"] = "0.01",
        });
        var guessing = gateway.ClientFor("hsk_aaaaaaaaaaaa_" + new string('b', 52));

        var answers = new List<StatusCode>();
        for (var i = 0; i < 8; i++)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => guessing.ModelMetadataAsync(new ModelMetadataRequest { Name = "identity-fp32" }).ResponseAsync);
            answers.Add(refused.StatusCode);
        }
        var valid = await Assert.ThrowsAsync<RpcException>(() => gateway.ClientFor(cluster.TenantKey).ModelMetadataAsync(new ModelMetadataRequest { Name = "identity-fp32" }).ResponseAsync);

        Assert.Equal(Enumerable.Repeat(StatusCode.Unauthenticated, 5).Concat(Enumerable.Repeat(StatusCode.ResourceExhausted, 3)), answers);
        // The limit is per source address: the throttled address is refused even with a valid key until it refills.
        Assert.Equal(StatusCode.ResourceExhausted, valid.StatusCode);
        Assert.Equal("AUTHENTICATION_THROTTLED", valid.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.NotNull(valid.GetRpcStatus()!.GetDetail<RetryInfo>());
    }

    [Fact]
    public async Task AnOperatorKeyOnTheDataPlaneAndATenantKeyOnOperatorDataArePermissionDeniedByPolicy()
    {
        var asOperator = await Assert.ThrowsAsync<RpcException>(() => cluster.OperatorInference.ModelInferAsync(Requests.Fp32Identity()).ResponseAsync);
        var asTenant = await Assert.ThrowsAsync<RpcException>(() => cluster.Client.ModelStatisticsAsync(new ModelStatisticsRequest()).ResponseAsync);

        Assert.Equal((StatusCode.PermissionDenied, "OPERATOR_CREDENTIAL"), (asOperator.StatusCode, asOperator.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason));
        Assert.Equal((StatusCode.PermissionDenied, "OPERATOR_ONLY"), (asTenant.StatusCode, asTenant.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason));
    }

    [Fact]
    public async Task RestRefusalsCarryTheSameReasonsAndAChallenge()
    {
        using var anonymous = new HttpClient { BaseAddress = cluster.Http.BaseAddress };
        using var refused = await anonymous.GetAsync("/v2/models/identity-fp32");

        Assert.Equal(401, (int)refused.StatusCode);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.ToString());
        Assert.Contains("missing, malformed, unknown, revoked or expired API key", await refused.Content.ReadAsStringAsync());
    }
}
