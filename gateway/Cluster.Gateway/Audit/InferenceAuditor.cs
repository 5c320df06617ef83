using System.Collections.Concurrent;
using Cluster.Gateway.Hosting;
using Cluster.Gateway.Metering;
using Cluster.Gateway.Metrics;
using Cluster.Grains.Audit;
using Cluster.Grains.Inference;
using Cluster.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Audit;

/// <summary>
/// Encodes each audit record as it is recorded (<see cref="AuditChainBuffer"/>) and appends them in
/// batches to each tenant's audit chain (calls with no valid credential to the anonymous chain), in
/// the order they were recorded, through the chains' storage partitions
/// (<see cref="IAuditPartitionGrain"/>: one call per partition, not per tenant). Each batch gets an id (this gateway's and a counter)
/// when it is cut, and a failed append is retried with the same batch, so the chain stores it once
/// whatever happened to the earlier try. Loss bound as for usage: one flush interval on a crash (paced as usage's),
/// nothing on a graceful stop.
/// </summary>
public sealed partial class InferenceAuditor(IClusterClient client, GatewayIdentity identity, IOptions<MeteringOptions> options, TimeProvider time, ILogger<InferenceAuditor> logger)
    : PeriodicFlusher(options.Value.AuditPacing(), time, logger), IInferenceAuditor
{
    private readonly AuditBacklog _backlog = new(options.Value.MaxBufferedAuditRecords);
    private int _overBound;

    private readonly ConcurrentDictionary<string, AuditChainBuffer> _buffers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<(EncodedAuditBatch Batch, int Records)>> _outbox = new(StringComparer.Ordinal);
    private long _batches;

    public string Digest(IReadOnlyList<InferenceTensor> tensors) => TensorDigest.Of(tensors);

    public void Record(AuditRecord record)
    {
        var chain = record.TenantId.Length > 0 ? record.TenantId : IAuditChainGrain.AnonymousKey;
        if (!_backlog.TryAdd())
        {
            FlushMetrics.AuditDropped();
            return;
        }
        _buffers.GetOrAdd(chain, static _ => new AuditChainBuffer()).Add(record);
        FlushMetrics.AuditRecorded();
        if (_backlog.IsOverBound && Interlocked.Exchange(ref _overBound, 1) == 0) LogOverBound(logger, _backlog.Bound);
    }

    protected override async Task<int> FlushAsync()
    {
        var chains = 0;
        foreach (var (chain, buffer) in _buffers)
        {
            var chunks = buffer.Take();
            if (chunks.Count == 0) continue;
            chains++;
            if (!_outbox.TryGetValue(chain, out var batches)) _outbox[chain] = batches = new Queue<(EncodedAuditBatch, int)>();
            foreach (var group in chunks.Chunk(AuditChainBuffer.MaxChunksPerBatch))
                batches.Enqueue((new EncodedAuditBatch($"{identity.Id}-{++_batches}", [.. group.Select(c => c.Chunk)]), group.Sum(c => c.Count)));
        }
        // Partitions in parallel: each has its own chains' queues, and the dictionary is not changed meanwhile.
        await Task.WhenAll(_outbox.Where(p => p.Value.Count > 0).GroupBy(p => TenantPartitions.Of(p.Key))
            .Select(partition => FlushPartitionAsync(partition.Key, [.. partition])));
        foreach (var chain in _outbox.Where(p => p.Value.Count == 0).Select(p => p.Key).ToArray()) _outbox.Remove(chain);
        if (!_backlog.IsOverBound && Interlocked.Exchange(ref _overBound, 0) == 1) LogCaughtUp(logger);
        return chains;
    }

    /// <summary>
    /// Sends one partition's chains their batches: each call carries the oldest unsent batch of as
    /// many of the partition's chains as fit one append (one table transaction per call when the
    /// rows fit), so a chain's batches go in order, and the call count follows the partitions, not
    /// the tenants.
    /// </summary>
    private async Task FlushPartitionAsync(int partition, KeyValuePair<string, Queue<(EncodedAuditBatch Batch, int Records)>>[] chains)
    {
        while (true)
        {
            var appends = new List<ChainAppend>();
            var sent = new List<(Queue<(EncodedAuditBatch, int)> Batches, int Records)>();
            long bytes = 0;
            foreach (var (chain, batches) in chains)
            {
                if (!batches.TryPeek(out var pending)) continue;
                var size = pending.Batch.Chunks.Sum(c => (long)c.Length);
                if (appends.Count > 0 && bytes + size > IAuditPartitionGrain.MaxAppendBytes) continue;
                appends.Add(new ChainAppend(chain, pending.Batch));
                sent.Add((batches, pending.Records));
                bytes += size;
            }
            if (appends.Count == 0) return;
            // A chain's batch is stored whole or not at all, and retried with the same id: stored once.
            await client.GetGrain<IAuditPartitionGrain>(partition).Append([.. appends]);
            foreach (var (batches, records) in sent)
            {
                batches.Dequeue();
                FlushMetrics.AuditAppended(records);
                _backlog.Stored(records);
            }
        }
    }

    public bool IsBacklogged => _backlog.IsOverBound;

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Audit backlog reached {Bound} records not yet stored: new inference is refused (UNAVAILABLE AUDIT_BACKLOG) until the chains catch up")]
    private static partial void LogOverBound(ILogger logger, long bound);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Audit backlog back under its bound: inference is served again")]
    private static partial void LogCaughtUp(ILogger logger);
}
