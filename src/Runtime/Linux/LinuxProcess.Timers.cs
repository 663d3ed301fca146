namespace A64Jit.Runtime.Linux;

// ITIMER_REAL (setitimer, and alarm in the C library): SIGALRM to the process when it expires.
public sealed partial class LinuxProcess
{
    readonly Lock timerLock = new();
    Timer? realTimer;
    long realDeadline;   // Stopwatch timestamp of the next expiry, 0 when disarmed
    long realIntervalNs;

    /// <summary>The timer's value now: (interval, time left) in nanoseconds.</summary>
    public (long IntervalNs, long RemainingNs) GetRealTimer()
    {
        lock (timerLock)
        {
            if (realDeadline == 0)
                return (realIntervalNs, 0);
            long left = (long)((realDeadline - System.Diagnostics.Stopwatch.GetTimestamp()) * (1e9 / System.Diagnostics.Stopwatch.Frequency));
            // An expired one-shot reads as disarmed; a periodic one as (almost) a full period.
            return (realIntervalNs, Math.Max(left, realIntervalNs == 0 ? 0 : 1000));
        }
    }

    /// <summary>Arms (value &gt; 0) or disarms ITIMER_REAL; returns the old setting.</summary>
    public (long IntervalNs, long RemainingNs) SetRealTimer(long valueNs, long intervalNs)
    {
        lock (timerLock)
        {
            var old = GetRealTimer();
            realTimer?.Dispose();
            realTimer = null;
            realDeadline = 0;
            realIntervalNs = intervalNs;
            if (valueNs > 0 && !HasExited)
            {
                realDeadline = LinuxThread.DeadlineAfter(valueNs);
                var due = TimeSpan.FromTicks(Math.Max(1, valueNs / 100));
                var period = intervalNs > 0 ? TimeSpan.FromTicks(Math.Max(1, intervalNs / 100)) : Timeout.InfiniteTimeSpan;
                realTimer = new Timer(_ => RealTimerFired(), null, due, period);
            }
            return old;
        }
    }

    void RealTimerFired()
    {
        lock (timerLock)
            realDeadline = realIntervalNs > 0 ? LinuxThread.DeadlineAfter(realIntervalNs) : 0;
        if (!HasExited)
            SendToProcess(new SignalInfo(Signals.SIGALRM, Signals.SI_KERNEL));
    }

    void StopTimers()
    {
        lock (timerLock)
        {
            realTimer?.Dispose();
            realTimer = null;
        }
    }
}
