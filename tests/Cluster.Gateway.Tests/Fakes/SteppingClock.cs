using Microsoft.Extensions.Time.Testing;

namespace Cluster.Gateway.Tests.Fakes;

/// <summary>
/// A fake clock that counts the timers made on it (a <c>Task.Delay(…, TimeProvider)</c> makes one),
/// so a test steps a background loop only once the loop waits on the clock again. Advancing before
/// the loop reached its next wait would let that wait start after the step and the cycle would
/// never come: a race a fixed real-time pause only makes rarer.
/// </summary>
public sealed class SteppingClock : FakeTimeProvider
{
    private int _created;
    private int _stepped;

    /// <summary>How many timers were made on this clock.</summary>
    public int TimersCreated => Volatile.Read(ref _created);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _created);
        return timer;
    }

    /// <summary>
    /// Waits (real time, at most 10 s) until a timer was made since the last step — the loop waits
    /// on the clock — then advances by <paramref name="by"/>.
    /// </summary>
    public async Task StepAsync(TimeSpan by)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (TimersCreated <= _stepped)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the loop never waited on the clock again");
            await Task.Delay(2);
        }
        _stepped = TimersCreated;
        Advance(by);
    }

    /// <summary>Waits (real time, at most 10 s) until the loop waits on the clock again: everything the last step started has finished.</summary>
    public async Task SettleAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (TimersCreated <= _stepped)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the loop never waited on the clock again");
            await Task.Delay(2);
        }
    }
}
