using System.Text;

namespace Cluster.Grains.Storage;

/// <summary>
/// Which of a fixed number of storage partitions holds a tenant's audit chain and usage rows. Many
/// tenants share a partition, so one gateway flush costs one grain call and one table transaction
/// per partition (up to 100 rows each) instead of one per active tenant (docs/quota-and-metering.md,
/// "Storage partitions"). <see cref="Count"/> is part of the stored layout: a chain continues in the
/// partition it started in, so the number never changes.
/// </summary>
public static class TenantPartitions
{
    /// <summary>How many partitions tenants are spread over.</summary>
    public const int Count = 16;

    /// <summary>
    /// The partition of a tenant (or of the anonymous chain): FNV-1a over the id's UTF-8 bytes,
    /// stable across processes and versions (unlike <see cref="string.GetHashCode()"/>).
    /// </summary>
    public static int Of(string tenantId)
    {
        var hash = 2166136261u;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(tenantId) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(tenantId, buffer)] : Encoding.UTF8.GetBytes(tenantId);
        foreach (var b in bytes) hash = (hash ^ b) * 16777619u;
        return (int)(hash % Count);
    }

    /// <summary>
    /// The table partition key of partition <paramref name="partition"/>: "~" and two digits, which
    /// no tenant id (<c>[a-z0-9-]</c>) or the anonymous chain (<c>_anonymous</c>) can be, so rows
    /// written before partitions (keyed by tenant) never mix with them.
    /// </summary>
    public static string Key(int partition) => "~" + partition.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What a tenant's row keys start with inside its partition.</summary>
    public static string RowPrefix(string tenantId) => tenantId + "|";

    /// <summary>The first row key after every row of the tenant's (a range query's exclusive upper bound).</summary>
    public static string RowEnd(string tenantId) => tenantId + "}";
}
