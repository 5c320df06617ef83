using Cluster.Admin.V1;
using Cluster.IntegrationTests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Inference;

namespace Cluster.IntegrationTests.Tenancy;

/// <summary>Every deny-by-default rule, each with its status, stable reason and a message naming the rule.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AccessRuleTests(ClusterFixture cluster)
{
    [Fact]
    public async Task ModelOutsideThePolicyIsNotEntitled()
    {
        var key = await cluster.CreateTenantAsync("rule-entitle", ["identity-int32"], [Purposes.Treat], Purposes.Treat);
        await Expect.Refused(StatusCode.PermissionDenied, "MODEL_NOT_ENTITLED",
            () => cluster.ClientFor(key).ModelInferAsync(Requests.Identity("identity-fp32")).ResponseAsync,
            "tenant 'rule-entitle' is not entitled to model 'identity-fp32' version 1");
    }

    [Fact]
    public async Task ExactVersionEntitlementServesThatVersionOnly()
    {
        var key = await cluster.CreateTenantAsync("rule-exact", [TestRepository.TwoVersions], [Purposes.Treat], Purposes.Treat, version: "1");
        await ApproveAll(TestRepository.TwoVersions, "rule-exact", "1", "2");
        var client = cluster.ClientFor(key);
        Assert.Equal("1", (await client.ModelInferAsync(Requests.Identity(TestRepository.TwoVersions, version: "1"))).ModelVersion);
        Assert.Equal("1", (await client.ModelInferAsync(Requests.Identity(TestRepository.TwoVersions))).ModelVersion);
        await Expect.Refused(StatusCode.PermissionDenied, "MODEL_NOT_ENTITLED",
            () => client.ModelInferAsync(Requests.Identity(TestRepository.TwoVersions, version: "2")).ResponseAsync);
    }

    [Fact]
    public async Task LatestEntitlementServesTheNewestReadyVersionOnly()
    {
        var key = await cluster.CreateTenantAsync("rule-latest", [TestRepository.TwoVersions], [Purposes.Treat], Purposes.Treat, version: "latest");
        await ApproveAll(TestRepository.TwoVersions, "rule-latest", "1", "2");
        var client = cluster.ClientFor(key);
        Assert.Equal("2", (await client.ModelInferAsync(Requests.Identity(TestRepository.TwoVersions))).ModelVersion);
        await Expect.Refused(StatusCode.PermissionDenied, "MODEL_NOT_ENTITLED",
            () => client.ModelInferAsync(Requests.Identity(TestRepository.TwoVersions, version: "1")).ResponseAsync);
    }

    [Fact]
    public async Task PurposeRulesApply()
    {
        var key = await cluster.CreateTenantAsync("rule-purpose", ["identity-fp32"], [Purposes.Treat, Purposes.Operations]);
        await cluster.Operator.Models.ApproveModelAsync(new ApproveModelRequest { Model = "identity-fp32", Version = "1", TenantId = "rule-purpose" });
        var client = cluster.ClientFor(key);

        await Expect.Refused(StatusCode.InvalidArgument, "PURPOSE_REQUIRED", () => client.ModelInferAsync(Requests.Identity("identity-fp32")).ResponseAsync, "no purpose of use stated");
        await Expect.Refused(StatusCode.InvalidArgument, "PURPOSE_UNKNOWN", () => client.ModelInferAsync(Requests.Identity("identity-fp32", "SHOPPING")).ResponseAsync);
        await Expect.Refused(StatusCode.PermissionDenied, "PURPOSE_NOT_PERMITTED",
            () => client.ModelInferAsync(Requests.Identity("identity-fp32", Purposes.PublicHealth)).ResponseAsync, "purpose of use PUBHLTH is not permitted");
        await client.ModelInferAsync(Requests.Identity("identity-fp32", Purposes.Operations));

        var viaHeader = new Metadata { { "x-purpose-of-use", Purposes.Treat } };
        await client.ModelInferAsync(Requests.Identity("identity-fp32"), viaHeader);

        var typed = Requests.Identity("identity-fp32");
        typed.Parameters["purpose_of_use"] = new InferParameter { Int64Param = 3 };
        await Expect.Refused(StatusCode.InvalidArgument, null, () => client.ModelInferAsync(typed).ResponseAsync, "must be a string_param");
    }

    [Fact]
    public async Task DefaultPurposeAppliesWhenNoneIsStated()
    {
        var key = await cluster.CreateTenantAsync("rule-default", ["identity-fp32"], [Purposes.Treat], Purposes.Treat);
        await cluster.Operator.Models.ApproveModelAsync(new ApproveModelRequest { Model = "identity-fp32", Version = "1", TenantId = "rule-default" });
        await cluster.ClientFor(key).ModelInferAsync(Requests.Identity("identity-fp32"));
    }

    [Fact]
    public async Task SuspendedTenantIsDeniedUntilResumed()
    {
        var key = await cluster.CreateTenantAsync("rule-suspend", ["identity-fp32"], [Purposes.Treat], Purposes.Treat);
        await cluster.Operator.Models.ApproveModelAsync(new ApproveModelRequest { Model = "identity-fp32", Version = "1", TenantId = "rule-suspend" });
        var client = cluster.ClientFor(key);
        await client.ModelInferAsync(Requests.Identity("identity-fp32"));

        await cluster.Operator.Tenants.SuspendTenantAsync(new SuspendTenantRequest { Id = "rule-suspend", Reason = "contract paused" });
        await Expect.Refused(StatusCode.PermissionDenied, "TENANT_SUSPENDED", () => client.ModelInferAsync(Requests.Identity("identity-fp32")).ResponseAsync, "is suspended");
        await Expect.Refused(StatusCode.PermissionDenied, "TENANT_SUSPENDED", () => client.ModelMetadataAsync(new ModelMetadataRequest { Name = "identity-fp32" }).ResponseAsync);

        await cluster.Operator.Tenants.ResumeTenantAsync(new ResumeTenantRequest { Id = "rule-suspend" });
        await client.ModelInferAsync(Requests.Identity("identity-fp32"));
    }

    [Fact]
    public async Task LifecycleDecidesWhatAVersionServes()
    {
        const string model = "gov-lifecycle";
        var key = await cluster.CreateTenantAsync("rule-lifecycle", [model], [Purposes.Treat, Purposes.Research], Purposes.Treat);
        var client = cluster.ClientFor(key);
        var treat = () => client.ModelInferAsync(Requests.Identity(model, Purposes.Treat)).ResponseAsync;
        var research = () => client.ModelInferAsync(Requests.Identity(model, Purposes.Research)).ResponseAsync;

        await Expect.Refused(StatusCode.PermissionDenied, "LIFECYCLE_NOT_SERVABLE", treat, "is Draft");

        await Lifecycle(model, LifecycleState.Validated);
        await research();
        await Expect.Refused(StatusCode.PermissionDenied, "LIFECYCLE_NOT_SERVABLE", treat, "serves research (HRESCH) only");

        await Lifecycle(model, LifecycleState.Approved);
        await Expect.Refused(StatusCode.PermissionDenied, "MODEL_NOT_APPROVED", treat, "not approved for tenant 'rule-lifecycle'");
        await cluster.Operator.Models.ApproveModelAsync(new ApproveModelRequest { Model = model, Version = "1", TenantId = "rule-lifecycle" });
        await treat();

        await Lifecycle(model, LifecycleState.Retired);
        await Expect.Refused(StatusCode.PermissionDenied, "LIFECYCLE_NOT_SERVABLE", research, "is Retired");
        await Expect.Refused(StatusCode.FailedPrecondition, "VERSION_RETIRED",
            () => cluster.Operator.Models.SetLifecycleAsync(new SetLifecycleRequest { Model = model, Version = "1", State = LifecycleState.Approved }).ResponseAsync);
    }

    [Fact]
    public async Task ApprovalForAllTenantsAndItsWithdrawal()
    {
        const string model = "gov-approval";
        var key = await cluster.CreateTenantAsync("rule-approval", [model], [Purposes.Treat], Purposes.Treat);
        var client = cluster.ClientFor(key);
        await Lifecycle(model, LifecycleState.Approved);
        await Expect.Refused(StatusCode.PermissionDenied, "MODEL_NOT_APPROVED", () => client.ModelInferAsync(Requests.Identity(model)).ResponseAsync);

        await cluster.Operator.Models.ApproveModelAsync(new ApproveModelRequest { Model = model, Version = "1", AllTenants = true });
        await client.ModelInferAsync(Requests.Identity(model));

        await cluster.Operator.Models.WithdrawApprovalAsync(new WithdrawApprovalRequest { Model = model, Version = "1", AllTenants = true });
        await Expect.Refused(StatusCode.PermissionDenied, "MODEL_NOT_APPROVED", () => client.ModelInferAsync(Requests.Identity(model)).ResponseAsync);
    }

    [Fact]
    public async Task DeprecatedVersionServesUntilItsSunset()
    {
        const string model = "gov-deprecated";
        var key = await cluster.CreateTenantAsync("rule-deprecated", [model], [Purposes.Treat], Purposes.Treat);
        await cluster.Operator.Models.ApproveModelAsync(new ApproveModelRequest { Model = model, Version = "1", TenantId = "rule-deprecated" });
        var client = cluster.ClientFor(key);
        await Expect.Refused(StatusCode.InvalidArgument, null,
            () => cluster.Operator.Models.SetLifecycleAsync(new SetLifecycleRequest { Model = model, Version = "1", State = LifecycleState.Deprecated }).ResponseAsync, "needs a sunset date");

        await Lifecycle(model, LifecycleState.Deprecated, DateTimeOffset.UtcNow.AddSeconds(3));
        await client.ModelInferAsync(Requests.Identity(model));
        await Expect.EventuallyRefused(StatusCode.PermissionDenied, () => client.ModelInferAsync(Requests.Identity(model)).ResponseAsync, TimeSpan.FromSeconds(4));
        await Expect.Refused(StatusCode.PermissionDenied, "LIFECYCLE_NOT_SERVABLE", () => client.ModelInferAsync(Requests.Identity(model)).ResponseAsync, "passed its sunset");
    }

    [Fact]
    public async Task MalformedAdminInputIsInvalidArgument()
    {
        var tenants = cluster.Operator.Tenants;
        await Expect.Refused(StatusCode.InvalidArgument, null, () => tenants.CreateTenantAsync(new CreateTenantRequest { Id = "Bad_Id", DisplayName = "x" }).ResponseAsync, "must match [a-z0-9-]{2,63}");
        await Expect.Refused(StatusCode.InvalidArgument, null, () => tenants.CreateTenantAsync(new CreateTenantRequest { Id = "no-name" }).ResponseAsync, "display name must not be empty");
        await cluster.CreateTenantAsync("admin-input", ["identity-fp32"], [Purposes.Treat]);
        await Expect.Refused(StatusCode.AlreadyExists, "TENANT_EXISTS", () => tenants.CreateTenantAsync(new CreateTenantRequest { Id = "admin-input", DisplayName = "again" }).ResponseAsync);
        await Expect.Refused(StatusCode.NotFound, "TENANT_NOT_FOUND", () => tenants.GetTenantAsync(new GetTenantRequest { Id = "nobody-here" }).ResponseAsync);

        var bad = new SetPolicyRequest { TenantId = "admin-input", PermittedPurposes = { "SHOPPING" } };
        await Expect.Refused(StatusCode.InvalidArgument, null, () => cluster.Operator.Policies.SetPolicyAsync(bad).ResponseAsync, "not an HL7 v3 PurposeOfUse code");
        var badVersion = new SetPolicyRequest { TenantId = "admin-input", Entitlements = { new Entitlement { Model = "identity-fp32", Version = "newest" } } };
        await Expect.Refused(StatusCode.InvalidArgument, null, () => cluster.Operator.Policies.SetPolicyAsync(badVersion).ResponseAsync, "must name a version number, 'latest' or '*'");
        var badDefault = new SetPolicyRequest { TenantId = "admin-input", PermittedPurposes = { Purposes.Treat }, DefaultPurpose = Purposes.Research };
        await Expect.Refused(StatusCode.InvalidArgument, null, () => cluster.Operator.Policies.SetPolicyAsync(badDefault).ResponseAsync, "must be one of the permitted purposes");
        await Expect.Refused(StatusCode.InvalidArgument, null,
            () => cluster.Operator.Keys.IssueKeyAsync(new IssueKeyRequest { TenantId = "admin-input", Name = "old", ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)) }).ResponseAsync, "is not in the future");
        await Expect.Refused(StatusCode.NotFound, "KEY_NOT_FOUND",
            () => cluster.Operator.Keys.RevokeKeyAsync(new RevokeKeyRequest { TenantId = "admin-input", KeyId = "aaaaaaaaaaaa" }).ResponseAsync);
        await Expect.Refused(StatusCode.NotFound, "VERSION_NOT_FOUND",
            () => cluster.Operator.Models.SetLifecycleAsync(new SetLifecycleRequest { Model = "identity-fp32", Version = "9", State = LifecycleState.Approved }).ResponseAsync);
        await Expect.Refused(StatusCode.InvalidArgument, null,
            () => cluster.Operator.Models.SetLifecycleAsync(new SetLifecycleRequest { Model = "identity-fp32", Version = "x", State = LifecycleState.Approved }).ResponseAsync, "must be a positive integer");
    }

    private Task Lifecycle(string model, LifecycleState state, DateTimeOffset? sunset = null) =>
        cluster.Operator.Models.SetLifecycleAsync(new SetLifecycleRequest
        {
            Model = model,
            Version = "1",
            State = state,
            SunsetAt = sunset is { } s ? Timestamp.FromDateTimeOffset(s) : null,
        }).ResponseAsync;

    private async Task ApproveAll(string model, string tenant, params string[] versions)
    {
        foreach (var v in versions)
            await cluster.Operator.Models.ApproveModelAsync(new ApproveModelRequest { Model = model, Version = v, TenantId = tenant });
    }
}
