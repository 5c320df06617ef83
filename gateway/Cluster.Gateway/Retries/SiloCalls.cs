namespace Cluster.Gateway.Retries;

/// <summary>
/// Calls a gateway has sent to one silo and not yet seen end, and when that silo last answered
/// (<see cref="SiloLossWatch"/>): calls waiting with no answer for a while make the silo a suspect.
/// Thread-safe; timestamps are the watch's clock's.
/// </summary>
public sealed class SiloCalls(long created)
{
    private int _waiting;
    private long _lastProgress = created;

    /// <summary>True when no call to the silo is waiting.</summary>
    public bool Idle => Volatile.Read(ref _waiting) == 0;

    /// <summary>A call was sent; a silo that had nothing waiting starts its wait now.</summary>
    public void Sent(long now)
    {
        if (Interlocked.Increment(ref _waiting) == 1) Volatile.Write(ref _lastProgress, now);
    }

    /// <summary>The silo answered a call (with any result).</summary>
    public void Answered(long now)
    {
        Volatile.Write(ref _lastProgress, now);
        Interlocked.Decrement(ref _waiting);
    }

    /// <summary>A call ended without the silo's answer (cancelled, timed out, rejected, sent elsewhere).</summary>
    public void Unanswered() => Interlocked.Decrement(ref _waiting);

    /// <summary>True when calls wait and the silo has not answered (nor been sent a first call) for <paramref name="suspectAfter"/>.</summary>
    public bool Waiting(long now, TimeProvider time, TimeSpan suspectAfter) =>
        !Idle && time.GetElapsedTime(Volatile.Read(ref _lastProgress), now) >= suspectAfter;
}
