namespace Cluster.Grains.Inference.Batching;

/// <summary>
/// The order a shard serves its queued requests in: priority level first (level 1 before 2), then
/// weighted fair share across tenants, then arrival. Fair share is start-time fair queueing: a
/// request is tagged on arrival with <c>max(level's virtual time, tenant's last finish tag)</c>,
/// and its tenant's finish tag moves on by <c>rows / weight</c>; requests are served in tag order
/// and serving one moves the virtual time to its tag. A tenant that floods the queue therefore
/// only pushes its own tags ahead: a newcomer's first request is tagged at the current virtual
/// time and goes next to the flooder's next one, and with backlogs on both sides each gets rows in
/// proportion to its weight. Within a tenant and level, requests keep their arrival order. Not
/// thread-safe: the batcher holds its lock around every call.
/// </summary>
internal sealed class FairQueue
{
    private readonly SortedSet<PendingRequest> _order = new(ServiceOrder.Instance);
    private readonly Dictionary<int, LevelState> _levels = [];
    private long _sequence;

    public int Count => _order.Count;

    /// <summary>The queued requests, next to serve first.</summary>
    public IEnumerable<PendingRequest> InServiceOrder => _order;

    public void Enqueue(PendingRequest request)
    {
        if (!_levels.TryGetValue(request.Level, out var level)) _levels[request.Level] = level = new LevelState();
        var tenant = request.Request.TenantId;
        var start = Math.Max(level.VirtualTime, level.Finish.GetValueOrDefault(tenant));
        level.Finish[tenant] = start + request.Rows / Weight(request.Request.Weight);
        level.Count++;
        request.Tag = start;
        request.Sequence = ++_sequence;
        request.Queued = true;
        _order.Add(request);
    }

    /// <summary>Takes a request out; <paramref name="served"/> (it runs now) advances its level's virtual time.</summary>
    public void Remove(PendingRequest request, bool served)
    {
        if (!request.Queued || !_order.Remove(request)) return;
        request.Queued = false;
        var level = _levels[request.Level];
        if (served) level.VirtualTime = Math.Max(level.VirtualTime, request.Tag);
        // An empty level has no backlog to be fair about: start afresh (this also bounds the tenant table).
        if (--level.Count == 0) _levels.Remove(request.Level);
    }

    /// <summary>Removes and returns every queued request.</summary>
    public List<PendingRequest> Drain()
    {
        var all = _order.ToList();
        foreach (var r in all) r.Queued = false;
        _order.Clear();
        _levels.Clear();
        return all;
    }

    /// <summary>A usable weight: positive and finite, else 1.</summary>
    internal static double Weight(double weight) => double.IsFinite(weight) && weight > 0 ? weight : 1;

    private sealed class LevelState
    {
        public double VirtualTime;
        public int Count;
        public readonly Dictionary<string, double> Finish = new(StringComparer.Ordinal);
    }

    private sealed class ServiceOrder : IComparer<PendingRequest>
    {
        public static readonly ServiceOrder Instance = new();

        public int Compare(PendingRequest? x, PendingRequest? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return -1;
            if (y is null) return 1;
            var c = x.Level.CompareTo(y.Level);
            if (c != 0) return c;
            c = x.Tag.CompareTo(y.Tag);
            return c != 0 ? c : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
