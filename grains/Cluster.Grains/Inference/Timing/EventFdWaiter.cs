using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Cluster.Grains.Inference.Timing;

/// <summary>
/// The Linux <see cref="DeadlineWaiter"/>: <c>ppoll</c> on an <c>eventfd</c> with a nanosecond
/// timeout (the kernel's high-resolution timers; the waiting thread's timer slack is set to 1 µs);
/// <see cref="Interrupt"/> writes the eventfd. Nothing spins.
/// </summary>
internal sealed unsafe partial class EventFdWaiter : DeadlineWaiter
{
    private const string Library = "libc.so.6";
    private const int EfdCloexec = 0x80000;
    private const int EfdNonblock = 0x800;
    private const short PollIn = 1;
    private const int EIntr = 4;
    private const long NanosecondsPerSecond = 1_000_000_000;
    private const int PrSetTimerSlack = 29;
    private const nuint TimerSlackNanoseconds = 1_000;

    private readonly int _fd;
    private int _disposed;

    private EventFdWaiter(int fd) => _fd = fd;

    public override bool IsPrecise => true;

    /// <summary>A waiter, or null where there is no eventfd (not Linux, no glibc, or the call fails).</summary>
    public static EventFdWaiter? TryCreate()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            var fd = eventfd(0, EfdCloexec | EfdNonblock);
            return fd < 0 ? null : new EventFdWaiter(fd);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Sets the thread's timer slack to 1 µs (<c>prctl(PR_SET_TIMERSLACK)</c>; the default 50 µs lets
    /// the kernel end a timed wait that much later to group wake-ups). Best effort.
    /// </summary>
    public override void PrepareThread()
    {
        try
        {
            _ = prctl(PrSetTimerSlack, TimerSlackNanoseconds, 0, 0, 0);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // The default slack stays.
        }
    }

    public override void Wait(long deadline)
    {
        var poll = new PollFd { Fd = _fd, Events = PollIn };
        int result;
        if (deadline == long.MaxValue)
        {
            result = ppoll(&poll, 1, null, 0);
        }
        else
        {
            var remaining = deadline - Stopwatch.GetTimestamp();
            if (remaining <= 0) return;
            var nanoseconds = (long)Math.Min(remaining * ((double)NanosecondsPerSecond / Stopwatch.Frequency), long.MaxValue / 2.0);
            var timeout = new TimeSpec { Seconds = nanoseconds / NanosecondsPerSecond, Nanoseconds = nanoseconds % NanosecondsPerSecond };
            result = ppoll(&poll, 1, &timeout, 0);
        }
        if (result > 0)
        {
            // Clear the interrupt (the eventfd's counter); a later Interrupt sets it again.
            ulong counter;
            _ = read(_fd, &counter, sizeof(ulong));
        }
        else if (result < 0 && Marshal.GetLastPInvokeError() != EIntr)
        {
            throw new InvalidOperationException($"ppoll failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    public override void Interrupt()
    {
        if (Volatile.Read(ref _disposed) != 0) return;
        ulong one = 1;
        // EAGAIN (the counter is full) still leaves it readable: the wait ends either way.
        _ = write(_fd, &one, sizeof(ulong));
    }

    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _ = close(_fd);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport(Library, SetLastError = true)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int eventfd(uint initialValue, int flags);

    [LibraryImport(Library, SetLastError = true)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int ppoll(PollFd* fds, nuint count, TimeSpec* timeout, nint signalMask);

    [LibraryImport(Library, SetLastError = true)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial nint read(int fd, void* buffer, nuint count);

    [LibraryImport(Library, SetLastError = true)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial nint write(int fd, void* buffer, nuint count);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int close(int fd);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}
