using Azure.Data.Tables;
using Cluster.Grains.Governance;
using Cluster.Grains.Inference;
using Cluster.Grains.Storage;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Cluster.Grains.Audit;

/// <summary>
/// A tenant's inference audit trail, for reading: its records by time, and verification of the whole
/// chain (<see cref="AuditChainCheck"/>), over the rows <see cref="AuditChainRows"/> lays out. Appends
/// go to the chain's storage partition (<see cref="AuditPartitionGrain"/>, the chain's single
/// appender); the two append methods here forward a batch there, for callers that hold one chain's.
/// Stateless: any silo may read any chain.
/// </summary>
[StatelessWorker]
public sealed class AuditChainGrain(TableProvider tables, IOptions<StorageOptions> options) : Grain, IAuditChainGrain
{
    private string Chain => this.GetPrimaryKeyString();

    public Task Append(AuditBatch batch)
    {
        if (batch.Records.Length > IAuditChainGrain.MaxAppend) throw AuditPartitionGrain.TooLarge(batch.Id);
        var encoded = new System.Buffers.ArrayBufferWriter<byte>();
        foreach (var record in batch.Records) AuditRecordCodec.Write(encoded, record);
        return Append(new EncodedAuditBatch(batch.Id, [encoded.WrittenSpan.ToArray()]));
    }

    public Task Append(EncodedAuditBatch batch) =>
        GrainFactory.GetGrain<IAuditPartitionGrain>(TenantPartitions.Of(Chain)).Append([new ChainAppend(Chain, batch)]);

    public async Task<AuditRecord[]> Query(DateTimeOffset? from, DateTimeOffset? to, int limit)
    {
        string? filter = null;
        if (from is { } f) filter = TableClient.CreateQueryFilter($"LastTime ge {f}");
        if (to is { } t) filter = (filter is null ? "" : filter + " and ") + TableClient.CreateQueryFilter($"FirstTime lt {t}");
        var records = new Queue<AuditRecord>();
        await foreach (var row in AuditChainRows.Read(await Table(), Chain, filter))
        {
            AuditRecord[] segment;
            try
            {
                segment = AuditSegments.Records(row);
            }
            catch (InvalidDataException)
            {
                throw new GovernanceException(GovernanceError.DataLoss, "AUDIT_SEGMENT_DAMAGED",
                    $"the audit segment starting at record {row.GetInt64("FirstSequence")} is damaged and cannot be read; run 'clusterctl audit verify {Chain}'.");
            }
            foreach (var record in segment)
            {
                if ((from is { } lo && record.Time < lo) || (to is { } hi && record.Time >= hi)) continue;
                records.Enqueue(record);
                if (records.Count > limit) records.Dequeue();
            }
        }
        return [.. records];
    }

    public async Task<AuditVerification> Verify()
    {
        var check = new AuditChainCheck();
        await foreach (var row in AuditChainRows.Read(await Table(), Chain))
        {
            if (check.Add(row) is { } broken) return broken;
        }
        return check.Result();
    }

    private Task<TableClient> Table() => tables.GetAsync(options.Value.InferenceAuditTable);
}
