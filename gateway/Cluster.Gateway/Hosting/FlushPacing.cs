namespace Cluster.Gateway.Hosting;

/// <summary>
/// How long a flusher waits before its next flush: its interval, stretched when the last flush
/// wrote more storage rows than <paramref name="rowsPerSecond"/> allows in that time (one row per
/// active tenant, or per tenant, key and model, per flush), up to <paramref name="maxInterval"/>.
/// So the rows written per second follow the calls, not the number of active tenants: 1,000
/// tenants each called now and then would otherwise cost 1,000 rows a second per stream. The
/// price is the loss bound on a crash, which is the current interval (docs/quota-and-metering.md).
/// <paramref name="rowsPerSecond"/> 0 keeps the interval fixed.
/// </summary>
public sealed class FlushPacing(TimeSpan interval, TimeSpan maxInterval, int rowsPerSecond)
{
    /// <summary>The shortest wait, and the wait before the first flush.</summary>
    public TimeSpan Interval => interval;

    /// <summary>The wait after a flush that wrote <paramref name="rows"/> rows.</summary>
    public TimeSpan After(int rows)
    {
        if (rowsPerSecond <= 0 || maxInterval <= interval) return interval;
        var needed = TimeSpan.FromSeconds((double)rows / rowsPerSecond);
        return needed <= interval ? interval : needed >= maxInterval ? maxInterval : needed;
    }
}
