using System.Collections.Concurrent;
using Cluster.Gateway.Hosting;
using Cluster.Gateway.Metering;
using Cluster.Grains.Audit;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Audit;

/// <summary>
/// Buffers audit records and appends them in batches to each tenant's audit chain grain (calls
/// with no valid credential to the anonymous chain), in the order they were recorded. Each batch
/// gets an id (this gateway's and a counter) when it is cut, and a failed append is retried with
/// the same batch, so the chain stores it once whatever happened to the earlier try. Loss bound
/// as for usage: one flush interval on a crash, nothing on a graceful stop.
/// </summary>
public sealed class InferenceAuditor(IClusterClient client, GatewayIdentity identity, IOptions<MeteringOptions> options, ILogger<InferenceAuditor> logger)
    : PeriodicFlusher(options.Value.AuditFlushInterval, logger), IInferenceAuditor
{
    private const int MaxBatch = IAuditChainGrain.MaxAppend;
    private readonly ConcurrentQueue<AuditRecord> _queue = new();
    private readonly Dictionary<string, Queue<AuditBatch>> _outbox = new(StringComparer.Ordinal);
    private long _batches;

    public void Record(AuditRecord record) => _queue.Enqueue(record);

    protected override async Task FlushAsync()
    {
        var drained = new Dictionary<string, List<AuditRecord>>(StringComparer.Ordinal);
        while (_queue.TryDequeue(out var record))
        {
            var chain = record.TenantId.Length > 0 ? record.TenantId : IAuditChainGrain.AnonymousKey;
            if (!drained.TryGetValue(chain, out var list)) drained[chain] = list = [];
            list.Add(record);
        }
        foreach (var (chain, records) in drained)
        {
            if (!_outbox.TryGetValue(chain, out var batches)) _outbox[chain] = batches = new Queue<AuditBatch>();
            foreach (var chunk in records.Chunk(MaxBatch))
                batches.Enqueue(new AuditBatch($"{identity.Id}-{++_batches}", chunk));
        }
        foreach (var (chain, batches) in _outbox)
        {
            // One table transaction per batch, so a batch is stored whole or not at all.
            while (batches.TryPeek(out var batch))
            {
                await client.GetGrain<IAuditChainGrain>(chain).Append(batch);
                batches.Dequeue();
            }
        }
        foreach (var chain in _outbox.Where(p => p.Value.Count == 0).Select(p => p.Key).ToArray()) _outbox.Remove(chain);
    }
}
