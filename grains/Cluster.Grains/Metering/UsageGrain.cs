using System.Globalization;
using Azure.Data.Tables;
using Cluster.Grains.Storage;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Cluster.Grains.Metering;

/// <summary>
/// Reads a tenant's usage back as totals, and writes a batch of the tenant's alone (gateways send
/// theirs per partition to <see cref="UsagePartitionGrain"/>); rows as <see cref="UsageRows"/> lays
/// them out, so a retried batch overwrites its own rows (idempotent, never double counted).
/// Stateless: any silo may serve any tenant.
/// </summary>
[StatelessWorker]
public sealed class UsageGrain(TableProvider tables, IOptions<StorageOptions> options) : Grain, IUsageGrain
{
    public async Task Record(UsageBatch batch)
    {
        var table = await tables.GetAsync(options.Value.UsageTable);
        var tenant = this.GetPrimaryKeyString();
        foreach (var transaction in UsageRows.Transactions(batch, _ => tenant))
            await table.SubmitTransactionAsync(transaction);
    }

    public async Task<UsageTotal[]> Query(DateTimeOffset from, DateTimeOffset to, UsageGrouping grouping)
    {
        var table = await tables.GetAsync(options.Value.UsageTable);
        var tenant = this.GetPrimaryKeyString();
        var totals = new Dictionary<string, (long Requests, long Units, long Compute, long Queue)>(StringComparer.Ordinal);
        await foreach (var row in UsageRows.Read(table, tenant, from, to))
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
