using Cluster.Grains.Governance;
using Cluster.Grains.Tenancy;
using Cluster.IntegrationTests.Infrastructure;

namespace Cluster.IntegrationTests.Security;

/// <summary>
/// Inside the cluster each member keeps to its role: key-directory and model-registration writes
/// come only from the grains that own them, never from a client, even a member gateway.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GovernanceCallerTests(ClusterFixture cluster)
{
    [Fact]
    public async Task AGatewayCannotRegisterAKeyForAnyTenantDirectly()
    {
        var key = cluster.Grains.GetGrain<IApiKeyGrain>("forgedkey0001");

        var refused = await Assert.ThrowsAsync<GovernanceException>(() =>
            key.Register(new ApiKeyRecord("forgedkey0001", ClusterFixture.TestTenant, new byte[32], null, null)));

        Assert.Equal((GovernanceError.PermissionDenied, "CALLER_NOT_ALLOWED"), (refused.Error, refused.Reason));
        Assert.Null(await key.Resolve());
    }

    [Fact]
    public async Task AGatewayCannotRevokeAKeyOrAddToTheTenantDirectoryOrRegisterAModelDirectly()
    {
        var keyId = cluster.TenantKey.Split('_')[1];

        await Assert.ThrowsAsync<GovernanceException>(() => cluster.Grains.GetGrain<IApiKeyGrain>(keyId).Revoke(DateTimeOffset.UtcNow));
        await Assert.ThrowsAsync<GovernanceException>(() => cluster.Grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.DefaultKey).Add("forged-tenant"));
        await Assert.ThrowsAsync<GovernanceException>(() => cluster.Grains.GetGrain<IModelGovernanceGrain>("identity-fp32").Register(99, new string('0', 64), ModelCardFacts.Empty, ""));

        Assert.Null((await cluster.Grains.GetGrain<IApiKeyGrain>(keyId).Resolve())!.RevokedAt);
        Assert.DoesNotContain("forged-tenant", await cluster.Grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.DefaultKey).List());
    }

    [Fact]
    public async Task AGatewayMayReadTheChangeFeedButNotPublishToIt()
    {
        var feed = cluster.Grains.GetGrain<IGovernanceFeedGrain>(IGovernanceFeedGrain.DefaultKey);
        var before = await feed.Since(Guid.Empty, 0);

        var refused = await Assert.ThrowsAsync<GovernanceException>(() => feed.Publish(ChangeKind.Key, "forgedkey0001"));

        Assert.Equal((GovernanceError.PermissionDenied, "CALLER_NOT_ALLOWED"), (refused.Error, refused.Reason));
        var after = await feed.Since(before.Epoch, before.Sequence);
        Assert.DoesNotContain(after.Notices, n => n.Id == "forgedkey0001");
    }
}
