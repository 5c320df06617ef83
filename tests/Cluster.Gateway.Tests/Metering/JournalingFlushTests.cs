using Cluster.Gateway.Audit;
using Cluster.Gateway.Hosting;
using Cluster.Gateway.Metering;
using Cluster.Gateway.Tests.Fakes;
using Cluster.Grains.Audit;
using Cluster.Grains.Journal;
using Cluster.Grains.Metering;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Tests.Metering;

/// <summary>
/// The flushers' cycle with a fake clock and recording grains: while writes are stretched each
/// cycle goes to the journal, the next write carries everything since (audit: merged, each chunk
/// naming its cut; usage: the running totals) and trims the journal.
/// </summary>
public sealed class JournalingFlushTests
{
    private static readonly MeteringOptions Options = new() { FlushRowsPerSecond = 1, MaxFlushInterval = TimeSpan.FromSeconds(60) };

    [Fact]
    public async Task WhileAuditWritesAreStretchedEachCycleIsJournaledAndTheNextWriteMergesTheCutsAndTrims()
    {
        var (storage, clock) = (new RecordingStorage(), new SteppingClock());
        var auditor = new InferenceAuditor(storage.Client, storage.Identity, Microsoft.Extensions.Options.Options.Create(Options), clock, NullLogger<InferenceAuditor>.Instance);
        await auditor.StartAsync(CancellationToken.None);

        foreach (var t in new[] { "t1", "t2", "t3" }) auditor.Record(Record(t, $"{t}-0"));
        await Cycle(clock, () => storage.Appends.Count == 3);
        Assert.Equal(TimeSpan.FromSeconds(3), auditor.CurrentInterval);

        auditor.Record(Record("t1", "t1-1"));
        auditor.Record(Record("t1", "t1-2"));
        await Cycle(clock, () => storage.AuditEntries.Count == 1);
        auditor.Record(Record("t2", "t2-1"));
        await Cycle(clock, () => storage.AuditEntries.Count == 2);
        auditor.Record(Record("t1", "t1-3"));
        await Cycle(clock, () => storage.Trims.Count == 1);

        Assert.Equal(5, storage.Appends.Count);
        // The write carries more than its own cycle, so that cycle is journaled before it (a crash during the write loses one cycle at most).
        Assert.Equal([(JournalStream.Audit, 3L)], storage.Trims);
        Assert.Equal([("t1", 4L)], storage.AuditEntries[0].Select(c => (c.Chain, c.Counter)));
        Assert.Equal([("t2", 5L)], storage.AuditEntries[1].Select(c => (c.Chain, c.Counter)));
        Assert.Equal([("t1", 6L)], storage.AuditEntries[2].Select(c => (c.Chain, c.Counter)));
        var t1 = storage.Appends.Last(a => a.Chain == "t1").Batch;
        Assert.Equal($"{storage.Identity.Id}-6", t1.Id);
        Assert.Equal([4L, 6L], t1.ChunkCounters!);
        Assert.Equal(["t1-1", "t1-2", "t1-3"], t1.Chunks.SelectMany(c => AuditRecordCodec.Split(c)).Select(b => AuditRecordCodec.Read(b.Span).RequestId));
        Assert.Equal($"{storage.Identity.Id}-5", storage.Appends.Last(a => a.Chain == "t2").Batch.Id);
        await auditor.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AFinalFlushThatCannotWriteLeavesWhatItHeldInTheJournal()
    {
        var (storage, clock) = (new RecordingStorage { PartitionsFail = true }, new SteppingClock());
        var auditor = new InferenceAuditor(storage.Client, storage.Identity, Microsoft.Extensions.Options.Options.Create(Options), clock, NullLogger<InferenceAuditor>.Instance);
        await auditor.StartAsync(CancellationToken.None);
        auditor.Record(Record("t1", "held"));
        using var shutdown = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await auditor.StopAsync(shutdown.Token);

        Assert.Empty(storage.Appends);
        var cut = Assert.Single(Assert.Single(storage.AuditEntries));
        Assert.Equal("t1", cut.Chain);
    }

    [Fact]
    public async Task UsageJournalsTheRunningTotalsThatChangedAndTheNextWriteSendsTheNewestUnderAHigherSequence()
    {
        var (storage, clock) = (new RecordingStorage(), new SteppingClock());
        var meter = new UsageMeter(storage.Client, storage.Identity, Microsoft.Extensions.Options.Options.Create(Options), clock, NullLogger<UsageMeter>.Instance);
        await meter.StartAsync(CancellationToken.None);

        foreach (var t in new[] { "t1", "t2", "t3" }) meter.Record(t, "k", "m", "1", "TREAT", 2, 10, 1);
        await Cycle(clock, () => storage.Snapshots.Sum(s => s.Totals.Length) == 3);
        meter.Record("t1", "k", "m", "1", "TREAT", 2, 10, 1);
        await Cycle(clock, () => storage.UsageEntries.Count == 1);
        meter.Record("t1", "k", "m", "1", "TREAT", 2, 10, 1);
        meter.Record("t2", "k", "m", "1", "TREAT", 2, 10, 1);
        await Cycle(clock, () => storage.UsageEntries.Count == 2);
        await Cycle(clock, () => storage.Trims.Count == 1);

        Assert.Equal([("t1", 2L)], storage.UsageEntries[0].Totals.Select(t => (t.TenantId, t.Requests)));
        Assert.Equal([("t1", 3L), ("t2", 2L)], storage.UsageEntries[1].Totals.Select(t => (t.TenantId, t.Requests)).Order());
        var last = storage.Snapshots.Skip(storage.Snapshots.Count - 2).ToArray();
        Assert.All(last, s => Assert.True(s.Sequence > storage.UsageEntries[1].Sequence));
        Assert.Equal([("t1", 3L, 6L), ("t2", 2L, 4L)], last.SelectMany(s => s.Totals).Select(t => (t.TenantId, t.Requests, t.Units)).Order());
        Assert.Equal([(JournalStream.Usage, storage.UsageEntries[1].Sequence)], storage.Trims);
        await meter.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AUsageWriteThatFailedIsSentAgainByTheNextWrite()
    {
        var (storage, clock) = (new RecordingStorage { PartitionsFail = true }, new SteppingClock());
        var meter = new UsageMeter(storage.Client, storage.Identity, Microsoft.Extensions.Options.Options.Create(new MeteringOptions()), clock, NullLogger<UsageMeter>.Instance);
        await meter.StartAsync(CancellationToken.None);

        meter.Record("t1", "k", "m", "1", "TREAT", 1, 1, 1);
        meter.Record("t1", "k", "m", "1", "TREAT", 1, 1, 1);
        await Cycle(clock, () => true);
        storage.PartitionsFail = false;
        // No new call: only the failed write's totals can make this one.
        await Cycle(clock, () => storage.Snapshots.Count == 1);

        Assert.Equal(2, Assert.Single(Assert.Single(storage.Snapshots).Totals).Requests);
        await meter.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task WithFewRowsEveryCycleWritesAndNothingIsJournaled()
    {
        var (storage, clock) = (new RecordingStorage(), new SteppingClock());
        var meter = new UsageMeter(storage.Client, storage.Identity, Microsoft.Extensions.Options.Options.Create(new MeteringOptions()), clock, NullLogger<UsageMeter>.Instance);
        await meter.StartAsync(CancellationToken.None);

        for (var i = 1; i <= 3; i++)
        {
            meter.Record("t1", "k", "m", "1", "TREAT", 1, 1, 1);
            await Cycle(clock, () => storage.Snapshots.Count == i);
        }

        Assert.Empty(storage.UsageEntries);
        Assert.Equal([1L, 2, 3], storage.Snapshots.Select(s => s.Totals.Single().Requests));
        await meter.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AFlushIntervalAboveTheJournalIntervalJournalsEachSecondEvenForOneTenant()
    {
        var (storage, clock) = (new RecordingStorage(), new SteppingClock());
        var options = new MeteringOptions { AuditFlushInterval = TimeSpan.FromSeconds(3) };
        var auditor = new InferenceAuditor(storage.Client, storage.Identity, Microsoft.Extensions.Options.Options.Create(options), clock, NullLogger<InferenceAuditor>.Instance);
        await auditor.StartAsync(CancellationToken.None);

        auditor.Record(Record("t1", "a"));
        await Cycle(clock, () => storage.AuditEntries.Count == 1);
        auditor.Record(Record("t1", "b"));
        await Cycle(clock, () => storage.AuditEntries.Count == 2);
        await Cycle(clock, () => storage.Appends.Count == 1);

        Assert.Equal([(JournalStream.Audit, 2L)], storage.Trims);
        Assert.Equal([1L, 2L], storage.Appends[0].Batch.ChunkCounters!);
        await auditor.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ATrimThatFailedIsTriedAgainAtTheNextWrite()
    {
        var (storage, clock) = (new RecordingStorage { TrimFailures = 1 }, new SteppingClock());
        var auditor = new InferenceAuditor(storage.Client, storage.Identity, Microsoft.Extensions.Options.Options.Create(Options), clock, NullLogger<InferenceAuditor>.Instance);
        await auditor.StartAsync(CancellationToken.None);

        foreach (var t in new[] { "t1", "t2", "t3" }) auditor.Record(Record(t, $"{t}-0"));
        await Cycle(clock, () => storage.Appends.Count == 3);
        auditor.Record(Record("t1", "t1-1"));
        await Cycle(clock, () => storage.AuditEntries.Count == 1);
        await Cycle(clock, () => true);
        await Cycle(clock, () => storage.FailedTrims == 1);
        auditor.Record(Record("t1", "t1-2"));
        await Cycle(clock, () => storage.Trims.Count == 1);

        Assert.Equal([(JournalStream.Audit, 1L)], storage.Trims);
        await auditor.StopAsync(CancellationToken.None);
    }

    private static AuditRecord Record(string tenant, string id) => new()
    {
        Time = DateTimeOffset.UnixEpoch, RequestId = id, TenantId = tenant, Decision = AuditRecord.Allowed, Units = 1,
    };

    /// <summary>One second on the fake clock once the flusher waits on it, then waits until the cycle ended (the flusher waits again) and checks <paramref name="done"/>.</summary>
    private static async Task Cycle(SteppingClock clock, Func<bool> done)
    {
        await clock.StepAsync(TimeSpan.FromSeconds(1));
        await clock.SettleAsync();
        Assert.True(done(), "the cycle did not do what was expected");
    }

    /// <summary>Grains that record what the flushers send.</summary>
    private sealed class RecordingStorage : IAuditPartitionGrain, IUsagePartitionGrain, IGatewayJournalGrain
    {
        public GatewayIdentity Identity { get; } = new();
        public bool PartitionsFail { get; set; }
        public List<ChainAppend> Appends { get; } = [];
        public List<UsageSnapshot> Snapshots { get; } = [];
        public List<AuditCut[]> AuditEntries { get; } = [];
        public List<(long Sequence, UsageRecord[] Totals)> UsageEntries { get; } = [];
        public List<(JournalStream, long)> Trims { get; } = [];

        public IClusterClient Client => GrainsOnlyClusterClient.Create((_, _) => this);

        public Task Append(ChainAppend[] appends)
        {
            if (PartitionsFail) throw new TimeoutException("storage unreachable");
            lock (this) Appends.AddRange(appends);
            return Task.CompletedTask;
        }

        public Task Record(UsageBatch batch) => throw new NotSupportedException();

        public Task Store(UsageSnapshot snapshot)
        {
            if (PartitionsFail) throw new TimeoutException("storage unreachable");
            lock (this) Snapshots.Add(snapshot);
            return Task.CompletedTask;
        }

        public Task WriteAudit(long sequence, AuditCut[] cuts)
        {
            lock (this) AuditEntries.Add(cuts);
            return Task.CompletedTask;
        }

        public Task WriteUsage(long sequence, UsageRecord[] totals)
        {
            lock (this) UsageEntries.Add((sequence, totals));
            return Task.CompletedTask;
        }

        public int TrimFailures { get; set; }

        public Task Trim(JournalStream stream, long upTo)
        {
            lock (this)
            {
                if (TrimFailures > 0)
                {
                    TrimFailures--;
                    FailedTrims++;
                    throw new TimeoutException("storage unreachable");
                }
                Trims.Add((stream, upTo));
            }
            return Task.CompletedTask;
        }

        public int FailedTrims { get; private set; }
    }
}
