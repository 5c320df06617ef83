using System.Runtime.CompilerServices;

namespace Cluster.Grains.Inference.Batching;

/// <summary>
/// The queue timeouts of a shard's waiting requests, earliest first. A request that leaves the
/// queue is forgotten by emptying its entry (the heap keeps no tensors alive); empty entries are
/// dropped as they surface, or all at once when they outnumber the live ones. Not thread-safe: the
/// batcher holds its lock around every call.
/// </summary>
internal sealed class QueueDeadlines
{
    private readonly PriorityQueue<StrongBox<PendingRequest?>, long> _heap = new();

    public void Add(PendingRequest request)
    {
        if (request.Deadline == long.MaxValue) return;
        request.DeadlineEntry = new StrongBox<PendingRequest?>(request);
        _heap.Enqueue(request.DeadlineEntry, request.Deadline);
    }

    public static void Forget(PendingRequest request)
    {
        if (request.DeadlineEntry is { } entry) entry.Value = null;
    }

    /// <summary>Removes and returns the requests whose deadline is at or before <paramref name="now"/>.</summary>
    public List<PendingRequest>? TakeDue(long now)
    {
        List<PendingRequest>? due = null;
        while (_heap.TryPeek(out var entry, out var deadline) && (entry.Value is null || deadline <= now))
        {
            _heap.Dequeue();
            if (entry.Value is { } request) (due ??= []).Add(request);
            entry.Value = null;
        }
        return due;
    }

    /// <summary>The earliest deadline still pending (call after <see cref="TakeDue"/>); <see cref="long.MaxValue"/> for none.</summary>
    public long Next(int queued)
    {
        if (_heap.Count > 1024 && _heap.Count > 4 * queued)
        {
            var live = _heap.UnorderedItems.Where(e => e.Element.Value is not null).ToList();
            _heap.Clear();
            foreach (var (entry, deadline) in live) _heap.Enqueue(entry, deadline);
        }
        return _heap.TryPeek(out _, out var next) ? next : long.MaxValue;
    }

    public void Clear() => _heap.Clear();
}
