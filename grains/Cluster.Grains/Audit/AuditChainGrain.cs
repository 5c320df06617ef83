using Azure;
using Azure.Data.Tables;
using Cluster.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Audit;

/// <summary>
/// A tenant's inference audit trail: the single appender of its hash chain. Each batch gets the
/// next sequence numbers and hashes and is inserted as append-only compressed segments
/// (<see cref="AuditSegments"/>; insert, never update, one table transaction per append); the
/// table is the truth, and the grain re-reads its tail on activation.
/// Segments older than <see cref="StorageOptions.AuditRetention"/> are purged; verification then
/// starts from the oldest record kept. Each row carries its batch's id, so a batch that a gateway
/// retries after a lost answer, or after this grain moved to another silo, is stored once.
/// </summary>
public sealed class AuditChainGrain(TableProvider tables, IOptions<StorageOptions> options, TimeProvider time) : Grain, IAuditChainGrain
{
    /// <summary>How many of the newest batch ids the chain remembers to refuse a batch twice (each gateway retries only its oldest unsent batch).</summary>
    internal const int RememberedBatches = 1024;

    private readonly HashSet<string> _batches = new(StringComparer.Ordinal);
    private readonly Queue<string> _batchOrder = new();
    private long _sequence;
    private string _hash = AuditHash.Genesis;
    private DateTimeOffset _purgedAt = DateTimeOffset.MinValue;

    private string Partition => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken) => ReadTail(cancellationToken);

    /// <summary>Resumes the chain from the stored rows: the newest sequence and hash, and the ids of the newest batches.</summary>
    private async Task ReadTail(CancellationToken cancellationToken = default)
    {
        var table = await Table();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"),
                           select: ["LastSequence", "LastHash", "BatchId"], cancellationToken: cancellationToken))
        {
            var sequence = row.GetInt64("LastSequence") ?? 0;
            if (sequence > _sequence) (_sequence, _hash) = (sequence, row.GetString("LastHash") ?? "");
            if (row.GetString("BatchId") is { Length: > 0 } batch) Remember(batch);
        }
    }

    public async Task Append(AuditBatch batch)
    {
        var records = batch.Records;
        if (records.Length == 0) return;
        if (records.Length > IAuditChainGrain.MaxAppend) throw new ArgumentException($"an append takes at most {IAuditChainGrain.MaxAppend} records.", nameof(batch));
        if (string.IsNullOrEmpty(batch.Id) || batch.Id.Length > AuditBatch.MaxIdLength)
            throw new ArgumentException($"a batch needs an id of 1 to {AuditBatch.MaxIdLength} characters.", nameof(batch));
        if (_batches.Contains(batch.Id)) return;
        var table = await Table();
        var chained = new AuditRecord[records.Length];
        var (sequence, hash) = (_sequence, _hash);
        for (var i = 0; i < records.Length; i++)
        {
            var next = records[i] with { Sequence = ++sequence, PreviousHash = hash, Hash = "" };
            hash = AuditHash.Compute(next);
            chained[i] = next with { Hash = hash };
        }
        try
        {
            await table.SubmitTransactionAsync(AuditSegments.ToEntities(Partition, chained, batch.Id)
                .Select(segment => new TableTransactionAction(TableTransactionActionType.Add, segment)));
        }
        catch (RequestFailedException)
        {
            // An earlier try of this batch may have been written with its answer lost (its rows
            // then collide with this try's): read the tail again, and if the batch is there, it is done.
            await ReadTail();
            if (_batches.Contains(batch.Id)) return;
            throw;
        }
        (_sequence, _hash) = (sequence, hash);
        Remember(batch.Id);
        await PurgeIfDue(table);
    }

    private void Remember(string batch)
    {
        if (!_batches.Add(batch)) return;
        _batchOrder.Enqueue(batch);
        if (_batchOrder.Count > RememberedBatches) _batches.Remove(_batchOrder.Dequeue());
    }

    public async Task<AuditRecord[]> Query(DateTimeOffset? from, DateTimeOffset? to, int limit)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        if (from is { } f) filter += " and " + TableClient.CreateQueryFilter($"LastTime ge {f}");
        if (to is { } t) filter += " and " + TableClient.CreateQueryFilter($"FirstTime lt {t}");
        var records = new Queue<AuditRecord>();
        await foreach (var row in (await Table()).QueryAsync<TableEntity>(filter))
        {
            foreach (var record in AuditSegments.Records(row))
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
        long checkedCount = 0;
        string? previous = null;
        long expected = 0;
        await foreach (var row in (await Table()).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}")))
        {
            AuditRecord[] segment;
            try
            {
                segment = AuditSegments.Records(row);
            }
            catch (System.Text.Json.JsonException)
            {
                return new AuditVerification(false, checkedCount, expected + 1, $"the segment starting at record {long.Parse(row.RowKey, System.Globalization.CultureInfo.InvariantCulture)} is damaged and cannot be read.");
            }
            foreach (var record in segment)
            {
                var sequence = record.Sequence;
                if (previous is not null && sequence != expected + 1)
                    return new AuditVerification(false, checkedCount, expected + 1, $"record {expected + 1} is missing (next is {sequence}).");
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
                           TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and LastTime lt {cutoff}"), select: ["PartitionKey", "RowKey"]))
            old.Add(row);
        foreach (var chunk in old.Chunk(100))
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
