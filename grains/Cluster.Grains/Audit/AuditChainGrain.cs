using Azure;
using Azure.Data.Tables;
using Cluster.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Audit;

/// <summary>
/// A tenant's inference audit trail: the single appender of its hash chain. Each batch gets the
/// next sequence numbers and hashes and is inserted as table rows (insert, never update); the
/// table is the truth, and the grain re-reads its tail on activation. Records older than
/// <see cref="StorageOptions.AuditRetention"/> are purged; verification then starts from the oldest
/// record kept.
/// </summary>
public sealed class AuditChainGrain(TableProvider tables, IOptions<StorageOptions> options, TimeProvider time) : Grain, IAuditChainGrain
{
    private const int MaxTransaction = 100;
    private long _sequence;
    private string _hash = AuditHash.Genesis;
    private DateTimeOffset _purgedAt = DateTimeOffset.MinValue;

    private string Partition => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var table = await Table();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"),
                           select: ["Sequence", "Hash"], cancellationToken: cancellationToken))
        {
            var sequence = row.GetInt64("Sequence") ?? 0;
            if (sequence > _sequence) (_sequence, _hash) = (sequence, row.GetString("Hash") ?? "");
        }
    }

    public async Task Append(AuditRecord[] records)
    {
        if (records.Length == 0) return;
        var table = await Table();
        var chained = new List<AuditRecord>(records.Length);
        var (sequence, hash) = (_sequence, _hash);
        foreach (var record in records)
        {
            var next = record with { Sequence = ++sequence, PreviousHash = hash, Hash = "" };
            next = next with { Hash = AuditHash.Compute(next) };
            hash = next.Hash;
            chained.Add(next);
        }
        foreach (var chunk in chained.Chunk(MaxTransaction))
        {
            await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, AuditRows.ToEntity(r))));
            (_sequence, _hash) = (chunk[^1].Sequence, chunk[^1].Hash);
        }
        await PurgeIfDue(table);
    }

    public async Task<AuditRecord[]> Query(DateTimeOffset? from, DateTimeOffset? to, int limit)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        if (from is { } f) filter += " and " + TableClient.CreateQueryFilter($"TimeUtc ge {f}");
        if (to is { } t) filter += " and " + TableClient.CreateQueryFilter($"TimeUtc lt {t}");
        var records = new Queue<AuditRecord>();
        await foreach (var row in (await Table()).QueryAsync<TableEntity>(filter))
        {
            records.Enqueue(AuditRows.FromEntity(row));
            if (records.Count > limit) records.Dequeue();
        }
        return [.. records];
    }

    public async Task<AuditVerification> Verify()
    {
        long checkedCount = 0;
        string? previous = null;
        long expected = 0;
        await foreach (var row in (await Table()).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}")))
        {
            AuditRecord record;
            try
            {
                record = AuditRows.FromEntity(row);
            }
            catch (FormatException)
            {
                return new AuditVerification(false, checkedCount, expected + 1, $"record {row.RowKey} has a malformed field.");
            }
            var sequence = long.Parse(row.RowKey, System.Globalization.CultureInfo.InvariantCulture);
            if (previous is not null && sequence != expected + 1)
                return new AuditVerification(false, checkedCount, expected + 1, $"record {expected + 1} is missing (next is {sequence}).");
            if (record.Sequence != sequence)
                return new AuditVerification(false, checkedCount, sequence, $"record {sequence} carries sequence {record.Sequence}.");
            if (previous is not null && record.PreviousHash != previous)
                return new AuditVerification(false, checkedCount, sequence, $"record {sequence} does not link to record {sequence - 1}'s hash.");
            if (previous is null && sequence == 1 && record.PreviousHash != AuditHash.Genesis)
                return new AuditVerification(false, checkedCount, sequence, "record 1 does not start from the genesis hash.");
            if (AuditHash.Compute(record) != record.Hash)
                return new AuditVerification(false, checkedCount, sequence, $"record {sequence} was altered: its contents no longer match its hash.");
            previous = record.Hash;
            expected = sequence;
            checkedCount++;
        }
        return new AuditVerification(true, checkedCount, 0, "");
    }

    private async Task PurgeIfDue(TableClient table)
    {
        var now = time.GetUtcNow();
        if (now - _purgedAt < TimeSpan.FromHours(24)) return;
        _purgedAt = now;
        var cutoff = now - options.Value.AuditRetention;
        var old = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and TimeUtc lt {cutoff}"), select: ["PartitionKey", "RowKey"]))
            old.Add(row);
        foreach (var chunk in old.Chunk(MaxTransaction))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)));
            }
            catch (TableTransactionFailedException)
            {
                // Another silo purged concurrently; the next purge retries what is left.
            }
        }
    }

    private Task<TableClient> Table() => tables.GetAsync(options.Value.InferenceAuditTable);
}
