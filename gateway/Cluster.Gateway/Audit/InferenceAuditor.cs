using System.Collections.Concurrent;
using Cluster.Gateway.Hosting;
using Cluster.Gateway.Metering;
using Cluster.Gateway.Metrics;
using Cluster.Grains.Audit;
using Cluster.Grains.Inference;
using Cluster.Grains.Journal;
using Cluster.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Audit;

/// <summary>
/// Encodes each audit record as it is recorded (<see cref="AuditChainBuffer"/>) and appends them in
/// batches to each tenant's audit chain (calls with no valid credential to the anonymous chain), in
/// the order they were recorded, through the chains' storage partitions
/// (<see cref="IAuditPartitionGrain"/>: one call per partition, not per tenant). Every cycle (one
/// Metering:AuditFlushInterval) cuts each chain's new records under a counter of this gateway's; a
/// write merges a chain's cuts into one batch (id: this gateway's id and the last counter; each
/// chunk names its cut's counter), and the chain stores a cut once whatever happened to an earlier
/// try or a journal replay. While writes are stretched (many active tenants: <see cref="FlushPacing"/>),
/// each cycle's cuts go to the gateway's journal (<see cref="IGatewayJournalGrain"/>) instead. Loss
/// bound: one cycle on a crash, nothing on a graceful stop.
/// </summary>
public sealed partial class InferenceAuditor(IClusterClient client, GatewayIdentity identity, IOptions<MeteringOptions> options, TimeProvider time, ILogger<InferenceAuditor> logger)
    : PeriodicFlusher(options.Value.AuditPacing(), time, logger, options.Value.JournalCycle()), IInferenceAuditor
{
    private readonly AuditBacklog _backlog = new(options.Value.MaxBufferedAuditRecords);
    private int _overBound;

    private readonly ConcurrentDictionary<string, AuditChainBuffer> _buffers = new(StringComparer.Ordinal);

    /// <summary>Each chain's cuts not yet stored, oldest first (touched only by the flush cycle).</summary>
    private readonly Dictionary<string, List<PendingCut>> _pending = new(StringComparer.Ordinal);
    private long _counter;
    private long _journalEntries;

    public string Digest(IReadOnlyList<InferenceTensor> tensors) => TensorDigest.Of(tensors, options.Value.AuditDigest);

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

    protected override bool UsesJournal => options.Value.Journal;

    protected override void Stopped() => FlushMetrics.AuditReleased(_backlog.Held);

    /// <summary>Held records reached half the bound: write now rather than wait for the pacing (the other half is headroom while storage is slow).</summary>
    protected override bool WriteNeeded => _backlog.Held >= _backlog.Bound / 2;

    protected override void Cut()
    {
        foreach (var (chain, buffer) in _buffers)
        {
            var chunks = buffer.Take();
            if (chunks.Count == 0) continue;
            if (!_pending.TryGetValue(chain, out var cuts)) _pending[chain] = cuts = [];
            foreach (var group in chunks.Chunk(AuditChainBuffer.MaxChunksPerBatch))
                cuts.Add(new PendingCut(++_counter, [.. group.Select(c => c.Chunk)], group.Sum(c => c.Count)));
        }
    }

    protected override async Task<long?> JournalAsync()
    {
        var unjournaled = _pending.SelectMany(p => p.Value.Where(c => !c.Journaled).Select(c => (Chain: p.Key, Cut: c))).ToList();
        if (unjournaled.Count == 0) return null;
        var journal = client.GetGrain<IGatewayJournalGrain>(identity.Id);
        long? entry = null;
        // Entries of at most the journal's byte limit (a cut is at most one append's bytes, far less).
        var at = 0;
        while (at < unjournaled.Count)
        {
            var take = 0;
            long bytes = 0;
            while (at + take < unjournaled.Count && (take == 0 || bytes + unjournaled[at + take].Cut.Bytes <= IGatewayJournalGrain.MaxEntryBytes))
                bytes += unjournaled[at + take++].Cut.Bytes;
            var part = unjournaled.GetRange(at, take);
            entry = ++_journalEntries;
            await journal.WriteAudit(entry.Value, [.. part.Select(p => new AuditCut(p.Chain, p.Cut.Counter, p.Cut.Chunks))]);
            foreach (var (_, cut) in part) cut.Journaled = true;
            at += take;
        }
        return entry;
    }

    protected override Task TrimJournalAsync(long upTo) => client.GetGrain<IGatewayJournalGrain>(identity.Id).Trim(JournalStream.Audit, upTo);

    protected override async Task<int> FlushAsync()
    {
        var chains = _pending.Count(p => p.Value.Count > 0);
        // Partitions in parallel: each has its own chains' cuts, and the dictionary is not changed meanwhile.
        try
        {
            await Task.WhenAll(_pending.Where(p => p.Value.Count > 0).GroupBy(p => TenantPartitions.Of(p.Key))
                .Select(partition => FlushPartitionAsync(partition.Key, [.. partition])));
        }
        finally
        {
            foreach (var chain in _pending.Where(p => p.Value.Count == 0).Select(p => p.Key).ToArray()) _pending.Remove(chain);
        }
        if (!_backlog.IsOverBound && Interlocked.Exchange(ref _overBound, 0) == 1) LogCaughtUp(logger);
        return chains;
    }

    /// <summary>
    /// Sends one partition's chains their cuts: each call carries, for as many of the partition's
    /// chains as fit one append, the chain's oldest cuts merged into one batch (one table transaction
    /// per call when the rows fit), so a chain's cuts go in order, and the call count follows the
    /// partitions, not the tenants.
    /// </summary>
    private async Task FlushPartitionAsync(int partition, KeyValuePair<string, List<PendingCut>>[] chains)
    {
        while (true)
        {
            var appends = new List<ChainAppend>();
            var sent = new List<(List<PendingCut> Cuts, int Count)>();
            long bytes = 0;
            foreach (var (chain, cuts) in chains)
            {
                if (cuts.Count == 0) continue;
                var (batch, count, size) = Merge(cuts);
                if (appends.Count > 0 && bytes + size > IAuditPartitionGrain.MaxAppendBytes) continue;
                appends.Add(new ChainAppend(chain, batch));
                sent.Add((cuts, count));
                bytes += size;
            }
            if (appends.Count == 0) return;
            // A chain's batch is stored whole or not at all; a cut already stored is skipped by the chain.
            await client.GetGrain<IAuditPartitionGrain>(partition).Append([.. appends]);
            foreach (var (cuts, count) in sent)
            {
                var records = cuts.Take(count).Sum(c => c.Records);
                cuts.RemoveRange(0, count);
                FlushMetrics.AuditAppended(records);
                _backlog.Stored(records);
            }
        }
    }

    /// <summary>The chain's oldest cuts as one batch, as many as one append takes (at least one).</summary>
    private (EncodedAuditBatch Batch, int Cuts, long Bytes) Merge(List<PendingCut> cuts)
    {
        var chunks = new List<byte[]>();
        var counters = new List<long>();
        var taken = 0;
        long bytes = 0;
        foreach (var cut in cuts)
        {
            if (taken > 0 && chunks.Count + cut.Chunks.Length > AuditChainBuffer.MaxChunksPerBatch) break;
            foreach (var chunk in cut.Chunks)
            {
                chunks.Add(chunk);
                counters.Add(cut.Counter);
            }
            bytes += cut.Bytes;
            taken++;
        }
        return (new EncodedAuditBatch($"{identity.Id}-{cuts[taken - 1].Counter}", [.. chunks], [.. counters]), taken, bytes);
    }

    /// <summary>One chain's records cut in one cycle, under one counter; whether they are in the journal.</summary>
    private sealed class PendingCut(long counter, byte[][] chunks, int records)
    {
        public long Counter { get; } = counter;
        public byte[][] Chunks { get; } = chunks;
        public int Records { get; } = records;
        public long Bytes { get; } = chunks.Sum(c => (long)c.Length);
        public bool Journaled { get; set; }
    }

    public bool IsBacklogged => _backlog.IsOverBound;

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Audit backlog reached {Bound} records not yet stored: new inference is refused (UNAVAILABLE AUDIT_BACKLOG) until the chains catch up")]
    private static partial void LogOverBound(ILogger logger, long bound);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Audit backlog back under its bound: inference is served again")]
    private static partial void LogCaughtUp(ILogger logger);
}
