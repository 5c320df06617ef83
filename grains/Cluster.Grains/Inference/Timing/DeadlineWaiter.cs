namespace Cluster.Grains.Inference.Timing;

/// <summary>
/// How <see cref="PreciseTimeProvider"/>'s thread sleeps: until a <see cref="System.Diagnostics.Stopwatch"/>
/// timestamp or until <see cref="Interrupt"/>, whichever comes first. <see cref="Create"/> picks
/// the most precise one the platform offers.
/// </summary>
internal abstract class DeadlineWaiter : IDisposable
{
    /// <summary>Whether a wait ends within about 0.1 ms of its deadline (else within about a millisecond).</summary>
    public abstract bool IsPrecise { get; }

    /// <summary>Called once on the thread that will wait, before its first wait.</summary>
    public virtual void PrepareThread() { }

    /// <summary>Sleeps until <paramref name="deadline"/> (a Stopwatch timestamp; <see cref="long.MaxValue"/> = none) or an interrupt; may return early.</summary>
    public abstract void Wait(long deadline);

    /// <summary>Ends the current wait, or the next one if none is under way.</summary>
    public abstract void Interrupt();

    public abstract void Dispose();

    /// <summary>An eventfd and ppoll on Linux (nanosecond timeouts); elsewhere, or when they fail to load, a monitor wait (milliseconds).</summary>
    public static DeadlineWaiter Create() => (DeadlineWaiter?)EventFdWaiter.TryCreate() ?? new MonitorWaiter();
}
