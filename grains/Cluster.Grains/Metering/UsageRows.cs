using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Cluster.Grains.Storage;

namespace Cluster.Grains.Metering;

/// <summary>
/// How usage is laid out in its table. Rows are written in the tenant's storage partition
/// (<see cref="TenantPartitions"/>): partition key "~NN", row key "tenant|minute|batch|position",
/// so one transaction carries up to 100 rows of many tenants. Rows written before partitions
/// (partition key: the tenant, row key "minute|batch|position") are still read. A retried batch
/// writes the same keys again: never counted twice. Gateways now write running totals instead
/// (<see cref="UsageSnapshot"/>), one row per source and group, replaced as the total grows.
/// </summary>
internal static class UsageRows
{
    /// <summary>Rows in one table transaction (Azure Table's limit).</summary>
    public const int MaxTransaction = 100;

    /// <summary>The batch's rows, grouped into transactions of one partition each; position is the record's index in the batch.</summary>
    public static IEnumerable<TableTransactionAction[]> Transactions(UsageBatch batch, Func<UsageRecord, string> tenantOf) =>
        batch.Records.Select((r, i) => (Record: r, Tenant: tenantOf(r), Position: i))
            .GroupBy(x => TenantPartitions.Of(x.Tenant))
            .SelectMany(partition => partition.Select(x => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row(x.Tenant, batch.BatchId, x.Position, x.Record)))
                .Chunk(MaxTransaction));

    /// <summary>
    /// A source's running totals as rows: row key "tenant|minute|source|group" (group: a digest of key,
    /// model, version and purpose), replaced by each newer write of the same total; <c>Seq</c> is the
    /// snapshot's sequence, which a replay compares before it replaces (<see cref="IsNewer"/>).
    /// </summary>
    public static IEnumerable<TableTransactionAction[]> Transactions(UsageSnapshot snapshot) =>
        snapshot.Totals.Select(t => SnapshotRow(snapshot.Source, snapshot.Sequence, t))
            .GroupBy(row => row.PartitionKey)
            .SelectMany(partition => partition.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)).Chunk(MaxTransaction));

    public static TableEntity SnapshotRow(string source, long sequence, UsageRecord r)
    {
        var row = Row(r.TenantId, $"{source}|{Group(r)}", r);
        row["Source"] = source;
        row["Seq"] = sequence;
        return row;
    }

    /// <summary>Whether <paramref name="candidate"/> holds a later total than the stored <paramref name="stored"/> (same row key).</summary>
    public static bool IsNewer(TableEntity candidate, TableEntity stored) => (candidate.GetInt64("Seq") ?? 0) > (stored.GetInt64("Seq") ?? 0);

    private static string Group(UsageRecord r)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{r.KeyId}\n{r.Model}\n{r.Version}\n{r.Purpose}"), hash);
        return Convert.ToHexStringLower(hash[..12]);
    }

    private static TableEntity Row(string tenant, string batchId, int position, UsageRecord r) => Row(tenant, $"{batchId}|{position:D5}", r);

    private static TableEntity Row(string tenant, string suffix, UsageRecord r) =>
        new(TenantPartitions.Key(TenantPartitions.Of(tenant)), $"{TenantPartitions.RowPrefix(tenant)}{Minute(r.Minute)}|{suffix}")
        {
            ["Tenant"] = tenant,
            ["KeyId"] = r.KeyId,
            ["Model"] = r.Model,
            ["Version"] = r.Version,
            ["Purpose"] = r.Purpose,
            ["Minute"] = r.Minute,
            ["Requests"] = r.Requests,
            ["Units"] = r.Units,
            ["ComputeNs"] = r.ComputeNs,
            ["QueueNs"] = r.QueueNs,
        };

    /// <summary>Every row of the tenant's usage in minutes [from, to): the rows written before partitions first, then the partition's.</summary>
    public static async IAsyncEnumerable<TableEntity> Read(TableClient table, string tenant, DateTimeOffset from, DateTimeOffset to,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (low, high) = (Minute(from), Minute(to));
        await foreach (var row in table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {tenant} and RowKey ge {low} and RowKey lt {high}"), cancellationToken: cancellationToken))
            yield return row;
        var prefix = TenantPartitions.RowPrefix(tenant);
        var partition = TenantPartitions.Key(TenantPartitions.Of(tenant));
        await foreach (var row in table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix + low} and RowKey lt {prefix + high}"),
                           cancellationToken: cancellationToken))
            yield return row;
    }

    private static string Minute(DateTimeOffset minute) => minute.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
}
