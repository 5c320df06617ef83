namespace Cluster.Grains.Tenancy;

/// <summary>
/// The governance change feed's memory: the last <c>capacity</c> notices of one epoch. Asked from a
/// position it can answer exactly, it returns what followed (a page at a time); asked from another
/// epoch, from ahead of itself or from before what it still holds, it says reset.
/// </summary>
public sealed class ChangeRing(Guid epoch, int capacity, int pageSize)
{
    private readonly ChangeNotice[] _ring = new ChangeNotice[capacity];
    private long _last;

    public Guid Epoch => epoch;

    /// <summary>The sequence of the last notice appended (0 before the first).</summary>
    public long Last => _last;

    public void Append(ChangeKind kind, string id)
    {
        _last++;
        _ring[_last % capacity] = new ChangeNotice(_last, kind, id);
    }

    public ChangePage Since(Guid readerEpoch, long sequence)
    {
        var oldest = Math.Max(1, _last - capacity + 1);
        if (readerEpoch != epoch || sequence > _last || sequence < oldest - 1)
            return new ChangePage(epoch, _last, Reset: true, [], More: false);
        var count = (int)Math.Min(_last - sequence, pageSize);
        var notices = new ChangeNotice[count];
        for (var i = 0; i < count; i++) notices[i] = _ring[(sequence + 1 + i) % capacity];
        return new ChangePage(epoch, sequence + count, Reset: false, notices, More: sequence + count < _last);
    }
}
