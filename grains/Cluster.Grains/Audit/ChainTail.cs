using Azure.Data.Tables;

namespace Cluster.Grains.Audit;

/// <summary>
/// Where one chain ends, as its appender holds it: the last sequence and hash, and which batches it
/// holds (a batch a gateway retries after a lost answer, or after the appender moved, or that a
/// journal replay sends again, is stored once). For ids of the form <c>source-N</c>
/// (<see cref="BatchIds"/>) that is the highest counter stored per source; other ids are
/// remembered one by one. Read from the chain's rows when the appender first needs it.
/// </summary>
internal sealed class ChainTail
{
    /// <summary>How many sources (gateway processes) and other batch ids a chain remembers; the oldest are forgotten first.</summary>
    public const int RememberedBatches = 1024;

    private readonly Dictionary<string, long> _highest = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public long Sequence { get; private set; }

    public byte[] Hash { get; private set; } = new byte[AuditSegments.HashBytes];

    public bool Holds(string batchId) => BatchIds.TryParse(batchId, out var source, out var counter)
        ? _highest.TryGetValue(source, out var highest) && counter <= highest
        : _highest.ContainsKey(Exact(batchId));

    /// <summary>The highest counter of <paramref name="source"/> the chain holds (-1 when none).</summary>
    public long StoredUpTo(string source) => _highest.GetValueOrDefault(source, -1);

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
        var (key, counter) = BatchIds.TryParse(batch, out var source, out var n) ? (source, n) : (Exact(batch), 0L);
        if (_highest.TryGetValue(key, out var highest))
        {
            if (counter > highest) _highest[key] = counter;
            return;
        }
        _highest[key] = counter;
        _order.Enqueue(key);
        if (_order.Count > RememberedBatches) _highest.Remove(_order.Dequeue());
    }

    /// <summary>The key of an id without a counter (no source begins with a NUL).</summary>
    private static string Exact(string batchId) => "\0" + batchId;

    /// <summary>The raw bytes of a stored hash (zeros when a damaged row holds none: the next append then fails verification, not silently).</summary>
    private static byte[] HashOf(string? hex)
    {
        var bytes = new byte[AuditSegments.HashBytes];
        if (hex is { Length: AuditSegments.HashBytes * 2 }) Convert.FromHexString(hex, bytes, out _, out _);
        return bytes;
    }
}
