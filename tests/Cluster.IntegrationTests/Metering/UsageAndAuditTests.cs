using Azure.Data.Tables;
using Cluster.Admin.V1;
using Cluster.Gateway.Audit;
using Cluster.Grains.Inference;
using Cluster.Grains.Audit;
using Cluster.Grains.Storage;
using Cluster.IntegrationTests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Inference;

namespace Cluster.IntegrationTests.Metering;

/// <summary>Every success metered exactly once; every decision audited in a verifiable hash chain.</summary>
[Collection(ClusterCollection.Name)]
public sealed class UsageAndAuditTests(ClusterFixture cluster)
{
    private const string Model = "identity-fp32";

    [Fact]
    public async Task UsageEqualsSuccessfulResponsesExactlyAcrossAGracefulGatewayStop()
    {
        var key = await Tenant("meter-exact");
        var second = await cluster.StartExtraGatewayAsync();
        var clients = new[] { cluster.ClientFor(key), second.ClientFor(key) };
        long requests = 0, units = 0, failures = 0;
        var stopped = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            for (var i = 0; i < 250; i++)
            {
                if (worker == 0 && i == 100 && Interlocked.Exchange(ref stopped, 1) == 0) await second.DisposeAsync();
                var rows = 1 + (i % 3);
                var bad = i % 7 == 0;
                var request = Requests.Raw(Model, ("INPUT0", "FP32", [rows, 4], new byte[bad ? 3 : rows * 16]));
                var client = Volatile.Read(ref stopped) == 1 ? clients[0] : clients[(worker + i) % 2];
                try
                {
                    await client.ModelInferAsync(request);
                    Interlocked.Increment(ref requests);
                    Interlocked.Add(ref units, rows);
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        Assert.Equal(2000, requests + failures);
        Assert.True(failures >= 2000 / 7, $"expected the malformed requests to fail, {failures} failed");

        var usage = await EventuallyUsage("meter-exact", requests);
        Assert.Equal(requests, usage.Requests);
        Assert.Equal(units, usage.Units);
        var byPurpose = await cluster.Operator.Usage.GetUsageAsync(new GetUsageRequest { TenantId = "meter-exact", GroupBy = UsageGrouping.Purpose, From = Wide.From, To = Wide.To });
        Assert.Equal(Purposes.Treat, Assert.Single(byPurpose.Rows).Group);
        var byModel = await cluster.Operator.Usage.GetUsageAsync(new GetUsageRequest { TenantId = "meter-exact", GroupBy = UsageGrouping.Model, From = Wide.From, To = Wide.To });
        Assert.Equal($"{Model}:1", Assert.Single(byModel.Rows).Group);
    }

    [Fact]
    public async Task EveryAllowedAndDeniedCallIsAuditedInAnIntactChain()
    {
        var key = await Tenant("audit-trail");
        var client = cluster.ClientFor(key);
        var ok = Requests.Identity(Model);
        ok.Id = "allowed-1";
        await client.ModelInferAsync(ok);
        await client.ModelInferAsync(Requests.Identity(Model));
        await Assert.ThrowsAsync<RpcException>(() => client.ModelInferAsync(Requests.Identity(Model, Purposes.PublicHealth)).ResponseAsync);
        await Assert.ThrowsAsync<RpcException>(() => client.ModelInferAsync(Requests.Raw(Model, ("INPUT0", "FP32", [1, 4], new byte[3]))).ResponseAsync);
        await Assert.ThrowsAsync<RpcException>(() => client.ModelInferAsync(Requests.Identity("identity-int8")).ResponseAsync);

        var records = await EventuallyAudit("audit-trail", 5);
        Assert.Equal([1L, 2, 3, 4, 5], records.Select(r => r.Sequence).ToArray());
        Assert.Equal(["allowed", "allowed", "denied", "denied", "denied"], records.Select(r => r.Decision).ToArray());
        Assert.Equal([0, 0, 7, 3, 7], records.Select(r => r.StatusCode).ToArray());
        Assert.Equal(["", "", "PURPOSE_NOT_PERMITTED", "INVALID_TENSOR", "MODEL_NOT_ENTITLED"], records.Select(r => r.Reason).ToArray());
        var first = records[0];
        Assert.Equal(("allowed-1", key.Split('_')[1], Purposes.Treat, Model, "1", "Approved", 1L), (first.RequestId, first.KeyId, first.Purpose, first.Model, first.Version, first.Lifecycle, first.Units));
        Assert.Matches("^[0-9a-f]{64}$", first.ArtifactSha256);
        Assert.Matches("^[0-9a-f]{64}$", first.InputSha256);
        Assert.Matches("^[0-9a-f]{64}$", first.OutputSha256);
        Assert.Equal("cpu", first.Device);
        Assert.NotEmpty(first.Silo);
        Assert.True(first.LatencyMs > 0);
        Assert.Equal(records[0].Hash, records[1].PreviousHash);

        var verified = await cluster.Operator.InferenceAudit.VerifyAuditChainAsync(new VerifyAuditChainRequest { TenantId = "audit-trail" });
        Assert.True(verified.Intact, verified.Problem);
        Assert.Equal(5, verified.RecordsChecked);
    }

    [Fact]
    public async Task LargeTensorsAreBoundByBlake3AndSmallOnesBySha256InOneIntactChain()
    {
        const string tenant = "audit-blake3";
        var key = await cluster.CreateTenantAsync(tenant, [TestRepository.Unbatched], [Purposes.Treat], Purposes.Treat);
        await cluster.Operator.Models.ApproveModelAsync(new ApproveModelRequest { Model = TestRepository.Unbatched, Version = "1", TenantId = tenant });
        var client = cluster.ClientFor(key);
        var large = new byte[1100 * 16];
        new Random(7).NextBytes(large);
        await client.ModelInferAsync(Requests.Raw(TestRepository.Unbatched, ("INPUT0", "FP32", [1100, 4], large)));
        await client.ModelInferAsync(Requests.Raw(TestRepository.Unbatched, ("INPUT0", "FP32", [2, 4], new byte[32])));

        var records = await EventuallyAudit(tenant, 2);
        Assert.Equal(2, records.Length);
        Assert.Equal(TensorDigest.Of([new InferenceTensor("INPUT0", "FP32", [1100, 4], large)], AuditDigestMode.Fast), records[0].InputSha256);
        Assert.Equal(TensorDigest.Of([new InferenceTensor("OUTPUT0", "FP32", [1100, 4], large)], AuditDigestMode.Fast), records[0].OutputSha256);
        Assert.StartsWith("blake3t:", records[0].OutputSha256, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", records[1].InputSha256);
        Assert.Matches("^[0-9a-f]{64}$", records[1].OutputSha256);

        var verified = await cluster.Operator.InferenceAudit.VerifyAuditChainAsync(new VerifyAuditChainRequest { TenantId = tenant });
        Assert.True(verified.Intact, verified.Problem);
        Assert.Equal(2, verified.RecordsChecked);
    }

    [Fact]
    public async Task AlteringARecordInTheTableMakesVerifyNameIt()
    {
        var key = await Tenant("audit-tamper");
        var client = cluster.ClientFor(key);
        for (var i = 0; i < 5; i++) await client.ModelInferAsync(Requests.Identity(Model));
        await EventuallyAudit("audit-tamper", 5);

        // Records are stored in segments (one row per flush); change record 3's units inside its segment.
        var table = new TableClient(cluster.Storage.ConnectionString, "inferenceaudit");
        TableEntity? segment = null;
        await foreach (var row in ChainRows(table, "audit-tamper"))
        {
            if (row.GetInt64("FirstSequence") <= 3 && row.GetInt64("LastSequence") >= 3) segment = row;
        }
        Assert.NotNull(segment);
        // A segment's records (docs/quota-and-metering.md): zlib of each record's 4-byte length, compact body and 8-byte hash tag,
        // the first at the row's FirstSequence. Rewrite record 3's body with other units and leave its tag.
        var payload = new MemoryStream(Zlib.Decompress(segment!.GetBinary("RecordsBin")!));
        var altered = new MemoryStream();
        for (var sequence = segment.GetInt64("FirstSequence")!.Value; payload.Position < payload.Length; sequence++)
        {
            var prefix = new byte[4];
            payload.ReadExactly(prefix);
            var body = new byte[BitConverter.ToInt32(prefix)];
            payload.ReadExactly(body);
            var hash = new byte[8];
            payload.ReadExactly(hash);
            altered.Write(sequence == 3 ? AuditRecordCodec.Encode(AuditRecordCodec.Read(body) with { Units = 0 }) : [.. prefix, .. body]);
            altered.Write(hash);
        }
        segment["RecordsBin"] = Zlib.Compress(altered.ToArray());
        await table.UpdateEntityAsync(segment, segment.ETag, TableUpdateMode.Replace);

        var verified = await cluster.Operator.InferenceAudit.VerifyAuditChainAsync(new VerifyAuditChainRequest { TenantId = "audit-tamper" });
        Assert.False(verified.Intact);
        Assert.Equal(3, verified.FirstBrokenSequence);
        Assert.Contains("record 3 was altered", verified.Problem);
    }

    [Fact]
    public async Task ADamagedSegmentMakesAQueryDataLossAndVerifyNameIt()
    {
        var key = await Tenant("audit-damaged");
        var client = cluster.ClientFor(key);
        for (var i = 0; i < 3; i++) await client.ModelInferAsync(Requests.Identity(Model));
        await EventuallyAudit("audit-damaged", 3);

        var table = new TableClient(cluster.Storage.ConnectionString, "inferenceaudit");
        var segment = await ChainRows(table, "audit-damaged").FirstAsync();
        segment["RecordsBin"] = new byte[] { 0x78, 0x01, 0xFF, 0xFF };
        await table.UpdateEntityAsync(segment, segment.ETag, TableUpdateMode.Replace);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            cluster.Operator.InferenceAudit.ListAuditRecordsAsync(new ListAuditRecordsRequest { TenantId = "audit-damaged" }).ResponseAsync);
        Assert.Equal(StatusCode.DataLoss, error.StatusCode);
        Assert.Contains($"segment starting at record {segment.GetInt64("FirstSequence")} is damaged", error.Status.Detail);
        var verified = await cluster.Operator.InferenceAudit.VerifyAuditChainAsync(new VerifyAuditChainRequest { TenantId = "audit-damaged" });
        Assert.False(verified.Intact);
        Assert.Contains("is damaged and cannot be read", verified.Problem);
    }

    [Fact]
    public async Task CallsWithoutAValidKeyAreAuditedInTheAnonymousChainWithoutReadingTheirBody()
    {
        // Refused before the body is read: the record names what the route names (REST: the model)
        // and never the body's request id.
        var model = "anonymous-" + Guid.NewGuid().ToString("N")[..6];
        using var anonymous = new HttpClient { BaseAddress = cluster.Http.BaseAddress };
        using var body = new StringContent("""{"id": "never-read", "inputs": []}""", System.Text.Encoding.UTF8, "application/json");
        using var refused = await anonymous.PostAsync($"/v2/models/{model}/infer", body);
        Assert.Equal(401, (int)refused.StatusCode);
        await Assert.ThrowsAsync<RpcException>(() => cluster.Anonymous.ModelInferAsync(Requests.Identity(Model)).ResponseAsync);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var records = await cluster.Operator.InferenceAudit.ListAuditRecordsAsync(new ListAuditRecordsRequest { TenantId = "_anonymous", Limit = 1000 });
            var mine = records.Records.FirstOrDefault(r => r.Model == model);
            if (mine is not null)
            {
                Assert.Equal(("denied", 16, "INVALID_CREDENTIAL", ""), (mine.Decision, mine.StatusCode, mine.Reason, mine.RequestId));
                return;
            }
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("the refused call was not audited within 5 s.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task AGatewayWhoseAuditBacklogIsFullServesNoInferenceUntilItCatchesUp()
    {
        // A flush interval of an hour: nothing reaches the chains, as in a storage outage.
        await using var gateway = await cluster.StartExtraGatewayAsync(new Dictionary<string, string?>
        {
            ["Metering:MaxBufferedAuditRecords"] = "3",
            ["Metering:AuditFlushInterval"] = "01:00:00",
            ["Metering:MaxFlushInterval"] = "01:00:00",
            ["Metering:JournalInterval"] = "01:00:00",
        });
        var client = gateway.ClientFor(cluster.TenantKey);
        for (var i = 0; i < 3; i++) await client.ModelInferAsync(Requests.Identity(Model));

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.ModelInferAsync(Requests.Identity(Model)).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.Contains("no inference runs unaudited", refused.Status.Detail);
    }

    [Fact]
    public async Task TenantsReadOnlyTheirOwnUsageAndAudit()
    {
        var a = cluster.AdminFor(await Tenant("read-own-a"));
        await Tenant("read-own-b");
        await a.Usage.GetUsageAsync(new GetUsageRequest { TenantId = "read-own-a" });
        await a.InferenceAudit.ListAuditRecordsAsync(new ListAuditRecordsRequest { TenantId = "read-own-a" });
        await a.InferenceAudit.VerifyAuditChainAsync(new VerifyAuditChainRequest { TenantId = "read-own-a" });
        await Expect.Refused(StatusCode.PermissionDenied, "OTHER_TENANT", () => a.Usage.GetUsageAsync(new GetUsageRequest { TenantId = "read-own-b" }).ResponseAsync);
        await Expect.Refused(StatusCode.PermissionDenied, "OTHER_TENANT", () => a.InferenceAudit.ListAuditRecordsAsync(new ListAuditRecordsRequest { TenantId = "read-own-b" }).ResponseAsync);
        await Expect.Refused(StatusCode.PermissionDenied, "OTHER_TENANT", () => a.InferenceAudit.VerifyAuditChainAsync(new VerifyAuditChainRequest { TenantId = "read-own-b" }).ResponseAsync);
        await Expect.Refused(StatusCode.PermissionDenied, "OTHER_TENANT", () => a.InferenceAudit.ListAuditRecordsAsync(new ListAuditRecordsRequest { TenantId = "_anonymous" }).ResponseAsync);
    }

    private static (Timestamp From, Timestamp To) Wide =>
        (Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-2)), Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(2)));

    [Fact]
    public async Task ChainsAndUsageWrittenBeforeStoragePartitionsAreContinuedAndCounted()
    {
        // Rows as builds before storage partitions wrote them: partition key = tenant, row key = sequence
        // (audit) or "minute|batch|position" (usage). Made from another tenant's three records, moved.
        var source = cluster.ClientFor(await Tenant("legacy-source"));
        for (var i = 0; i < 3; i++) await source.ModelInferAsync(Requests.Identity(Model));
        await EventuallyAudit("legacy-source", 3);
        var audit = new TableClient(cluster.Storage.ConnectionString, "inferenceaudit");
        await foreach (var row in ChainRows(audit, "legacy-source"))
        {
            var moved = new TableEntity(row) { PartitionKey = "legacy-chain", RowKey = row.RowKey[(row.RowKey.IndexOf('|') + 1)..] };
            await audit.AddEntityAsync(moved);
        }
        var usage = new TableClient(cluster.Storage.ConnectionString, "usage");
        var minute = DateTimeOffset.UtcNow.AddMinutes(-5);
        minute = new DateTimeOffset(minute.Year, minute.Month, minute.Day, minute.Hour, minute.Minute, 0, TimeSpan.Zero);
        await usage.AddEntityAsync(new TableEntity("legacy-chain", $"{minute:yyyyMMddHHmm}|old-gateway-1|00000")
        {
            ["KeyId"] = "old", ["Model"] = Model, ["Version"] = "1", ["Purpose"] = Purposes.Treat, ["Minute"] = minute,
            ["Requests"] = 7L, ["Units"] = 9L, ["ComputeNs"] = 1L, ["QueueNs"] = 1L,
        });

        var client = cluster.ClientFor(await Tenant("legacy-chain"));
        await client.ModelInferAsync(Requests.Identity(Model));
        await client.ModelInferAsync(Requests.Identity(Model));

        var records = await EventuallyAudit("legacy-chain", 5);
        Assert.Equal([1L, 2, 3, 4, 5], records.Select(r => r.Sequence).ToArray());
        var verified = await cluster.Operator.InferenceAudit.VerifyAuditChainAsync(new VerifyAuditChainRequest { TenantId = "legacy-chain" });
        Assert.True(verified.Intact, verified.Problem);
        Assert.Equal(5, verified.RecordsChecked);
        var total = await EventuallyUsage("legacy-chain", 9);
        Assert.Equal((9L, 11L), (total.Requests, total.Units));
    }

    private async Task<GetUsageResponse> EventuallyUsage(string tenant, long requests)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var usage = await cluster.Operator.Usage.GetUsageAsync(new GetUsageRequest { TenantId = tenant, From = Wide.From, To = Wide.To });
            if (usage.Requests >= requests || DateTime.UtcNow > deadline) return usage;
            await Task.Delay(200);
        }
    }

    private async Task<InferenceAuditRecord[]> EventuallyAudit(string tenant, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var records = (await cluster.Operator.InferenceAudit.ListAuditRecordsAsync(new ListAuditRecordsRequest { TenantId = tenant, Limit = 1000 })).Records.ToArray();
            if (records.Length >= count || DateTime.UtcNow > deadline) return records;
            await Task.Delay(100);
        }
    }

    private async Task<string> Tenant(string id)
    {
        var key = await cluster.CreateTenantAsync(id, [Model], [Purposes.Treat], Purposes.Treat);
        await cluster.Operator.Models.ApproveModelAsync(new ApproveModelRequest { Model = Model, Version = "1", TenantId = id });
        return key;
    }

    /// <summary>A chain's segments where the cluster writes them: in the tenant's storage partition, row keys "tenant|sequence".</summary>
    private static IAsyncEnumerable<TableEntity> ChainRows(TableClient table, string tenant) =>
        table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {TenantPartitions.Key(TenantPartitions.Of(tenant))} and RowKey ge {TenantPartitions.RowPrefix(tenant)} and RowKey lt {TenantPartitions.RowEnd(tenant)}"));
}
