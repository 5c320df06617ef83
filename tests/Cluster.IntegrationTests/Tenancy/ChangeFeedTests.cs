using Cluster.Admin.V1;
using Cluster.Gateway.Security;
using Cluster.IntegrationTests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.IntegrationTests.Tenancy;

/// <summary>
/// The governance change feed between real gateways: a change made through one gateway's admin API
/// reaches another through the feed, well inside the staleness bound, and unchanged keys and tenants
/// cost no grain calls however long traffic runs.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ChangeFeedTests(ClusterFixture cluster, Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Model = "identity-fp32";

    /// <summary>
    /// Freshness settings under which only the feed can deliver a change in time: without it, entries
    /// would serve for 30 s before a fetch.
    /// </summary>
    private static readonly Dictionary<string, string?> FeedOnly = new()
    {
        ["Auth:MaxStale"] = "00:00:30",
        ["Auth:RefreshUnchangedAfter"] = "00:05:00",
    };

    /// <summary>A poll a second plus the round trips of the call itself.</summary>
    private static readonly TimeSpan FeedBound = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task AKeyRevokedThroughOneGatewayIsRefusedByAnotherThroughTheFeed()
    {
        var key = await NewTenant("feed-revoke");
        await using var other = await cluster.StartExtraGatewayAsync(FeedOnly);
        var client = other.ClientFor(key);
        await client.ModelInferAsync(Requests.Identity(Model));

        await cluster.Operator.Keys.RevokeKeyAsync(new RevokeKeyRequest { TenantId = "feed-revoke", KeyId = key.Split('_')[1] });

        var elapsed = await Expect.EventuallyRefused(StatusCode.Unauthenticated, () => client.ModelInferAsync(Requests.Identity(Model)).ResponseAsync, FeedBound);
        output.WriteLine($"revocation reached the other gateway in {elapsed.TotalMilliseconds:F0} ms");
        Assert.True(elapsed < FeedBound, $"the revocation took {elapsed}");
    }

    [Fact]
    public async Task ATenantSuspendedThroughOneGatewayIsRefusedByAnotherThroughTheFeedUntilResumed()
    {
        var key = await NewTenant("feed-suspend");
        await using var other = await cluster.StartExtraGatewayAsync(FeedOnly);
        var client = other.ClientFor(key);
        await client.ModelInferAsync(Requests.Identity(Model));

        await cluster.Operator.Tenants.SuspendTenantAsync(new SuspendTenantRequest { Id = "feed-suspend", Reason = "contract paused" });
        var suspended = await Expect.EventuallyRefused(StatusCode.PermissionDenied, () => client.ModelInferAsync(Requests.Identity(Model)).ResponseAsync, FeedBound);
        output.WriteLine($"suspension reached the other gateway in {suspended.TotalMilliseconds:F0} ms");
        Assert.True(suspended < FeedBound, $"the suspension took {suspended}");

        await cluster.Operator.Tenants.ResumeTenantAsync(new ResumeTenantRequest { Id = "feed-suspend" });
        var resumed = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await client.ModelInferAsync(Requests.Identity(Model));
                break;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.PermissionDenied && resumed.Elapsed < FeedBound + TimeSpan.FromSeconds(5))
            {
                await Task.Delay(100);
            }
        }
        Assert.True(resumed.Elapsed < FeedBound, $"the resumption took {resumed.Elapsed}");
    }

    [Fact]
    public async Task APolicyChangedThroughOneGatewayIsEnforcedByAnotherThroughTheFeed()
    {
        var key = await NewTenant("feed-policy");
        await using var other = await cluster.StartExtraGatewayAsync(FeedOnly);
        var client = other.ClientFor(key);
        await client.ModelInferAsync(Requests.Identity(Model));

        // The entitlement to the model is withdrawn (the tenant keeps a purpose, no models).
        await cluster.Operator.Policies.SetPolicyAsync(new SetPolicyRequest { TenantId = "feed-policy", PermittedPurposes = { Purposes.Treat }, DefaultPurpose = Purposes.Treat });

        var elapsed = await Expect.EventuallyRefused(StatusCode.PermissionDenied, () => client.ModelInferAsync(Requests.Identity(Model)).ResponseAsync, FeedBound);
        output.WriteLine($"policy change reached the other gateway in {elapsed.TotalMilliseconds:F0} ms");
        Assert.True(elapsed < FeedBound, $"the policy change took {elapsed}");
        await Expect.Refused(StatusCode.PermissionDenied, "MODEL_NOT_ENTITLED", () => client.ModelInferAsync(Requests.Identity(Model)).ResponseAsync);
    }

    [Fact]
    public async Task SteadyTrafficOnUnchangedKeysFetchesEachKeyAndTenantOnce()
    {
        var key = await NewTenant("feed-steady");
        await using var other = await cluster.StartExtraGatewayAsync();
        var keys = other.Services.GetRequiredService<ApiKeyCache>();
        var tenants = other.Services.GetRequiredService<TenantAccessCache>();
        var client = other.ClientFor(key);

        // Past Auth:MaxStale (4 s) twice over: without the feed, about one fetch of each per second.
        var traffic = System.Diagnostics.Stopwatch.StartNew();
        var calls = 0;
        while (traffic.Elapsed < TimeSpan.FromSeconds(9))
        {
            await client.ModelInferAsync(Requests.Identity(Model));
            calls++;
            await Task.Delay(50);
        }

        output.WriteLine($"{calls} calls in {traffic.Elapsed.TotalSeconds:F1} s: {keys.Fetches} key fetch(es), {tenants.Fetches} tenant fetch(es)");
        Assert.True(calls > 50, $"only {calls} calls");
        Assert.Equal((1L, 1L), (keys.Fetches, tenants.Fetches));
    }

    private async Task<string> NewTenant(string id)
    {
        var key = await cluster.CreateTenantAsync(id, [Model], [Purposes.Treat], Purposes.Treat);
        await cluster.Operator.Models.ApproveModelAsync(new ApproveModelRequest { Model = Model, Version = "1", TenantId = id });
        return key;
    }
}
