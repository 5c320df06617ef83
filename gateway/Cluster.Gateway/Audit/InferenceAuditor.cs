using System.Collections.Concurrent;
using Cluster.Gateway.Hosting;
using Cluster.Gateway.Metering;
using Cluster.Grains.Audit;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Audit;

/// <summary>
/// Buffers audit records and appends them in batches to each tenant's audit chain grain (calls
/// with no valid credential to the anonymous chain), in the order they were recorded. A failed
/// append is retried with the records still in order. Loss bound as for usage: one flush interval
/// on a crash, nothing on a graceful stop.
/// </summary>
public sealed class InferenceAuditor(IClusterClient client, IOptions<MeteringOptions> options, ILogger<InferenceAuditor> logger)
    : PeriodicFlusher(options.Value.AuditFlushInterval, logger), IInferenceAuditor
{
    private const int MaxBatch = Cluster.Grains.Audit.IAuditChainGrain.MaxAppend;
    private readonly ConcurrentQueue<AuditRecord> _queue = new();
    private readonly Dictionary<string, List<AuditRecord>> _pending = new(StringComparer.Ordinal);

    public void Record(AuditRecord record) => _queue.Enqueue(record);

    protected override async Task FlushAsync()
    {
        while (_queue.TryDequeue(out var record))
        {
            var chain = record.TenantId.Length > 0 ? record.TenantId : IAuditChainGrain.AnonymousKey;
            if (!_pending.TryGetValue(chain, out var list)) _pending[chain] = list = [];
            list.Add(record);
        }
        foreach (var (chain, records) in _pending.Where(p => p.Value.Count > 0).ToArray())
        {
            // At most one table transaction per append, so an append is all or nothing and a retry never duplicates.
            while (records.Count > 0)
            {
                var batch = records.Take(MaxBatch).ToArray();
                await client.GetGrain<IAuditChainGrain>(chain).Append(batch);
                records.RemoveRange(0, batch.Length);
            }
        }
    }
}
