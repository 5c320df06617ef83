using Cluster.Admin.V1;
using Cluster.Grains.Audit;
using Cluster.IntegrationTests.Infrastructure;

namespace Cluster.IntegrationTests.Metering;

/// <summary>
/// The audit chain's answer to a gateway that retries an append (its earlier try written, the
/// answer lost): the batch is stored once, on the same activation and after the chain grain was
/// deactivated and read its tail back from the table.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AuditChainRetryTests(ClusterFixture cluster)
{
    [Fact]
    public async Task ARetriedBatchIsStoredOnceEvenAfterTheChainMoves()
    {
        const string tenant = "audit-retry";
        var chain = cluster.Grains.GetGrain<IAuditChainGrain>(tenant);
        var first = Batch("gw-a-1", 3);
        var second = Batch("gw-b-1", 2);

        await chain.Append(first);
        await chain.Append(first);
        await chain.Append(second);
        Assert.Equal(5, (await chain.Query(null, null, 100)).Length);

        // A new activation knows the batches from the stored rows.
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await chain.Append(first);
        await chain.Append(second);
        await chain.Append(Batch("gw-a-2", 1));

        var stored = await chain.Query(null, null, 100);
        Assert.Equal([1L, 2, 3, 4, 5, 6], stored.Select(r => r.Sequence));
        Assert.Equal(["r-gw-a-1-0", "r-gw-a-1-1", "r-gw-a-1-2", "r-gw-b-1-0", "r-gw-b-1-1", "r-gw-a-2-0"], stored.Select(r => r.RequestId));
        var verified = await cluster.Operator.InferenceAudit.VerifyAuditChainAsync(new VerifyAuditChainRequest { TenantId = tenant });
        Assert.True(verified.Intact, verified.Problem);
        Assert.Equal(6, verified.RecordsChecked);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a-batch-id-longer-than-the-chain-accepts-because-a-gateway-id-is-a-host-name-process-and-guid-not-a-paragraph-of-text-xxxxxxxxxxxxxxxxxx")]
    public async Task ABatchWithoutAUsableIdIsRefused(string id)
    {
        var chain = cluster.Grains.GetGrain<IAuditChainGrain>("audit-retry-bad");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => chain.Append(Batch(id, 1)));
        Assert.Contains("a batch needs an id of 1 to 128 characters", error.Message);
        Assert.Empty(await chain.Query(null, null, 10));
    }

    [Fact]
    public async Task ABatchOverTheAppendLimitsIsRefusedWholeAndOneAtTheLimitIsStoredInOneTransaction()
    {
        var chain = cluster.Grains.GetGrain<IAuditChainGrain>("audit-retry-size");
        var tooMany = Batch("gw-size-1", IAuditChainGrain.MaxAppend + 1);
        // Records of about 5 KB each: the byte limit is passed with far fewer records than the count limit.
        var big = AuditRecordCodec.Encode(new AuditRecord
        {
            Time = DateTimeOffset.UtcNow, TenantId = "audit-retry-size", Decision = AuditRecord.Allowed, Reason = new string('r', 5000),
        });
        var tooLarge = new EncodedAuditBatch("gw-size-2", [.. Enumerable.Range(0, IAuditChainGrain.MaxAppendBytes / (big.Length - 4) + 1).Select(_ => big)]);

        var count = await Assert.ThrowsAsync<ArgumentException>(() => chain.Append(tooMany));
        var bytes = await Assert.ThrowsAsync<ArgumentException>(() => chain.Append(tooLarge));
        await chain.Append(Batch("gw-size-3", IAuditChainGrain.MaxAppend));

        Assert.Contains($"at most {IAuditChainGrain.MaxAppend} records and {IAuditChainGrain.MaxAppendBytes} bytes", count.Message);
        Assert.Contains("'gw-size-2' is too large", bytes.Message);
        var stored = await chain.Query(null, null, 2 * IAuditChainGrain.MaxAppend);
        Assert.Equal(IAuditChainGrain.MaxAppend, stored.Length);
        Assert.All(stored, r => Assert.StartsWith("r-gw-size-3-", r.RequestId));
    }

    private static AuditBatch Batch(string id, int count) => new(id, [.. Enumerable.Range(0, count).Select(i => new AuditRecord
    {
        Time = DateTimeOffset.UtcNow,
        RequestId = $"r-{id}-{i}",
        TenantId = "audit-retry",
        Decision = AuditRecord.Allowed,
        Units = 1,
    })]);
}
