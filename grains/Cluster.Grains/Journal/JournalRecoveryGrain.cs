using Azure;
using Azure.Data.Tables;
using Cluster.Grains.Audit;
using Cluster.Grains.Metering;
using Cluster.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Journal;

/// <summary>
/// Finds journals whose newest entry is older than the sweep's threshold and replays each into the
/// chains and usage rows, then deletes it. Audit: each cut is appended as the batch
/// <c>gateway-counter</c>, entry after entry, through the chains' partitions, which skip what they
/// hold (the gateway may have written some before it died). Usage: for each total the newest
/// journaled value is written unless the stored row holds a newer one (compared and replaced under
/// the row's ETag). A journal that cannot be replayed now (storage) stays for the next sweep; a
/// damaged entry is logged (no contents) and skipped.
/// </summary>
public sealed partial class JournalRecoveryGrain(TableProvider tables, IOptions<StorageOptions> options, TimeProvider time, ILogger<JournalRecoveryGrain> logger)
    : Grain, IJournalRecoveryGrain
{
    public async Task<JournalReplay> Sweep(TimeSpan staleAfter)
    {
        var journal = await tables.GetAsync(options.Value.JournalTable);
        var newest = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var row in journal.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", "Timestamp"]))
        {
            var at = row.Timestamp ?? DateTimeOffset.MinValue;
            if (!newest.TryGetValue(row.PartitionKey, out var seen) || at > seen) newest[row.PartitionKey] = at;
        }
        var now = time.GetUtcNow();
        var total = new JournalReplay(0, 0, 0, 0);
        foreach (var (gateway, at) in newest)
        {
            if (now - at < staleAfter) continue;
            var replay = await ReplayAsync(journal, gateway);
            LogReplayed(logger, gateway, replay.Entries, replay.AuditRecords, replay.UsageTotals);
            total = new JournalReplay(total.Gateways + 1, total.Entries + replay.Entries, total.AuditRecords + replay.AuditRecords, total.UsageTotals + replay.UsageTotals);
        }
        return total;
    }

    private async Task<JournalReplay> ReplayAsync(TableClient journal, string gateway)
    {
        var (entries, rows) = await JournalRows.ReadAsync(journal, gateway);
        long records = 0;
        var latest = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        foreach (var (stream, sequence, payload) in entries)
        {
            try
            {
                if (stream == JournalStream.Audit) records += await AppendAsync(gateway, JournalCodec.DecodeAudit(payload));
                else
                {
                    foreach (var total in JournalCodec.DecodeUsage(payload).Where(t => t.TenantId.Length > 0))
                    {
                        var row = UsageRows.SnapshotRow(gateway, sequence, total);
                        if (!latest.TryGetValue(row.RowKey, out var seen) || UsageRows.IsNewer(row, seen)) latest[row.RowKey] = row;
                    }
                }
            }
            catch (Exception ex) when (ex is InvalidDataException or ArgumentException)
            {
                LogDamaged(logger, gateway, stream, sequence, ex.GetType().Name);
            }
        }
        var usage = await tables.GetAsync(options.Value.UsageTable);
        foreach (var row in latest.Values) await WriteIfNewerAsync(usage, row);
        await JournalRows.DeleteAsync(journal, rows);
        return new JournalReplay(1, entries.Count, records, latest.Count);
    }

    /// <summary>One entry's cuts, each as its own batch, partition by partition; a chain once per call (its cuts in order).</summary>
    private async Task<long> AppendAsync(string gateway, AuditCut[] cuts)
    {
        long records = 0;
        foreach (var partition in cuts.Where(c => c.Chunks.Length > 0).GroupBy(c => TenantPartitions.Of(c.Chain)))
        {
            var pending = partition.ToList();
            while (pending.Count > 0)
            {
                var call = new List<AuditCut>();
                var chains = new HashSet<string>(StringComparer.Ordinal);
                long bytes = 0;
                foreach (var cut in pending)
                {
                    var size = cut.Chunks.Sum(c => (long)c.Length);
                    if (!chains.Add(cut.Chain)) break;
                    if (call.Count > 0 && bytes + size > IAuditPartitionGrain.MaxAppendBytes) break;
                    call.Add(cut);
                    bytes += size;
                }
                pending.RemoveRange(0, call.Count);
                await GrainFactory.GetGrain<IAuditPartitionGrain>(partition.Key)
                    .Append([.. call.Select(c => new ChainAppend(c.Chain, new EncodedAuditBatch($"{gateway}-{c.Counter}", c.Chunks)))]);
                records += call.Sum(c => c.Chunks.Sum(chunk => (long)AuditRecordCodec.Split(chunk).Count()));
            }
        }
        return records;
    }

    /// <summary>Writes the total unless its row holds a newer one: compared and replaced under the row's ETag, again on a conflict.</summary>
    private static async Task WriteIfNewerAsync(TableClient table, TableEntity row)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var stored = await table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey);
                if (!stored.HasValue) await table.AddEntityAsync(row);
                else if (UsageRows.IsNewer(row, stored.Value!)) await table.UpdateEntityAsync(row, stored.Value!.ETag, TableUpdateMode.Replace);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 5)
            {
                // Written meanwhile (the gateway is alive after all): compare again.
            }
        }
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Replayed the abandoned journal of gateway {Gateway}: {Entries} entries, {Records} audit records, {Totals} usage totals")]
    private static partial void LogReplayed(ILogger logger, string gateway, int entries, long records, int totals);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "Journal entry {Sequence} of stream {Stream} of gateway {Gateway} is damaged and was skipped ({Error})")]
    private static partial void LogDamaged(ILogger logger, string gateway, JournalStream stream, long sequence, string error);
}
