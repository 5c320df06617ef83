using System.Globalization;
using Azure.Data.Tables;
using Cluster.Grains.Storage;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Cluster.Grains.Metering;

/// <summary>
/// Writes a tenant's usage batches as Azure Table rows keyed by minute, batch id and position, so
/// a retried batch overwrites its own rows (idempotent, never double counted); reads them back as
/// totals. Stateless: any silo may serve any tenant.
/// </summary>
[StatelessWorker]
public sealed class UsageGrain(TableProvider tables, IOptions<StorageOptions> options) : Grain, IUsageGrain
{
    private const int MaxTransaction = 100;

    public async Task Record(UsageBatch batch)
    {
        var table = await tables.GetAsync(options.Value.UsageTable);
        var tenant = this.GetPrimaryKeyString();
        var actions = batch.Records.Select((r, i) => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(tenant,
            $"{r.Minute.UtcDateTime:yyyyMMddHHmm}|{batch.BatchId}|{i:D5}")
        {
            ["KeyId"] = r.KeyId,
            ["Model"] = r.Model,
            ["Version"] = r.Version,
            ["Purpose"] = r.Purpose,
            ["Minute"] = r.Minute,
            ["Requests"] = r.Requests,
            ["Units"] = r.Units,
            ["ComputeNs"] = r.ComputeNs,
            ["QueueNs"] = r.QueueNs,
        })).ToList();
        foreach (var chunk in actions.Chunk(MaxTransaction))
            await table.SubmitTransactionAsync(chunk);
    }

    public async Task<UsageTotal[]> Query(DateTimeOffset from, DateTimeOffset to, UsageGrouping grouping)
    {
        var table = await tables.GetAsync(options.Value.UsageTable);
        var tenant = this.GetPrimaryKeyString();
        var low = from.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        var high = to.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        var totals = new Dictionary<string, (long Requests, long Units, long Compute, long Queue)>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {tenant} and RowKey ge {low} and RowKey lt {high}")))
        {
            var group = grouping switch
            {
                UsageGrouping.Model => $"{row.GetString("Model")}:{row.GetString("Version")}",
                UsageGrouping.Purpose => row.GetString("Purpose"),
                UsageGrouping.Day => (row.GetDateTimeOffset("Minute") ?? default).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => "",
            };
            var t = totals.GetValueOrDefault(group);
            totals[group] = (t.Requests + (row.GetInt64("Requests") ?? 0), t.Units + (row.GetInt64("Units") ?? 0),
                t.Compute + (row.GetInt64("ComputeNs") ?? 0), t.Queue + (row.GetInt64("QueueNs") ?? 0));
        }
        return totals.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new UsageTotal(t.Key, t.Value.Requests, t.Value.Units, t.Value.Compute, t.Value.Queue)).ToArray();
    }
}
