using System.Diagnostics;

namespace Cluster.Grains.Inference.Timing;

/// <summary>
/// The portable <see cref="DeadlineWaiter"/>: a semaphore wait whose timeout is whole milliseconds,
/// rounded up so that a wait never ends before its deadline (it ends up to about a millisecond late).
/// </summary>
internal sealed class MonitorWaiter : DeadlineWaiter
{
    private readonly SemaphoreSlim _interrupts = new(0, 1);

    public override bool IsPrecise => false;

    public override void Wait(long deadline)
    {
        var timeout = Timeout.Infinite;
        if (deadline != long.MaxValue)
        {
            var remaining = deadline - Stopwatch.GetTimestamp();
            if (remaining <= 0) return;
            timeout = (int)Math.Min(int.MaxValue - 1, (remaining * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency);
        }
        _interrupts.Wait(timeout);
    }

    public override void Interrupt()
    {
        try
        {
            _interrupts.Release();
        }
        catch (SemaphoreFullException)
        {
            // An interrupt is already pending: the next wait ends at once either way.
        }
    }

    public override void Dispose() => _interrupts.Dispose();
}
