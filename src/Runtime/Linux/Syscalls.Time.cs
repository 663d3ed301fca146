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
}
