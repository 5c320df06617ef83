using Azure.Data.Tables;
using Cluster.Admin.V1;
using Cluster.Grains.Audit;
using Cluster.Grains.Journal;
using Cluster.Grains.Metering;
using Cluster.Grains.Storage;
using Cluster.IntegrationTests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Inference;

namespace Cluster.IntegrationTests.Metering;

/// <summary>
/// The gateways' write-ahead journal against real silos and Azurite: an abandoned journal is
/// replayed into the chains and usage rows once, a replay of a journal whose gateway is alive after
/// all stores nothing twice, and a gateway with many active tenants journals between its writes.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GatewayJournalTests(ClusterFixture cluster)
{
    private const string Model = "identity-fp32";

    [Fact]
    public async Task AnAbandonedJournalIsReplayedOnceEvenWhereItsGatewayHadStoredPartOfIt()
    {
        const string tenant = "journal-replay";
        var gateway = "gw-dead-" + Guid.NewGuid().ToString("N")[..8];
        var journal = cluster.Grains.GetGrain<IGatewayJournalGrain>(gateway);
        var partition = cluster.Grains.GetGrain<IAuditPartitionGrain>(TenantPartitions.Of(tenant));
        var minute = Minute(DateTimeOffset.UtcNow);
        byte[][] cut1 = [Record(tenant, "r1"), Record(tenant, "r2")], cut2 = [Record(tenant, "r3")];
        await journal.WriteAudit(1, [new AuditCut(tenant, 1, cut1)]);
        await journal.WriteAudit(2, [new AuditCut(tenant, 2, cut2)]);
        await journal.WriteUsage(1, [Usage(tenant, minute, requests: 2)]);
        await journal.WriteUsage(2, [Usage(tenant, minute, requests: 3)]);
        // The gateway had written its first cut before it died; the replay must not store it again.
        await partition.Append([new ChainAppend(tenant, new EncodedAuditBatch($"{gateway}-1", cut1))]);

        var replay = await cluster.Grains.GetGrain<IJournalRecoveryGrain>(0).Sweep(TimeSpan.Zero);
        await cluster.Grains.GetGrain<IJournalRecoveryGrain>(0).Sweep(TimeSpan.Zero);

        Assert.True(replay.Gateways >= 1 && replay.Entries >= 4 && replay.AuditRecords >= 3, replay.ToString());
        Assert.Equal(0, await JournalRows(gateway));
        Assert.Equal(["r1", "r2", "r3"], (await Audit(tenant)).Select(r => r.RequestId));
        Assert.Equal(3, (await UsageOf(tenant)).Requests);
        var verified = await cluster.Operator.InferenceAudit.VerifyAuditChainAsync(new VerifyAuditChainRequest { TenantId = tenant });
        Assert.True(verified.Intact, verified.Problem);
    }

    [Fact]
    public async Task AReplayOfAJournalWhoseGatewayLivesStoresNothingTwiceAndKeepsItsNewerTotals()
    {
        const string tenant = "journal-alive";
        var gateway = "gw-alive-" + Guid.NewGuid().ToString("N")[..8];
        var journal = cluster.Grains.GetGrain<IGatewayJournalGrain>(gateway);
        var partition = cluster.Grains.GetGrain<IAuditPartitionGrain>(TenantPartitions.Of(tenant));
        var usage = cluster.Grains.GetGrain<IUsagePartitionGrain>(TenantPartitions.Of(tenant));
        var minute = Minute(DateTimeOffset.UtcNow);
        byte[][] cut1 = [Record(tenant, "a1")], cut2 = [Record(tenant, "a2"), Record(tenant, "a3")], cut3 = [Record(tenant, "a4")];
        await journal.WriteAudit(1, [new AuditCut(tenant, 1, cut1)]);
        await journal.WriteAudit(2, [new AuditCut(tenant, 2, cut2)]);
        await journal.WriteUsage(2, [Usage(tenant, minute, requests: 3)]);
        // Cut off from storage, the gateway seemed dead: its journal is replayed...
        await cluster.Grains.GetGrain<IJournalRecoveryGrain>(0).Sweep(TimeSpan.Zero);
        // ...then it reaches storage again and writes everything it held, merged, and a newer total.
        await partition.Append([new ChainAppend(tenant, new EncodedAuditBatch($"{gateway}-3", [.. cut1, .. cut2, .. cut3], [1, 2, 2, 3]))]);
        await usage.Store(new UsageSnapshot(gateway, 4, [Usage(tenant, minute, requests: 4)]));
        // A late replay of an older total (a journal entry its trim missed) does not replace the newer one.
        await journal.WriteUsage(3, [Usage(tenant, minute, requests: 3)]);
        await cluster.Grains.GetGrain<IJournalRecoveryGrain>(0).Sweep(TimeSpan.Zero);

        Assert.Equal(["a1", "a2", "a3", "a4"], (await Audit(tenant)).Select(r => r.RequestId));
        Assert.Equal(4, (await UsageOf(tenant)).Requests);
        var verified = await cluster.Operator.InferenceAudit.VerifyAuditChainAsync(new VerifyAuditChainRequest { TenantId = tenant });
        Assert.True(verified.Intact, verified.Problem);
    }

    [Theory]
    [InlineData(new long[] { 1 }, "gw-x-2")]
    [InlineData(new long[] { 2, 1 }, "gw-x-2")]
    [InlineData(new long[] { 1, 3 }, "gw-x-2")]
    [InlineData(new long[] { 1, 2 }, "no-counter")]
    public async Task ChunkCountersThatDoNotFitTheBatchAreRefused(long[] counters, string id)
    {
        const string tenant = "journal-counters";
        var partition = cluster.Grains.GetGrain<IAuditPartitionGrain>(TenantPartitions.Of(tenant));
        var batch = new EncodedAuditBatch(id, [Record(tenant, "c1"), Record(tenant, "c2")], counters);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => partition.Append([new ChainAppend(tenant, batch)]));

        Assert.Contains("chunk counters that do not fit it", error.Message);
        Assert.Empty(await Audit(tenant));
    }

    [Fact]
    public async Task AGatewayWithManyActiveTenantsJournalsBetweenItsWritesAndStillCountsEveryCallOnce()
    {
        // One row a second: three tenants stretch writes to three seconds, so the gateway journals in between.
        var tenants = new[] { "journal-live-a", "journal-live-b", "journal-live-c" };
        var keys = new List<string>();
        foreach (var t in tenants) keys.Add(await Tenant(t));
        var gateway = await cluster.StartExtraGatewayAsync(new Dictionary<string, string?> { ["Metering:FlushRowsPerSecond"] = "1" });
        var clients = keys.Select(gateway.ClientFor).ToList();
        var (replayed, rounds) = (0, 0);
        // At least 12 rounds, and on until a sweep met journal entries (a slow machine can line the sweeps up with the writes' trims).
        for (var round = 0; round < 12 || (replayed == 0 && round < 40); round++, rounds++)
        {
            foreach (var client in clients)
            {
                var request = Requests.Identity(Model);
                request.Id = $"call-{round}";
                await client.ModelInferAsync(request);
            }
            await Task.Delay(400);
            // A sweep that takes the live gateway's journal for abandoned must not make it count anything twice.
            if (round % 4 == 3) replayed += (await cluster.Grains.GetGrain<IJournalRecoveryGrain>(0).Sweep(TimeSpan.Zero)).Entries;
        }
        await gateway.DisposeAsync();

        Assert.True(replayed > 0, "the gateway journaled nothing between its writes");
        foreach (var t in tenants)
        {
            Assert.Equal(rounds, (await UsageOf(t)).Requests);
            var records = await Audit(t);
            Assert.Equal(Enumerable.Range(1, rounds).Select(i => (long)i), records.Select(r => r.Sequence));
            Assert.Equal(rounds, records.Select(r => r.RequestId).Distinct().Count());
            var verified = await cluster.Operator.InferenceAudit.VerifyAuditChainAsync(new VerifyAuditChainRequest { TenantId = t });
            Assert.True(verified.Intact, verified.Problem);
        }
    }

    private static byte[] Record(string tenant, string requestId) => AuditRecordCodec.Encode(new AuditRecord
    {
        Time = DateTimeOffset.UtcNow, RequestId = requestId, TenantId = tenant, Decision = AuditRecord.Allowed, Units = 1,
    });

    private static UsageRecord Usage(string tenant, DateTimeOffset minute, long requests) =>
        new(tenant, "key-1", Model, "1", Purposes.Treat, minute, requests, requests, 10, 10);

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);

    private async Task<InferenceAuditRecord[]> Audit(string tenant) =>
        [.. (await cluster.Operator.InferenceAudit.ListAuditRecordsAsync(new ListAuditRecordsRequest { TenantId = tenant, Limit = 1000 })).Records];

    private async Task<GetUsageResponse> UsageOf(string tenant) => await cluster.Operator.Usage.GetUsageAsync(new GetUsageRequest
    {
        TenantId = tenant,
        From = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-2)),
        To = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(2)),
    });

    private async Task<int> JournalRows(string gateway)
    {
        var table = new TableClient(cluster.Storage.ConnectionString, StorageOptions.DefaultJournalTable);
        var rows = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {gateway}"))) rows++;
        return rows;
    }

    private async Task<string> Tenant(string id)
    {
        var key = await cluster.CreateTenantAsync(id, [Model], [Purposes.Treat], Purposes.Treat);
        await cluster.Operator.Models.ApproveModelAsync(new ApproveModelRequest { Model = Model, Version = "1", TenantId = id });
        return key;
    }
}
