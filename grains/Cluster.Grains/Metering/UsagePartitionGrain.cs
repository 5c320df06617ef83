using Cluster.Grains.Inference;
using Cluster.Grains.Storage;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Cluster.Grains.Metering;

/// <summary>
/// Writes the usage of every tenant in one storage partition, 100 rows per table transaction
/// (<see cref="UsageRows"/>). Stateless: any silo may serve any partition, and a retried batch
/// overwrites its own rows.
/// </summary>
[StatelessWorker]
public sealed class UsagePartitionGrain(TableProvider tables, IOptions<StorageOptions> options) : Grain, IUsagePartitionGrain
{
    public async Task Record(UsageBatch batch)
    {
        if (string.IsNullOrEmpty(batch.BatchId)) throw new ArgumentException("a usage batch needs an id.", nameof(batch));
        var partition = (int)this.GetPrimaryKeyLong();
        foreach (var record in batch.Records)
        {
            if (string.IsNullOrEmpty(record.TenantId) || TenantPartitions.Of(record.TenantId) != partition)
                throw new ArgumentException($"usage batch '{ClientText.Clip(batch.BatchId)}' holds a record of a tenant outside partition {partition}.", nameof(batch));
        }
        var table = await tables.GetAsync(options.Value.UsageTable);
        foreach (var transaction in UsageRows.Transactions(batch, r => r.TenantId))
            await table.SubmitTransactionAsync(transaction);
    }

    public async Task Store(UsageSnapshot snapshot)
    {
        if (!SourceIds.IsValid(snapshot.Source)) throw new ArgumentException($"a usage snapshot needs a source of {SourceIds.Rule}.", nameof(snapshot));
        var partition = (int)this.GetPrimaryKeyLong();
        foreach (var total in snapshot.Totals ?? [])
        {
            if (string.IsNullOrEmpty(total.TenantId) || TenantPartitions.Of(total.TenantId) != partition)
                throw new ArgumentException($"usage snapshot {snapshot.Sequence} of '{ClientText.Clip(snapshot.Source)}' holds a total of a tenant outside partition {partition}.", nameof(snapshot));
        }
        var table = await tables.GetAsync(options.Value.UsageTable);
        foreach (var transaction in UsageRows.Transactions(snapshot))
            await table.SubmitTransactionAsync(transaction);
    }
}
