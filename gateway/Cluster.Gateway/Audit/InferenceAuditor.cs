using System.Collections.Concurrent;
using Cluster.Gateway.Hosting;
using Cluster.Gateway.Metering;
using Cluster.Gateway.Metrics;
using Cluster.Grains.Audit;
using Cluster.Grains.Inference;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Audit;

/// <summary>
/// Encodes each audit record as it is recorded (<see cref="AuditChainBuffer"/>) and appends them in
/// batches to each tenant's audit chain grain (calls with no valid credential to the anonymous
/// chain), in the order they were recorded. Each batch gets an id (this gateway's and a counter)
/// when it is cut, and a failed append is retried with the same batch, so the chain stores it once
/// whatever happened to the earlier try. Loss bound as for usage: one flush interval on a crash,
/// nothing on a graceful stop.
/// </summary>
public sealed class InferenceAuditor(IClusterClient client, GatewayIdentity identity, IOptions<MeteringOptions> options, ILogger<InferenceAuditor> logger)
    : PeriodicFlusher(options.Value.AuditFlushInterval, logger), IInferenceAuditor
{
    private readonly ConcurrentDictionary<string, AuditChainBuffer> _buffers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<(EncodedAuditBatch Batch, int Records)>> _outbox = new(StringComparer.Ordinal);
    private long _batches;

    public string Digest(IReadOnlyList<InferenceTensor> tensors) => TensorDigest.Of(tensors);

    public void Record(AuditRecord record)
    {
        var chain = record.TenantId.Length > 0 ? record.TenantId : IAuditChainGrain.AnonymousKey;
        _buffers.GetOrAdd(chain, static _ => new AuditChainBuffer()).Add(record);
        FlushMetrics.AuditRecorded();
    }

    protected override async Task FlushAsync()
    {
        foreach (var (chain, buffer) in _buffers)
        {
            var chunks = buffer.Take();
            if (chunks.Count == 0) continue;
            if (!_outbox.TryGetValue(chain, out var batches)) _outbox[chain] = batches = new Queue<(EncodedAuditBatch, int)>();
            foreach (var group in chunks.Chunk(AuditChainBuffer.MaxChunksPerBatch))
                batches.Enqueue((new EncodedAuditBatch($"{identity.Id}-{++_batches}", [.. group.Select(c => c.Chunk)]), group.Sum(c => c.Count)));
        }
        foreach (var (chain, batches) in _outbox)
        {
            // One table transaction per batch, so a batch is stored whole or not at all.
            while (batches.TryPeek(out var pending))
            {
                await client.GetGrain<IAuditChainGrain>(chain).Append(pending.Batch);
                batches.Dequeue();
                FlushMetrics.AuditAppended(pending.Records);
            }
        }
        foreach (var chain in _outbox.Where(p => p.Value.Count == 0).Select(p => p.Key).ToArray()) _outbox.Remove(chain);
    }
}
