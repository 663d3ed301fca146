using System.Diagnostics;
using A64Jit.IR;

namespace A64Jit.Runtime.Linux;

/// <summary>How a blocking wait ended.</summary>
public enum WaitOutcome
{
    Ready,
    /// <summary>A signal the thread can take arrived (the call returns -EINTR or restarts).</summary>
    Interrupted,
    TimedOut,
    /// <summary>The thread or the whole process is exiting.</summary>
    Exiting,
}

// Thread bookkeeping the kernel keeps per task: clear_child_tid, the robust futex list, thread exit,
// and the one place where a guest thread sleeps (futex, sigsuspend, sigtimedwait, nanosleep).
public sealed partial class LinuxThread
{
    /// <summary>The host thread running this guest thread (set when it starts).</summary>
    internal Thread? HostThread { get; set; }

    /// <summary>set_tid_address / CLONE_CHILD_CLEARTID: zeroed and futex-woken when the thread exits.</summary>
    public ulong ClearChildTid { get; set; }

    /// <summary>set_robust_list head (the list itself is walked at exit).</summary>
    public ulong RobustListHead { get; set; }

    /// <summary>prctl(PR_SET_NAME): the thread's name, at most 15 bytes.</summary>
    public string Name { get; set; } = "";

    /// <summary>exit(2): ends this thread; the last thread's exit ends the process.</summary>
    public void ExitThread(int status)
    {
        ReleaseAtExit();
        Exited = true;
        if (Process.ThreadExited(this))
            Process.Exit(status);
    }

    /// <summary>mm_release(): robust futexes of a dying thread are marked owner-died, and clear_child_tid is zeroed and woken (pthread_join waits on it).</summary>
    void ReleaseAtExit()
    {
        try
        {
            WalkRobustList();
        }
        catch (GuestFault)
        {
            // A corrupt list is abandoned, as the kernel does.
        }
        if (ClearChildTid != 0)
        {
            try
            {
                Process.Memory.Write32(ClearChildTid, 0);
                Process.Futexes.Wake(Process.Memory, ClearChildTid, 1, FutexTable.BitsetMatchAny);
            }
            catch (GuestFault)
            {
            }
            ClearChildTid = 0;
        }
    }

    const uint FutexWaiters = 0x8000_0000, FutexOwnerDied = 0x4000_0000, FutexTidMask = 0x3FFF_FFFF;
    const int RobustListLimit = 2048;

    /// <summary>exit_robust_list(): struct robust_list_head { next, futex_offset, list_op_pending }.</summary>
    void WalkRobustList()
    {
        ulong head = RobustListHead;
        if (head == 0)
            return;
        RobustListHead = 0;
        var mem = Process.Memory;
        long offset = (long)mem.Read64(head + 8);
        ulong pendingEntry = mem.Read64(head + 16) & ~1UL;
        ulong entry = mem.Read64(head) & ~1UL;
        for (int n = 0; entry != head && entry != 0 && n < RobustListLimit; n++)
        {
            ulong next = mem.Read64(entry) & ~1UL;
            if (entry != pendingEntry)
                HandleFutexDeath(entry + (ulong)offset);
            entry = next;
        }
        if (pendingEntry != 0)
            HandleFutexDeath(pendingEntry + (ulong)offset);
    }

    /// <summary>handle_futex_death(): a lock word owned by this thread becomes OWNER_DIED (keeping WAITERS) and one waiter is woken.</summary>
    void HandleFutexDeath(ulong address)
    {
        if ((address & 3) != 0)
            return;
        var ctx = Context;
        while (true)
        {
            uint value = ctx.Memory.Read32(address);
            if ((value & FutexTidMask) != (uint)Tid)
                return;
            uint next = (value & FutexWaiters) | FutexOwnerDied;
            if ((uint)ctx.CompareAndSwap(address, 4, value, next) != value)
                continue;
            if ((value & FutexWaiters) != 0)
                Process.Futexes.Wake(Process.Memory, address, 1, FutexTable.BitsetMatchAny);
            return;
        }
    }

    readonly object wakeGate = new();

    /// <summary>Makes a sleeping <see cref="WaitUntil"/> look at its conditions again.</summary>
    public void Wake()
    {
        // Compiled code runs until it reaches a block boundary with the interrupt flag set.
        State.RequestInterrupt();
        lock (wakeGate)
            Monitor.PulseAll(wakeGate);
    }

    /// <summary>
    /// Sleeps until <paramref name="ready"/> holds, a deliverable signal arrives (or
    /// <paramref name="interrupted"/> holds instead), the process exits, or the deadline (a
    /// <see cref="Stopwatch"/> timestamp) passes. Whoever changes what the conditions read must call
    /// <see cref="Wake"/> afterwards; the conditions are read under the same lock, so no wake-up is lost.
    /// </summary>
    public WaitOutcome WaitUntil(Func<bool> ready, long deadline = long.MaxValue, Func<bool>? interrupted = null)
    {
        lock (wakeGate)
        {
            while (true)
            {
                if (ready())
                    return WaitOutcome.Ready;
                if (Exited || Process.HasExited)
                    return WaitOutcome.Exiting;
                if (interrupted is null ? HasDeliverableSignal : interrupted())
                    return WaitOutcome.Interrupted;
                long now = Stopwatch.GetTimestamp();
                if (now >= deadline)
                    return WaitOutcome.TimedOut;
                int ms = deadline == long.MaxValue ? Timeout.Infinite
                    : (int)Math.Min(int.MaxValue, ((deadline - now) * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency);
                Monitor.Wait(wakeGate, ms);
            }
        }
    }

    /// <summary>A Stopwatch deadline <paramref name="nanoseconds"/> from now.</summary>
    public static long DeadlineAfter(long nanoseconds)
    {
        if (nanoseconds <= 0)
            return Stopwatch.GetTimestamp();
        double ticks = nanoseconds * (Stopwatch.Frequency / 1e9);
        long now = Stopwatch.GetTimestamp();
        return ticks >= long.MaxValue - now ? long.MaxValue - 1 : now + (long)ticks;
    }
}
