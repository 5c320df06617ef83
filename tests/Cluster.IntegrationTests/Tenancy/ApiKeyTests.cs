using Cluster.Admin.V1;
using Cluster.IntegrationTests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Inference;

namespace Cluster.IntegrationTests.Tenancy;

/// <summary>Credentials: issue, use, expiry, revocation (on every gateway within 5 s), rotation, one message for every bad key.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ApiKeyTests(ClusterFixture cluster)
{
    private const string Model = "identity-fp32";

    [Fact]
    public async Task IssuedKeyIsShownOnceInTheDocumentedFormatAndListedWithoutSecrets()
    {
        var key = await NewTenant("key-format");
        Assert.Matches("^hsk_[a-z2-7]{12}_[a-z2-7]{52}$", key);
        var keys = await cluster.Operator.Keys.ListKeysAsync(new ListKeysRequest { TenantId = "key-format" });
        var listed = Assert.Single(keys.Keys);
        Assert.Equal(key.Split('_')[1], listed.KeyId);
        Assert.DoesNotContain(key.Split('_')[2], keys.ToString());
        Assert.Equal("operator", listed.CreatedBy.Split(':')[0]);
    }

    [Fact]
    public async Task SecretsAreStoredOnlyAsHashes()
    {
        var key = await NewTenant("key-hash");
        var secret = key.Split('_')[2];
        var table = new Azure.Data.Tables.TableServiceClient(cluster.Storage.ConnectionString);
        var dump = new System.Text.StringBuilder();
        await foreach (var t in table.QueryAsync())
        {
            await foreach (var row in table.GetTableClient(t.Name).QueryAsync<Azure.Data.Tables.TableEntity>())
                foreach (var (name, value) in row) dump.Append(name).Append('=').Append(value is byte[] b ? Convert.ToBase64String(b) : value).Append('\n');
        }
        Assert.NotEqual(0, dump.Length);
        Assert.DoesNotContain(secret, dump.ToString());
        Assert.DoesNotContain(key, dump.ToString());
    }

    [Fact]
    public async Task IssuedKeyAuthenticatesItsTenant()
    {
        var key = await NewTenant("key-use");
        var response = await cluster.ClientFor(key).ModelInferAsync(Requests.Identity(Model));
        Assert.Equal(Model, response.ModelName);
    }

    [Fact]
    public async Task RevokedKeyIsRefusedOnEveryGatewayWithinFiveSeconds()
    {
        var key = await NewTenant("key-revoke");
        await using var second = await cluster.StartExtraGatewayAsync();
        var viaFirst = cluster.ClientFor(key);
        var viaSecond = second.ClientFor(key);
        await viaFirst.ModelInferAsync(Requests.Identity(Model));
        await viaSecond.ModelInferAsync(Requests.Identity(Model));

        await cluster.Operator.Keys.RevokeKeyAsync(new RevokeKeyRequest { TenantId = "key-revoke", KeyId = key.Split('_')[1] });

        var first = Expect.EventuallyRefused(StatusCode.Unauthenticated, () => viaFirst.ModelInferAsync(Requests.Identity(Model)).ResponseAsync, TimeSpan.FromSeconds(5));
        var other = Expect.EventuallyRefused(StatusCode.Unauthenticated, () => viaSecond.ModelInferAsync(Requests.Identity(Model)).ResponseAsync, TimeSpan.FromSeconds(5));
        Assert.All(await Task.WhenAll(first, other), elapsed => Assert.True(elapsed < TimeSpan.FromSeconds(5), $"revocation took {elapsed}"));
        var listed = Assert.Single((await cluster.Operator.Keys.ListKeysAsync(new ListKeysRequest { TenantId = "key-revoke" })).Keys);
        Assert.True(listed.Revoked);
    }

    [Fact]
    public async Task ExpiredKeyIsRefused()
    {
        await cluster.CreateTenantAsync("key-expiry", [Model], [Purposes.Treat], Purposes.Treat);
        await Approve("key-expiry");
        var issued = await cluster.Operator.Keys.IssueKeyAsync(new IssueKeyRequest
        {
            TenantId = "key-expiry",
            Name = "short-lived",
            ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(3)),
        });
        var client = cluster.ClientFor(issued.Secret);
        await client.ModelInferAsync(Requests.Identity(Model));
        var elapsed = await Expect.EventuallyRefused(StatusCode.Unauthenticated, () => client.ModelInferAsync(Requests.Identity(Model)).ResponseAsync, TimeSpan.FromSeconds(4));
        Assert.True(elapsed >= TimeSpan.FromSeconds(2), $"refused after {elapsed}, before the key expired");
    }

    [Fact]
    public async Task KeysRotateWithoutARestart()
    {
        var old = await NewTenant("key-rotate");
        var fresh = (await cluster.Operator.Keys.IssueKeyAsync(new IssueKeyRequest { TenantId = "key-rotate", Name = "rotated" })).Secret;
        await cluster.ClientFor(old).ModelInferAsync(Requests.Identity(Model));
        await cluster.ClientFor(fresh).ModelInferAsync(Requests.Identity(Model));

        await cluster.Operator.Keys.RevokeKeyAsync(new RevokeKeyRequest { TenantId = "key-rotate", KeyId = old.Split('_')[1] });

        await Expect.EventuallyRefused(StatusCode.Unauthenticated, () => cluster.ClientFor(old).ModelInferAsync(Requests.Identity(Model)).ResponseAsync, TimeSpan.FromSeconds(5));
        await cluster.ClientFor(fresh).ModelInferAsync(Requests.Identity(Model));
    }

    [Fact]
    public async Task EveryBadCredentialGetsTheSameUnauthenticatedMessage()
    {
        var key = await NewTenant("key-bad");
        var parts = key.Split('_');
        string?[] credentials =
        [
            null,
            "",
            "garbage",
            "hsk_short_x",
            $"hsk_{parts[1]}_{new string('a', 52)}",
            $"hsk_{"abcdefghijkl"}_{parts[2]}",
            $"hso_{parts[1]}_{parts[2]}",
            key.ToUpperInvariant(),
        ];
        var messages = new HashSet<string>();
        foreach (var credential in credentials)
        {
            var client = credential is null ? cluster.Anonymous : cluster.ClientFor(credential);
            var ex = await Expect.Refused(StatusCode.Unauthenticated, "INVALID_CREDENTIAL", () => client.ModelInferAsync(Requests.Identity(Model)).ResponseAsync);
            messages.Add(ex.Status.Detail);
        }
        Assert.Single(messages);
    }

    [Fact]
    public async Task OperatorKeyCannotCallTheDataPlaneAsATenant() =>
        await Expect.Refused(StatusCode.PermissionDenied, "OPERATOR_CREDENTIAL",
            () => cluster.OperatorInference.ModelInferAsync(Requests.Identity(Model, Purposes.Treat)).ResponseAsync);

    [Fact]
    public async Task TenantKeyCannotCallOperatorApis()
    {
        var admin = cluster.AdminFor(cluster.TenantKey);
        await Expect.Refused(StatusCode.PermissionDenied, "OPERATOR_ONLY", () => admin.Tenants.CreateTenantAsync(new CreateTenantRequest { Id = "sneaky", DisplayName = "x" }).ResponseAsync);
        await Expect.Refused(StatusCode.PermissionDenied, "OPERATOR_ONLY", () => admin.Tenants.ListTenantsAsync(new ListTenantsRequest()).ResponseAsync);
        await Expect.Refused(StatusCode.PermissionDenied, "OPERATOR_ONLY", () => admin.Tenants.SuspendTenantAsync(new SuspendTenantRequest { Id = ClusterFixture.TestTenant }).ResponseAsync);
        await Expect.Refused(StatusCode.PermissionDenied, "OPERATOR_ONLY", () => admin.Keys.IssueKeyAsync(new IssueKeyRequest { TenantId = ClusterFixture.TestTenant, Name = "x" }).ResponseAsync);
        await Expect.Refused(StatusCode.PermissionDenied, "OPERATOR_ONLY", () => admin.Policies.SetPolicyAsync(new SetPolicyRequest { TenantId = ClusterFixture.TestTenant }).ResponseAsync);
        await Expect.Refused(StatusCode.PermissionDenied, "OPERATOR_ONLY", () => admin.Models.ListModelsAsync(new ListModelsRequest()).ResponseAsync);
        await Expect.Refused(StatusCode.PermissionDenied, "OPERATOR_ONLY", () => admin.Models.SetLifecycleAsync(new SetLifecycleRequest { Model = Model, Version = "1", State = LifecycleState.Retired }).ResponseAsync);
        await Expect.Refused(StatusCode.PermissionDenied, "OPERATOR_ONLY", () => cluster.Client.ModelStatisticsAsync(new ModelStatisticsRequest()).ResponseAsync);
    }

    [Fact]
    public async Task HealthAndServerEndpointsNeedNoKeyButModelEndpointsDo()
    {
        Assert.True((await cluster.Anonymous.ServerLiveAsync(new ServerLiveRequest())).Live);
        Assert.True((await cluster.Anonymous.ServerReadyAsync(new ServerReadyRequest())).Ready);
        await cluster.Anonymous.ServerMetadataAsync(new ServerMetadataRequest());
        await Expect.Refused(StatusCode.Unauthenticated, "INVALID_CREDENTIAL", () => cluster.Anonymous.ModelMetadataAsync(new ModelMetadataRequest { Name = Model }).ResponseAsync);
        await Expect.Refused(StatusCode.Unauthenticated, "INVALID_CREDENTIAL", () => cluster.Anonymous.RepositoryIndexAsync(new RepositoryIndexRequest()).ResponseAsync);

        using var anonymous = new HttpClient { BaseAddress = cluster.Http.BaseAddress };
        Assert.Equal(200, (int)(await anonymous.GetAsync("/v2/health/ready")).StatusCode);
        Assert.Equal(200, (int)(await anonymous.GetAsync("/healthz")).StatusCode);
        Assert.Equal(401, (int)(await anonymous.GetAsync($"/v2/models/{Model}")).StatusCode);
        Assert.Equal(401, (int)(await anonymous.PostAsync($"/v2/models/{Model}/infer", new StringContent("{}"))).StatusCode);
    }

    [Fact]
    public async Task ARevokedKeyEndsAnOpenStreamWithinFiveSeconds()
    {
        var key = await NewTenant("key-stream");
        using var stream = cluster.ClientFor(key).ModelStreamInfer();
        await stream.RequestStream.WriteAsync(Requests.Identity(Model));
        Assert.True(await stream.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal("", stream.ResponseStream.Current.ErrorMessage);

        await cluster.Operator.Keys.RevokeKeyAsync(new RevokeKeyRequest { TenantId = "key-stream", KeyId = key.Split('_')[1] });
        var revoked = System.Diagnostics.Stopwatch.StartNew();

        // The stream stays idle: it must end on its own, not only at its next request.
        var ended = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (await stream.ResponseStream.MoveNext(timeout.Token)) { }
        });
        Assert.Equal(StatusCode.Unauthenticated, ended.StatusCode);
        Assert.True(revoked.Elapsed < TimeSpan.FromSeconds(5.5), $"the stream ended {revoked.Elapsed} after the revocation");
    }

    private async Task<string> NewTenant(string id)
    {
        var key = await cluster.CreateTenantAsync(id, [Model], [Purposes.Treat], Purposes.Treat);
        await Approve(id);
        return key;
    }

    private Task Approve(string tenant) =>
        cluster.Operator.Models.ApproveModelAsync(new ApproveModelRequest { Model = Model, Version = "1", TenantId = tenant }).ResponseAsync;
}
