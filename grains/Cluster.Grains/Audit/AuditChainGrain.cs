using Azure;
using Azure.Data.Tables;
using Cluster.Grains.Governance;
using Cluster.Grains.Inference;
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
    private byte[] _hash = new byte[AuditSegments.HashBytes];
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
            if (sequence > _sequence) (_sequence, _hash) = (sequence, HashOf(row.GetString("LastHash")));
            if (row.GetString("BatchId") is { Length: > 0 } batch) Remember(batch);
        }
    }

    public Task Append(AuditBatch batch)
    {
        if (batch.Records.Length > IAuditChainGrain.MaxAppend) throw TooLarge(batch.Id);
        ReadOnlyMemory<byte>[] bodies = [.. batch.Records.Select(r => (ReadOnlyMemory<byte>)AuditRecordCodec.Encode(r).AsMemory(4))];
        if (bodies.Sum(b => (long)b.Length) > IAuditChainGrain.MaxAppendBytes) throw TooLarge(batch.Id);
        return Append(batch.Id, bodies);
    }

    public Task Append(EncodedAuditBatch batch)
    {
        var bodies = new List<ReadOnlyMemory<byte>>();
        long bytes = 0;
        try
        {
            foreach (var chunk in batch.Chunks ?? [])
            {
                foreach (var body in AuditRecordCodec.Split(chunk))
                {
                    AuditRecordCodec.Validate(body.Span);
                    bodies.Add(body);
                    bytes += body.Length;
                }
                // Checked after each chunk (at most a few tens of KiB), so an oversized batch is refused early.
                if (bodies.Count > IAuditChainGrain.MaxAppend || bytes > IAuditChainGrain.MaxAppendBytes) throw TooLarge(batch.Id);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new ArgumentException($"batch '{ClientText.Clip(batch.Id ?? "")}' holds a malformed record: {ex.Message}", nameof(batch));
        }
        return Append(batch.Id, bodies);
    }

    private static ArgumentException TooLarge(string? batchId) => new(
        $"batch '{ClientText.Clip(batchId ?? "")}' is too large: an append takes at most {IAuditChainGrain.MaxAppend} records and {IAuditChainGrain.MaxAppendBytes} bytes of encoded records.",
        "batch");

    /// <summary>Chains the records (next sequences, each hash over the one before) and stores them as one table transaction.</summary>
    private async Task Append(string batchId, IReadOnlyList<ReadOnlyMemory<byte>> bodies)
    {
        if (string.IsNullOrEmpty(batchId) || batchId.Length > AuditBatch.MaxIdLength)
            throw new ArgumentException($"a batch needs an id of 1 to {AuditBatch.MaxIdLength} characters.", nameof(batchId));
        if (bodies.Count == 0 || _batches.Contains(batchId)) return;
        var table = await Table();
        var hashes = new byte[bodies.Count * AuditSegments.HashBytes];
        ReadOnlySpan<byte> previous = _hash;
        for (var i = 0; i < bodies.Count; i++)
        {
            var hash = hashes.AsSpan(i * AuditSegments.HashBytes, AuditSegments.HashBytes);
            AuditHash.Compute(_sequence + 1 + i, previous, bodies[i].Span, hash);
            previous = hash;
        }
        try
        {
            await table.SubmitTransactionAsync(AuditSegments.ToEntities(Partition, batchId, _sequence + 1, _hash, bodies, hashes)
                .Select(segment => new TableTransactionAction(TableTransactionActionType.Add, segment)));
        }
        catch (RequestFailedException)
        {
            // An earlier try of this batch may have been written with its answer lost (its rows
            // then collide with this try's): read the tail again, and if the batch is there, it is done.
            await ReadTail();
            if (_batches.Contains(batchId)) return;
            throw;
        }
        _sequence += bodies.Count;
        _hash = hashes[^AuditSegments.HashBytes..];
        Remember(batchId);
        await PurgeIfDue(table);
    }

    /// <summary>The raw bytes of a stored hash (zeros when a damaged row holds none: the next append then fails verification, not silently).</summary>
    private static byte[] HashOf(string? hex)
    {
        var bytes = new byte[AuditSegments.HashBytes];
        if (hex is { Length: AuditSegments.HashBytes * 2 }) Convert.FromHexString(hex, bytes, out _, out _);
        return bytes;
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
            AuditRecord[] segment;
            try
            {
                segment = AuditSegments.Records(row);
            }
            catch (InvalidDataException)
            {
                throw new GovernanceException(GovernanceError.DataLoss, "AUDIT_SEGMENT_DAMAGED",
                    $"the audit segment starting at record {row.RowKey.TrimStart('0')} is damaged and cannot be read; run 'clusterctl audit verify {Partition}'.");
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
        await foreach (var row in (await Table()).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}")))
        {
            if (check.Add(row) is { } broken) return broken;
        }
        return check.Result();
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
