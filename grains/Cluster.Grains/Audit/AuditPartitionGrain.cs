using Azure;
using Azure.Data.Tables;
using Cluster.Grains.Inference;
using Cluster.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Audit;

/// <summary>
/// The single appender of the chains of every tenant in one storage partition. Each chain's batch
/// gets the chain's next sequence numbers and hashes and becomes append-only compressed segments
/// (<see cref="AuditSegments"/>; insert, never update); the segments of many chains go into one
/// table transaction (one partition, up to 100 rows), so a gateway's flush costs one transaction
/// per partition instead of one per active tenant. A chain's batch never spans two transactions:
/// it is stored whole or not at all. The table is the truth: a chain's tail is read from its rows
/// when the grain first appends to it. Segments older than <see cref="StorageOptions.AuditRetention"/>
/// are purged.
/// </summary>
public sealed class AuditPartitionGrain(TableProvider tables, IOptions<StorageOptions> options, TimeProvider time) : Grain, IAuditPartitionGrain
{
    /// <summary>Most rows in one table transaction (Azure Table's limit).</summary>
    internal const int MaxRows = 100;

    /// <summary>Most payload bytes in one transaction: base64 on the wire stays well under the 4 MiB limit.</summary>
    internal const int MaxTransactionPayload = 2_500_000;

    private readonly Dictionary<string, ChainTail> _chains = new(StringComparer.Ordinal);
    private DateTimeOffset _purgedAt = DateTimeOffset.MinValue;

    private int Partition => (int)this.GetPrimaryKeyLong();

    public async Task Append(ChainAppend[] appends)
    {
        var parts = Validate(appends);
        var table = await Table();
        var staged = new List<Staged>();
        foreach (var (chain, batchId, all, counters) in parts)
        {
            var tail = await TailAsync(table, chain);
            if (all.Count == 0 || tail.Holds(batchId)) continue;
            var bodies = Unstored(all, counters, batchId, tail);
            if (bodies.Count == 0) continue;
            var hashes = new byte[bodies.Count * AuditSegments.HashBytes];
            ReadOnlySpan<byte> previous = tail.Hash;
            for (var i = 0; i < bodies.Count; i++)
            {
                var hash = hashes.AsSpan(i * AuditSegments.HashBytes, AuditSegments.HashBytes);
                AuditHash.Compute(tail.Sequence + 1 + i, previous, bodies[i].Span, hash);
                previous = hash;
            }
            var rows = AuditSegments.ToEntities(AuditChainRows.PartitionKey(chain), batchId, tail.Sequence + 1, tail.Hash, bodies, hashes,
                TenantPartitions.RowPrefix(chain));
            staged.Add(new Staged(chain, batchId, tail, tail.Sequence + bodies.Count, hashes[^AuditSegments.HashBytes..], rows));
        }

        var failed = false;
        foreach (var transaction in Transactions(staged))
        {
            try
            {
                await table.SubmitTransactionAsync(transaction.SelectMany(s => s.Rows).Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)));
                foreach (var s in transaction) s.Tail.Advance(s.LastSequence, s.LastHash, s.BatchId);
            }
            catch (RequestFailedException)
            {
                // An earlier try of one of these batches may have been stored with its answer lost (its
                // rows then collide with this try's, and the whole transaction fails): read those chains
                // again; a batch that is there is done, the others fail this call, and the gateway's
                // retry appends them (the stored ones it skips).
                foreach (var s in transaction)
                {
                    _chains.Remove(s.Chain);
                    if (!(await TailAsync(table, s.Chain)).Holds(s.BatchId)) failed = true;
                }
            }
        }
        if (failed) throw new InvalidOperationException($"some chains' batches were not stored in audit partition {Partition}; the append is to be retried (stored batches are not appended twice).");
        await PurgeIfDue(table);
    }

    /// <summary>The bodies of cuts the chain does not hold yet: all of them unless the batch names each chunk's counter.</summary>
    private static List<ReadOnlyMemory<byte>> Unstored(List<ReadOnlyMemory<byte>> bodies, List<long>? counters, string batchId, ChainTail tail)
    {
        if (counters is null || !BatchIds.TryParse(batchId, out var source, out _)) return bodies;
        var stored = tail.StoredUpTo(source);
        var first = 0;
        while (first < counters.Count && counters[first] <= stored) first++;
        return first == 0 ? bodies : bodies.GetRange(first, bodies.Count - first);
    }

    /// <summary>Each chain's batch as bodies, checked: chains of this partition, once each, ids set, records well formed, sizes within the limits.</summary>
    private List<(string Chain, string BatchId, List<ReadOnlyMemory<byte>> Bodies, List<long>? Counters)> Validate(ChainAppend[] appends)
    {
        var parts = new List<(string, string, List<ReadOnlyMemory<byte>>, List<long>?)>(appends.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var append in appends)
        {
            var chain = append.Chain ?? "";
            if (chain.Length == 0 || TenantPartitions.Of(chain) != Partition)
                throw new ArgumentException($"chain '{ClientText.Clip(chain)}' does not belong to audit partition {Partition}.", nameof(appends));
            if (!seen.Add(chain)) throw new ArgumentException($"chain '{ClientText.Clip(chain)}' appears twice in one append.", nameof(appends));
            var batchId = append.Batch?.Id;
            if (string.IsNullOrEmpty(batchId) || batchId.Length > AuditBatch.MaxIdLength)
                throw new ArgumentException($"a batch needs an id of 1 to {AuditBatch.MaxIdLength} characters.", nameof(appends));
            CheckCounters(append.Batch!);
            var (bodies, counters) = Bodies(append.Batch!, ref total);
            parts.Add((chain, batchId, bodies, counters));
        }
        return parts;
    }

    /// <summary>Chunk counters, when given: one per chunk, non-decreasing, the last equal to the batch id's counter.</summary>
    private static void CheckCounters(EncodedAuditBatch batch)
    {
        if (batch.ChunkCounters is not { } counters) return;
        var chunks = batch.Chunks?.Length ?? 0;
        var ok = counters.Length == chunks && BatchIds.TryParse(batch.Id, out _, out var last) && (chunks == 0 || counters[^1] == last);
        for (var i = 1; ok && i < counters.Length; i++) ok = counters[i] >= counters[i - 1];
        if (!ok)
            throw new ArgumentException(
                $"batch '{ClientText.Clip(batch.Id)}' has chunk counters that do not fit it: one per chunk, non-decreasing, the last equal to the counter that ends the batch id.", nameof(batch));
    }

    private static (List<ReadOnlyMemory<byte>> Bodies, List<long>? Counters) Bodies(EncodedAuditBatch batch, ref long total)
    {
        var bodies = new List<ReadOnlyMemory<byte>>();
        var counters = batch.ChunkCounters is null ? null : new List<long>();
        long bytes = 0;
        try
        {
            var chunks = batch.Chunks ?? [];
            for (var c = 0; c < chunks.Length; c++)
            {
                foreach (var body in AuditRecordCodec.Split(chunks[c]))
                {
                    AuditRecordCodec.Validate(body.Span);
                    bodies.Add(body);
                    counters?.Add(batch.ChunkCounters![c]);
                    bytes += body.Length;
                }
                // Checked after each chunk (at most a few tens of KiB), so an oversized batch is refused early.
                if (bodies.Count > IAuditChainGrain.MaxAppend || bytes > IAuditChainGrain.MaxAppendBytes || total + bytes > IAuditPartitionGrain.MaxAppendBytes)
                    throw TooLarge(batch.Id);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new ArgumentException($"batch '{ClientText.Clip(batch.Id ?? "")}' holds a malformed record: {ex.Message}", nameof(batch));
        }
        total += bytes;
        return (bodies, counters);
    }

    internal static ArgumentException TooLarge(string? batchId) => new(
        $"batch '{ClientText.Clip(batchId ?? "")}' is too large: an append takes at most {IAuditChainGrain.MaxAppend} records and {IAuditChainGrain.MaxAppendBytes} bytes of encoded records per chain, {IAuditPartitionGrain.MaxAppendBytes} bytes in all.",
        "batch");

    /// <summary>The staged batches, as few transactions as the row and byte limits allow; a chain's rows stay together.</summary>
    private static IEnumerable<List<Staged>> Transactions(List<Staged> staged)
    {
        var current = new List<Staged>();
        int rows = 0, bytes = 0;
        foreach (var s in staged)
        {
            var sRows = s.Rows.Count;
            var sBytes = s.Rows.Sum(r => r.GetBinary(AuditSegments.BinaryProperty)?.Length ?? 0);
            if (current.Count > 0 && (rows + sRows > MaxRows || bytes + sBytes > MaxTransactionPayload))
            {
                yield return current;
                (current, rows, bytes) = ([], 0, 0);
            }
            current.Add(s);
            rows += sRows;
            bytes += sBytes;
        }
        if (current.Count > 0) yield return current;
    }

    private async Task<ChainTail> TailAsync(TableClient table, string chain)
    {
        if (_chains.TryGetValue(chain, out var tail)) return tail;
        tail = new ChainTail();
        var old = await tail.LoadAsync(table, chain, time.GetUtcNow() - options.Value.AuditRetention);
        await DeleteAsync(table, old);
        _chains[chain] = tail;
        return tail;
    }

    /// <summary>Once a day (and on the first append after activation), deletes this partition's segments older than the retention.</summary>
    private async Task PurgeIfDue(TableClient table)
    {
        var now = time.GetUtcNow();
        if (now - _purgedAt < TimeSpan.FromHours(24)) return;
        _purgedAt = now;
        var cutoff = now - options.Value.AuditRetention;
        var old = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {TenantPartitions.Key(Partition)} and LastTime lt {cutoff}"), select: ["PartitionKey", "RowKey"]))
            old.Add(row);
        await DeleteAsync(table, old);
    }

    private static async Task DeleteAsync(TableClient table, List<TableEntity> rows)
    {
        foreach (var chunk in rows.GroupBy(r => r.PartitionKey).SelectMany(p => p.Chunk(MaxRows)))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)));
            }
            catch (TableTransactionFailedException)
            {
                // Purged concurrently (an earlier activation); the next purge retries what is left.
            }
        }
    }

    private Task<TableClient> Table() => tables.GetAsync(options.Value.InferenceAuditTable);

    private sealed record Staged(string Chain, string BatchId, ChainTail Tail, long LastSequence, byte[] LastHash, List<TableEntity> Rows);
}
