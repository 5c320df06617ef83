namespace Cluster.Gateway.Audit;

/// <summary>
/// Counts the audit records this gateway holds that no chain has stored yet, against a bound.
/// Over the bound the gateway fails closed: it serves no new inference (an unaudited inference is
/// not acceptable) until flushes catch up; the refusals themselves are still recorded, up to twice
/// the bound, and beyond that dropped and counted (the only audit loss, so that an outage with a
/// flood of refused calls cannot exhaust the gateway's memory). Thread-safe.
/// </summary>
public sealed class AuditBacklog(long bound)
{
    private long _held;

    public long Held => Interlocked.Read(ref _held);

    public long Bound { get; } = bound;

    /// <summary>Whether new inference must be refused until the chains catch up.</summary>
    public bool IsOverBound => Held >= Bound;

    /// <summary>Takes one record in; false when it must be dropped (held records are at twice the bound).</summary>
    public bool TryAdd()
    {
        if (Interlocked.Increment(ref _held) <= 2 * Bound) return true;
        Interlocked.Decrement(ref _held);
        return false;
    }

    /// <summary>Records stored by a chain.</summary>
    public void Stored(long records) => Interlocked.Add(ref _held, -records);
}
