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

    /// <summary>Totals changed since their last write, and since their last write or journal entry (a subset): each listed once, by its flag.</summary>
    private List<Totals> _unwritten = [], _unjournaled = [];
    private long _sequence;

    public void Record(string tenantId, string keyId, string model, string version, string purpose, long units, long computeNs, long queueNs)
    {
        var key = new Key(tenantId, keyId, model, version, purpose, MinuteOf(Time.GetUtcNow()));
        lock (_gate)
        {
            if (!_totals.TryGetValue(key, out var totals)) _totals[key] = totals = new Totals(key);
            totals.Add(units, computeNs, queueNs);
            Mark(totals);
        }
    }

    protected override bool UsesJournal => options.Value.Journal;

    /// <summary>A stopped gateway holds no usage; the gauge is the process's, so a live meter's next write sets it again.</summary>
    protected override void Stopped() => FlushMetrics.UsagePending(0);

    protected override void Cut()
    {
        var current = MinuteOf(Time.GetUtcNow());
        lock (_gate)
        {
            // Totals of past minutes that storage holds (no call lands in a past minute again).
            foreach (var key in _totals.Where(p => p.Key.Minute < current && !p.Value.Unwritten).Select(p => p.Key).ToArray())
                _totals.Remove(key);
            FlushMetrics.UsagePending(_unwritten.Count);
        }
    }

    protected override async Task<long?> JournalAsync()
    {
        long sequence;
        List<Totals> taken;
        UsageRecord[] records;
        lock (_gate)
        {
            if (_unjournaled.Count == 0) return null;
            (taken, _unjournaled) = (_unjournaled, []);
            foreach (var t in taken) t.Unjournaled = false;
            records = [.. taken.Select(t => t.ToRecord())];
            sequence = ++_sequence;
        }
        try
        {
            await client.GetGrain<IGatewayJournalGrain>(identity.Id).WriteUsage(sequence, records);
            return sequence;
        }
        catch
        {
            lock (_gate) foreach (var t in taken) MarkUnjournaled(t);
            throw;
        }
    }

    protected override Task TrimJournalAsync(long upTo) => client.GetGrain<IGatewayJournalGrain>(identity.Id).Trim(JournalStream.Usage, upTo);

    protected override async Task<int> FlushAsync()
    {
        long sequence;
        List<Totals> taken;
        UsageRecord[] records;
        lock (_gate)
        {
            if (_unwritten.Count == 0) return 0;
            // What a write takes needs no journal entry either (the journal's totals are a subset of these).
            (taken, _unwritten, _unjournaled) = (_unwritten, [], []);
            foreach (var t in taken) t.Unwritten = t.Unjournaled = false;
            records = [.. taken.Select(t => t.ToRecord())];
            sequence = ++_sequence;
        }
        var partitions = taken.Zip(records).GroupBy(p => TenantPartitions.Of(p.Second.TenantId)).ToArray();
        // One call per partition (its tenants' rows in transactions of 100), all partitions at once.
        // (Each send is awaited in its own task, so a call that throws before it returns a task fails only its partition.)
        var sends = partitions.Select(async p => await client.GetGrain<IUsagePartitionGrain>(p.Key).Store(new UsageSnapshot(identity.Id, sequence, [.. p.Select(x => x.Second)]))).ToArray();
        try
        {
            await Task.WhenAll(sends);
        }
        finally
        {
            lock (_gate)
            {
                // Totals whose write failed are sent again by the next write, with their then current values.
                for (var i = 0; i < sends.Length; i++)
                {
                    if (!sends[i].IsCompletedSuccessfully) foreach (var (t, _) in partitions[i]) Mark(t);
                }
                FlushMetrics.UsagePending(_unwritten.Count);
            }
        }
        return records.Length;
    }

    /// <summary>The totals changed: due for the next write and the next journal entry. Under the lock.</summary>
    private void Mark(Totals totals)
    {
        if (!totals.Unwritten)
        {
            totals.Unwritten = true;
            _unwritten.Add(totals);
        }
        MarkUnjournaled(totals);
    }

    private void MarkUnjournaled(Totals totals)
    {
        if (totals.Unjournaled) return;
        totals.Unjournaled = true;
        _unjournaled.Add(totals);
    }

    private static DateTimeOffset MinuteOf(DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        return new DateTimeOffset(ticks - ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
    }

    private readonly record struct Key(string Tenant, string KeyId, string Model, string Version, string Purpose, DateTimeOffset Minute);

    /// <summary>One group's totals since this gateway started, and whether they wait for a write or a journal entry (changed under the meter's lock only).</summary>
    private sealed class Totals(Key key)
    {
        private long _requests, _units, _computeNs, _queueNs;

        public bool Unwritten { get; set; }

        public bool Unjournaled { get; set; }

        public void Add(long units, long computeNs, long queueNs)
        {
            _requests++;
            _units += units;
            _computeNs += computeNs;
            _queueNs += queueNs;
        }

        public UsageRecord ToRecord() => new(key.Tenant, key.KeyId, key.Model, key.Version, key.Purpose, key.Minute, _requests, _units, _computeNs, _queueNs);
    }
}
