namespace A64Jit.Runtime.Linux;

// Clocks and sleeping. struct timespec and timeval are two 64-bit fields on both architectures.
public static partial class Syscalls
{
    const int X86ClockGettime = 228, X86ClockGetres = 229, X86ClockNanosleep = 230, X86Nanosleep = 35, X86Gettimeofday = 96;

    [Syscall(113, "clock_gettime")]
    static long ClockGettime(LinuxThread t, SyscallArgs a) => HostWithOutput(t, X86ClockGettime, (long)a.A0, a.A1, 16);

    [Syscall(114, "clock_getres")]
    static long ClockGetres(LinuxThread t, SyscallArgs a) =>
        a.A1 == 0 ? HostLibc.Syscall(X86ClockGetres, (long)a.A0, 0) : HostWithOutput(t, X86ClockGetres, (long)a.A0, a.A1, 16);

    [Syscall(169, "gettimeofday")]
    static long GetTimeOfDay(LinuxThread t, SyscallArgs a)
    {
        if (a.A0 == 0)
            return 0;
        return HostWithOutput(t, X86Gettimeofday, 0, a.A0, 16, firstIsOutput: true);
    }

    [Syscall(101, "nanosleep")]
    static long NanoSleep(LinuxThread t, SyscallArgs a) => Sleep(t, X86Nanosleep, [], a.A0, a.A1);

    [Syscall(115, "clock_nanosleep")]
    static long ClockNanoSleep(LinuxThread t, SyscallArgs a) => Sleep(t, X86ClockNanosleep, [(long)a.A0, (long)a.A1], a.A2, a.A3);

    [Syscall(124, "sched_yield")]
    static long SchedYield(LinuxThread t, SyscallArgs a)
    {
        Thread.Yield();
        return 0;
    }

    /// <summary>Sleeps at least this long are waited out in a64jit, where guest signals and exit_group can end them.</summary>
    const long InterruptibleSleepNs = 10_000_000;

    static unsafe long Sleep(LinuxThread t, int number, long[] leading, ulong request, ulong remain)
    {
        const int TimerAbstime = 1;
        bool relative = leading.Length == 0 || (leading[1] & TimerAbstime) == 0;
        long ns = ReadTimespecNs(t, request);
        if (ns < 0)
            return -Errno.EINVAL;
        if (relative && ns >= InterruptibleSleepNs)
        {
            long deadline = LinuxThread.DeadlineAfter(ns);
            if (t.WaitUntil(() => false, deadline) == WaitOutcome.TimedOut)
                return 0;
            if (remain != 0)
            {
                long left = Math.Max(0, (long)((deadline - System.Diagnostics.Stopwatch.GetTimestamp()) * (1e9 / System.Diagnostics.Stopwatch.Frequency)));
                Put64(t, remain, (ulong)(left / 1_000_000_000));
                Put64(t, remain + 8, (ulong)(left % 1_000_000_000));
            }
            return -Errno.EINTR;
        }
        Span<byte> req = stackalloc byte[16], rem = stackalloc byte[16];
        t.Process.Memory.ReadBytes(request, req);
        long r;
        fixed (byte* pq = req, pr = rem)
        {
            r = leading.Length == 0
                ? HostLibc.Syscall(number, (long)pq, (long)pr)
                : HostLibc.Syscall(number, leading[0], leading[1], (long)pq, (long)pr);
        }
        if (r == -Errno.EINTR && remain != 0)
            t.Process.Memory.WriteBytes(remain, rem);
        return r;
    }

    /// <summary>Calls a host syscall (arg0, &amp;buffer) and copies the buffer to guest memory on success.</summary>
    static unsafe long HostWithOutput(LinuxThread t, int number, long arg0, ulong guestOut, int size, bool firstIsOutput = false)
    {
        Span<byte> buf = stackalloc byte[size];
        long r;
        fixed (byte* p = buf)
            r = firstIsOutput ? HostLibc.Syscall(number, (long)p, 0) : HostLibc.Syscall(number, arg0, (long)p);
        if (r == 0)
            t.Process.Memory.WriteBytes(guestOut, buf);
        return r;
    }

    const int ItimerReal = 0;

    [Syscall(103, "setitimer")]
    static long Setitimer(LinuxThread t, SyscallArgs a)
    {
        // struct itimerval { struct timeval it_interval, it_value; } (64-bit fields on both ABIs).
        if ((int)a.A0 != ItimerReal)
            return -Errno.EINVAL; // ITIMER_VIRTUAL and ITIMER_PROF count guest CPU time, which a64jit does not track
        var mem = t.Process.Memory;
        long interval = 0, value = 0;
        if (a.A1 != 0)
        {
            interval = TimevalNs(mem.Read64(a.A1), mem.Read64(a.A1 + 8));
            value = TimevalNs(mem.Read64(a.A1 + 16), mem.Read64(a.A1 + 24));
            if (interval < 0 || value < 0)
                return -Errno.EINVAL;
        }
        var old = a.A1 != 0 ? t.Process.SetRealTimer(value, interval) : t.Process.GetRealTimer();
        if (a.A2 != 0)
            WriteItimerval(t, a.A2, old);
        return 0;
    }

    [Syscall(102, "getitimer")]
    static long Getitimer(LinuxThread t, SyscallArgs a)
    {
        if ((int)a.A0 != ItimerReal)
            return -Errno.EINVAL;
        WriteItimerval(t, a.A1, t.Process.GetRealTimer());
        return 0;
    }

    static long TimevalNs(ulong sec, ulong usec) =>
        (long)sec < 0 || usec >= 1_000_000 ? -1 : (long)Math.Min(sec, long.MaxValue / 2_000_000_000UL) * 1_000_000_000 + (long)usec * 1000;

    static void WriteItimerval(LinuxThread t, ulong address, (long IntervalNs, long RemainingNs) v)
    {
        // Round up to whole microseconds, so a running timer never reads as disarmed.
        long iu = (v.IntervalNs + 999) / 1000, ru = (v.RemainingNs + 999) / 1000;
        Put64(t, address, (ulong)(iu / 1_000_000));
        Put64(t, address + 8, (ulong)(iu % 1_000_000));
        Put64(t, address + 16, (ulong)(ru / 1_000_000));
        Put64(t, address + 24, (ulong)(ru % 1_000_000));
    }
}
