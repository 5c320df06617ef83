using System.Collections.Concurrent;
using Cluster.Gateway.Hosting;
using Cluster.Gateway.Metrics;
using Cluster.Grains.Metering;
using Cluster.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Metering;

/// <summary>
/// Aggregates successful inferences in memory per (tenant, key, model, version, purpose, minute)
/// and flushes them in batches to the tenants' storage partitions (<see cref="IUsagePartitionGrain"/>:
/// one call per partition, not per tenant). Each batch has a unique id and is
/// retried with the same id until it is written, so a retried flush never double counts. Loss
/// bound: on a crash, what accumulated since the last flush (at most one flush interval, which
/// <see cref="FlushPacing"/> stretches up to Metering:MaxFlushInterval while flushes write many rows); on a
/// graceful stop, nothing.
/// </summary>
public sealed class UsageMeter(
    IClusterClient client, GatewayIdentity identity, IOptions<MeteringOptions> options, TimeProvider time, ILogger<UsageMeter> logger)
    : PeriodicFlusher(options.Value.UsagePacing(), time, logger), IUsageMeter
{
    private readonly object _swap = new();
    private ConcurrentDictionary<Key, Accumulator> _current = new();
    private readonly List<(int Partition, UsageBatch Batch)> _pending = [];
    private long _sequence;

    public void Record(string tenantId, string keyId, string model, string version, string purpose, long units, long computeNs, long queueNs)
    {
        var ticks = Time.GetUtcNow().UtcTicks;
        var minute = new DateTimeOffset(ticks - ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        lock (_swap)
        {
            var accumulator = _current.GetOrAdd(new Key(tenantId, keyId, model, version, purpose, minute), _ => new Accumulator());
            accumulator.Add(units, computeNs, queueNs);
        }
    }

    protected override async Task<int> FlushAsync()
    {
        ConcurrentDictionary<Key, Accumulator> drained;
        lock (_swap)
        {
            drained = _current;
            _current = new ConcurrentDictionary<Key, Accumulator>();
        }
        foreach (var partition in drained.GroupBy(p => TenantPartitions.Of(p.Key.Tenant)))
        {
            var records = partition.Select(p => new UsageRecord(p.Key.Tenant, p.Key.KeyId, p.Key.Model, p.Key.Version, p.Key.Purpose, p.Key.Minute,
                p.Value.Requests, p.Value.Units, p.Value.ComputeNs, p.Value.QueueNs)).ToArray();
            _pending.Add((partition.Key, new UsageBatch($"{identity.Id}-{Interlocked.Increment(ref _sequence)}", records)));
        }
        FlushMetrics.UsagePending(_pending.Count);
        if (_pending.Count == 0) return 0;
        // One call per partition (its tenants' rows in transactions of 100), all partitions at once.
        var sends = _pending.Select(p => client.GetGrain<IUsagePartitionGrain>(p.Partition).Record(p.Batch)).ToArray();
        try
        {
            await Task.WhenAll(sends);
        }
        finally
        {
            for (var i = sends.Length - 1; i >= 0; i--)
            {
                if (sends[i].IsCompletedSuccessfully) _pending.RemoveAt(i);
            }
            FlushMetrics.UsagePending(_pending.Count);
        }
        return drained.Count;
    }

    private readonly record struct Key(string Tenant, string KeyId, string Model, string Version, string Purpose, DateTimeOffset Minute);

    private sealed class Accumulator
    {
        public long Requests;
        public long Units;
        public long ComputeNs;
        public long QueueNs;

        public void Add(long units, long computeNs, long queueNs)
        {
            Interlocked.Increment(ref Requests);
            Interlocked.Add(ref Units, units);
            Interlocked.Add(ref ComputeNs, computeNs);
            Interlocked.Add(ref QueueNs, queueNs);
        }
    }
}
