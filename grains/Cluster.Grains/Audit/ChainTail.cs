using Azure.Data.Tables;

namespace Cluster.Grains.Audit;

/// <summary>
/// Where one chain ends, as its appender holds it: the last sequence and hash, and the ids of its
/// newest batches (a batch a gateway retries after a lost answer, or after the appender moved, is
/// stored once). Read from the chain's rows when the appender first needs it.
/// </summary>
internal sealed class ChainTail
{
    /// <summary>How many of the newest batch ids a chain remembers (each gateway retries only its oldest unsent batch).</summary>
    public const int RememberedBatches = 1024;

    private readonly HashSet<string> _batches = new(StringComparer.Ordinal);
    private readonly Queue<string> _batchOrder = new();

    public long Sequence { get; private set; }

    public byte[] Hash { get; private set; } = new byte[AuditSegments.HashBytes];

    public bool Holds(string batchId) => _batches.Contains(batchId);

    /// <summary>Reads the chain's newest sequence, hash and batch ids from its rows; returns the rows older than <paramref name="purgeBefore"/> written before partitions (to delete).</summary>
    public async Task<List<TableEntity>> LoadAsync(TableClient table, string chain, DateTimeOffset purgeBefore)
    {
        var old = new List<TableEntity>();
        await foreach (var row in AuditChainRows.Read(table, chain, select: ["PartitionKey", "RowKey", "LastSequence", "LastHash", "BatchId", "LastTime"]))
        {
            var sequence = row.GetInt64("LastSequence") ?? 0;
            if (sequence > Sequence) (Sequence, Hash) = (sequence, HashOf(row.GetString("LastHash")));
            if (row.GetString("BatchId") is { Length: > 0 } batch) Remember(batch);
            if (row.PartitionKey == chain && row.GetDateTimeOffset("LastTime") is { } last && last < purgeBefore) old.Add(row);
        }
        return old;
    }

    /// <summary>The chain now ends at <paramref name="sequence"/> with <paramref name="hash"/>, after storing <paramref name="batchId"/>.</summary>
    public void Advance(long sequence, byte[] hash, string batchId)
    {
        (Sequence, Hash) = (sequence, hash);
        Remember(batchId);
    }

    private void Remember(string batch)
    {
        if (!_batches.Add(batch)) return;
        _batchOrder.Enqueue(batch);
        if (_batchOrder.Count > RememberedBatches) _batches.Remove(_batchOrder.Dequeue());
    }

    /// <summary>The raw bytes of a stored hash (zeros when a damaged row holds none: the next append then fails verification, not silently).</summary>
    private static byte[] HashOf(string? hex)
    {
        var bytes = new byte[AuditSegments.HashBytes];
        if (hex is { Length: AuditSegments.HashBytes * 2 }) Convert.FromHexString(hex, bytes, out _, out _);
        return bytes;
    }
}
