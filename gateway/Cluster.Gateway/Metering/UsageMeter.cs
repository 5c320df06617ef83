using Cluster.Gateway.Hosting;
using Cluster.Gateway.Metrics;
using Cluster.Grains.Journal;
using Cluster.Grains.Metering;
using Cluster.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Metering;

/// <summary>
/// Keeps this gateway's running usage totals in memory per (tenant, key, model, version, purpose,
/// minute) and writes the totals that changed to the tenants' storage partitions
/// (<see cref="IUsagePartitionGrain.Store"/>: one call per partition, not per tenant). A total is
/// one row per gateway and group, replaced as it grows, so a retried or replayed write never double
/// counts. While writes are stretched (many active tenants: <see cref="FlushPacing"/>), the totals
/// that changed each cycle go to the gateway's journal (<see cref="IGatewayJournalGrain"/>)
/// instead. Loss bound: one cycle (Metering:UsageFlushInterval) on a crash, nothing on a graceful
/// stop. A minute's totals are dropped from memory once written and past.
/// </summary>
public sealed class UsageMeter(
    IClusterClient client, GatewayIdentity identity, IOptions<MeteringOptions> options, TimeProvider time, ILogger<UsageMeter> logger)
    : PeriodicFlusher(options.Value.UsagePacing(), time, logger, options.Value.JournalCycle()), IUsageMeter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Key, Totals> _totals = [];
    private readonly HashSet<Key> _unwritten = [];
    private readonly HashSet<Key> _unjournaled = [];
    private long _sequence;

    public void Record(string tenantId, string keyId, string model, string version, string purpose, long units, long computeNs, long queueNs)
    {
        var key = new Key(tenantId, keyId, model, version, purpose, MinuteOf(Time.GetUtcNow()));
        lock (_gate)
        {
            if (!_totals.TryGetValue(key, out var totals)) _totals[key] = totals = new Totals();
            totals.Add(units, computeNs, queueNs);
            _unwritten.Add(key);
            _unjournaled.Add(key);
        }
    }

    protected override bool UsesJournal => options.Value.Journal;

    protected override void Cut()
    {
        var current = MinuteOf(Time.GetUtcNow());
        lock (_gate)
        {
            // Totals of past minutes that storage holds (no call lands in a past minute again).
            foreach (var key in _totals.Keys.Where(k => k.Minute < current && !_unwritten.Contains(k) && !_unjournaled.Contains(k)).ToArray())
                _totals.Remove(key);
            FlushMetrics.UsagePending(_unwritten.Count);
        }
    }

    protected override async Task<long?> JournalAsync()
    {
        var (sequence, keys, records) = Take(_unjournaled);
        if (keys.Length == 0) return null;
        try
        {
            await client.GetGrain<IGatewayJournalGrain>(identity.Id).WriteUsage(sequence, records);
            return sequence;
        }
        catch
        {
            Return(_unjournaled, keys);
            throw;
        }
    }

    protected override Task TrimJournalAsync(long upTo) => client.GetGrain<IGatewayJournalGrain>(identity.Id).Trim(JournalStream.Usage, upTo);

    protected override async Task<int> FlushAsync()
    {
        // What a write takes needs no journal entry either (the journal's keys are a subset of these).
        var (sequence, keys, records) = Take(_unwritten, _unjournaled);
        if (keys.Length == 0) return 0;
        var partitions = keys.Zip(records).GroupBy(p => TenantPartitions.Of(p.First.Tenant)).ToArray();
        // One call per partition (its tenants' rows in transactions of 100), all partitions at once.
        var sends = partitions.Select(p => client.GetGrain<IUsagePartitionGrain>(p.Key).Store(new UsageSnapshot(identity.Id, sequence, [.. p.Select(x => x.Second)]))).ToArray();
        try
        {
            await Task.WhenAll(sends);
        }
        finally
        {
            for (var i = 0; i < sends.Length; i++)
            {
                if (sends[i].IsCompletedSuccessfully) continue;
                Key[] failed = [.. partitions[i].Select(x => x.First)];
                Return(_unwritten, failed);
                Return(_unjournaled, failed);
            }
            lock (_gate) FlushMetrics.UsagePending(_unwritten.Count);
        }
        return records.Length;
    }

    /// <summary>The keys in <paramref name="set"/> and their current totals, under the next sequence number; the set (and <paramref name="subset"/>) is then empty.</summary>
    private (long Sequence, Key[] Keys, UsageRecord[] Records) Take(HashSet<Key> set, HashSet<Key>? subset = null)
    {
        lock (_gate)
        {
            var keys = set.ToArray();
            set.Clear();
            subset?.Clear();
            var records = keys.Select(k => _totals[k].ToRecord(k)).ToArray();
            return (++_sequence, keys, records);
        }
    }

    /// <summary>Keys whose write failed go back into <paramref name="set"/> (the next write sends their then current totals).</summary>
    private void Return(HashSet<Key> set, Key[] keys)
    {
        lock (_gate) set.UnionWith(keys);
    }

    private static DateTimeOffset MinuteOf(DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        return new DateTimeOffset(ticks - ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
    }

    private readonly record struct Key(string Tenant, string KeyId, string Model, string Version, string Purpose, DateTimeOffset Minute);

    /// <summary>One group's totals since this gateway started (changed under the meter's lock only).</summary>
    private sealed class Totals
    {
        private long _requests, _units, _computeNs, _queueNs;

        public void Add(long units, long computeNs, long queueNs)
        {
            _requests++;
            _units += units;
            _computeNs += computeNs;
            _queueNs += queueNs;
        }

        public UsageRecord ToRecord(Key k) => new(k.Tenant, k.KeyId, k.Model, k.Version, k.Purpose, k.Minute, _requests, _units, _computeNs, _queueNs);
    }
}
