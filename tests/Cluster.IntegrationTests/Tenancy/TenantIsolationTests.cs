using Cluster.Admin.V1;
using Cluster.IntegrationTests.Infrastructure;
using Grpc.Core;
using Inference;

namespace Cluster.IntegrationTests.Tenancy;

/// <summary>Tenants reach only their own data and what their policy allows, tried from both sides.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TenantIsolationTests(ClusterFixture cluster)
{
    [Fact]
    public async Task AnotherTenantsPrivateModelLooksExactlyLikeAnUnknownModel()
    {
        var owner = await cluster.CreateTenantAsync(TestRepository.PrivateOwner, [TestRepository.PrivateModel], [Purposes.Treat], Purposes.Treat);
        var other = await cluster.CreateTenantAsync("iso-other", [TestRepository.PrivateModel, "identity-fp32"], [Purposes.Treat], Purposes.Treat);
        await cluster.Operator.Models.SetLifecycleAsync(new SetLifecycleRequest { Model = TestRepository.PrivateModel, Version = "1", State = LifecycleState.Approved });
        await cluster.Operator.Models.ApproveModelAsync(new ApproveModelRequest { Model = TestRepository.PrivateModel, Version = "1", AllTenants = true });

        await cluster.ClientFor(owner).ModelInferAsync(Requests.Identity(TestRepository.PrivateModel));
        var ownerIndex = await cluster.ClientFor(owner).RepositoryIndexAsync(new RepositoryIndexRequest());
        Assert.Contains(ownerIndex.Models, m => m.Name == TestRepository.PrivateModel);

        var client = cluster.ClientFor(other);
        var hidden = await Expect.Refused(StatusCode.NotFound, "MODEL_NOT_FOUND", () => client.ModelInferAsync(Requests.Identity(TestRepository.PrivateModel)).ResponseAsync);
        var unknown = await Expect.Refused(StatusCode.NotFound, "MODEL_NOT_FOUND", () => client.ModelInferAsync(Requests.Identity("no-such-model")).ResponseAsync);
        Assert.Equal(unknown.Status.Detail.Replace("no-such-model", "X"), hidden.Status.Detail.Replace(TestRepository.PrivateModel, "X"));
        await Expect.Refused(StatusCode.NotFound, "MODEL_NOT_FOUND", () => client.ModelMetadataAsync(new ModelMetadataRequest { Name = TestRepository.PrivateModel }).ResponseAsync);
        await Expect.Refused(StatusCode.NotFound, "MODEL_NOT_FOUND", () => client.ModelReadyAsync(new ModelReadyRequest { Name = TestRepository.PrivateModel }).ResponseAsync);
        await Expect.Refused(StatusCode.NotFound, "MODEL_NOT_FOUND", () => client.ModelConfigAsync(new ModelConfigRequest { Name = TestRepository.PrivateModel }).ResponseAsync);
        var index = await client.RepositoryIndexAsync(new RepositoryIndexRequest());
        Assert.DoesNotContain(index.Models, m => m.Name == TestRepository.PrivateModel);
    }

    [Fact]
    public async Task RepositoryIndexAndMetadataShowATenantOnlyWhatItMayUse()
    {
        var key = await cluster.CreateTenantAsync("iso-view", ["identity-int8"], [Purposes.Treat], Purposes.Treat);
        await cluster.Operator.Models.ApproveModelAsync(new ApproveModelRequest { Model = "identity-int8", Version = "1", TenantId = "iso-view" });
        var client = cluster.ClientFor(key);

        var index = await client.RepositoryIndexAsync(new RepositoryIndexRequest());
        Assert.Equal(["identity-int8"], index.Models.Select(m => m.Name).ToArray());
        Assert.True((await client.ModelReadyAsync(new ModelReadyRequest { Name = "identity-int8" })).Ready);
        await client.ModelMetadataAsync(new ModelMetadataRequest { Name = "identity-int8" });
        await Expect.Refused(StatusCode.PermissionDenied, "MODEL_NOT_ENTITLED", () => client.ModelMetadataAsync(new ModelMetadataRequest { Name = "identity-int16" }).ResponseAsync);
        await Expect.Refused(StatusCode.PermissionDenied, "MODEL_NOT_ENTITLED", () => client.ModelReadyAsync(new ModelReadyRequest { Name = "identity-int16", Version = "1" }).ResponseAsync);
    }

    [Fact]
    public async Task TenantsReadOnlyTheirOwnTenantPolicyKeysAndAuditFromEitherSide()
    {
        var a = cluster.AdminFor(await cluster.CreateTenantAsync("iso-a", ["identity-fp32"], [Purposes.Treat]));
        var b = cluster.AdminFor(await cluster.CreateTenantAsync("iso-b", ["identity-fp32"], [Purposes.Operations]));

        foreach (var (self, selfId, otherId) in new[] { (a, "iso-a", "iso-b"), (b, "iso-b", "iso-a") })
        {
            Assert.Equal(selfId, (await self.Tenants.GetTenantAsync(new GetTenantRequest { Id = selfId })).Id);
            Assert.Equal(selfId, (await self.Policies.GetPolicyAsync(new GetPolicyRequest { TenantId = selfId })).TenantId);
            Assert.Single((await self.Keys.ListKeysAsync(new ListKeysRequest { TenantId = selfId })).Keys);
            var own = await self.Audit.ListGovernanceEventsAsync(new ListGovernanceEventsRequest());
            Assert.NotEmpty(own.Events);
            Assert.All(own.Events, e => Assert.Equal(selfId, e.TenantId));

            await Expect.Refused(StatusCode.PermissionDenied, "OTHER_TENANT", () => self.Tenants.GetTenantAsync(new GetTenantRequest { Id = otherId }).ResponseAsync);
            await Expect.Refused(StatusCode.PermissionDenied, "OTHER_TENANT", () => self.Policies.GetPolicyAsync(new GetPolicyRequest { TenantId = otherId }).ResponseAsync);
            await Expect.Refused(StatusCode.PermissionDenied, "OTHER_TENANT", () => self.Keys.ListKeysAsync(new ListKeysRequest { TenantId = otherId }).ResponseAsync);
            await Expect.Refused(StatusCode.PermissionDenied, "OTHER_TENANT", () => self.Audit.ListGovernanceEventsAsync(new ListGovernanceEventsRequest { TenantId = otherId }).ResponseAsync);
            await Expect.Refused(StatusCode.PermissionDenied, "OPERATOR_ONLY", () => self.Keys.RevokeKeyAsync(new RevokeKeyRequest { TenantId = otherId, KeyId = "aaaaaaaaaaaa" }).ResponseAsync);
        }
    }

    [Fact]
    public async Task OneTenantsPolicyNeverGrantsAnother()
    {
        var narrow = await cluster.CreateTenantAsync("iso-narrow", ["identity-uint8"], [Purposes.Treat], Purposes.Treat);
        await Expect.Refused(StatusCode.PermissionDenied, "MODEL_NOT_ENTITLED",
            () => cluster.ClientFor(narrow).ModelInferAsync(Requests.Identity("identity-fp32")).ResponseAsync);
        await cluster.Client.ModelInferAsync(Requests.Identity("identity-fp32"));
    }
}
