using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Cluster.Grains.Storage;

namespace Cluster.Grains.Audit;

/// <summary>
/// Where a chain's segments live. Written now: in the chain's storage partition
/// (<see cref="TenantPartitions"/>), partition key "~NN", row key "chain|sequence", so one table
/// transaction stores the batches of many chains. Written before partitions: partition key = the
/// chain, row key = the sequence; those rows are read first, and a chain continues from them.
/// </summary>
internal static class AuditChainRows
{
    public static string PartitionKey(string chain) => TenantPartitions.Key(TenantPartitions.Of(chain));

    /// <summary>The chain's rows in sequence order (the rows written before partitions, then the partition's), narrowed by <paramref name="filter"/> (an OData condition or null).</summary>
    public static async IAsyncEnumerable<TableEntity> Read(TableClient table, string chain, string? filter = null, IEnumerable<string>? select = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var and = filter is null ? "" : " and " + filter;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {chain}") + and, select: select, cancellationToken: cancellationToken))
            yield return row;
        var range = TableClient.CreateQueryFilter(
            $"PartitionKey eq {PartitionKey(chain)} and RowKey ge {TenantPartitions.RowPrefix(chain)} and RowKey lt {TenantPartitions.RowEnd(chain)}");
        await foreach (var row in table.QueryAsync<TableEntity>(range + and, select: select, cancellationToken: cancellationToken))
            yield return row;
    }
}
