using System.Buffers.Binary;

namespace A64Jit.Runtime.Linux;

// epoll, and the positioned vector reads and writes.
public static unsafe partial class Syscalls
{
    const int X86EpollCreate1 = 291, X86EpollCtl = 233, X86EpollPwait = 281, X86Preadv = 295, X86Pwritev = 296;

    // struct epoll_event is { u32 events; u64 data; }: packed (12 bytes) on x86-64, naturally aligned (16) on arm64.
    const int GuestEpollEvent = 16, HostEpollEvent = 12;
    const int EpollCtlDel = 2;

    [Syscall(20, "epoll_create1")]
    static long EpollCreate1(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86EpollCreate1, HostOpenFlags((int)a.A0));

    [Syscall(21, "epoll_ctl")]
    static long EpollCtl(LinuxThread t, SyscallArgs a)
    {
        long* ev = stackalloc long[2];
        byte* host = (byte*)ev;
        if ((int)a.A1 != EpollCtlDel || a.A3 != 0)
        {
            var mem = t.Process.Memory;
            *(uint*)host = mem.Read32(a.A3);
            *(ulong*)(host + 4) = mem.Read64(a.A3 + 8);
        }
        return HostLibc.Syscall(X86EpollCtl, (long)a.A0, (long)a.A1, (long)a.A2, a.A3 == 0 ? 0 : (long)host);
    }

    [Syscall(22, "epoll_pwait")]
    static long EpollPwait(LinuxThread t, SyscallArgs a)
    {
        int max = (int)a.A2;
        if (max <= 0 || max > 65536)
            return -Errno.EINVAL;
        var host = new byte[max * HostEpollEvent];
        long r;
        fixed (byte* p = host)
        {
            long hp = (long)p;
            r = SlicedWaitMs(t, (int)a.A3, a.A4, a.A5, slice => HostLibc.Syscall(X86EpollPwait, (long)a.A0, hp, max, slice, 0, 8));
        }
        if (r <= 0)
            return r;
        var guest = new byte[r * GuestEpollEvent];
        for (int i = 0; i < r; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(guest.AsSpan(i * GuestEpollEvent), BinaryPrimitives.ReadUInt32LittleEndian(host.AsSpan(i * HostEpollEvent)));
            BinaryPrimitives.WriteUInt64LittleEndian(guest.AsSpan(i * GuestEpollEvent + 8), BinaryPrimitives.ReadUInt64LittleEndian(host.AsSpan(i * HostEpollEvent + 4)));
        }
        t.Process.Memory.WriteBytes(a.A1, guest);
        return r;
    }

    /// <summary>Like <see cref="SlicedWait"/> for calls that take a millisecond timeout (-1: forever).</summary>
    static long SlicedWaitMs(LinuxThread t, int timeoutMs, ulong sigmaskPtr, ulong sigsetSize, Func<int, long> pollFor)
    {
        if (sigmaskPtr != 0)
        {
            if (sigsetSize != SigsetSize)
                return -Errno.EINVAL;
            t.SuspendWithMask(t.Process.Memory.Read64(sigmaskPtr));
        }
        long deadline = timeoutMs < 0 ? long.MaxValue : LinuxThread.DeadlineAfter(timeoutMs * 1_000_000L);
        long r;
        while (true)
        {
            if (t.HasDeliverableSignal || t.Process.HasExited)
            {
                r = -Errno.EINTR;
                break;
            }
            long leftMs = deadline == long.MaxValue ? int.MaxValue
                : (long)Math.Ceiling((deadline - System.Diagnostics.Stopwatch.GetTimestamp()) * (1000.0 / System.Diagnostics.Stopwatch.Frequency));
            int slice = (int)Math.Clamp(leftMs, 0, PollSliceMs);
            r = pollFor(slice);
            if (r != 0 || leftMs <= slice)
                break;
        }
        if (sigmaskPtr != 0 && r != -Errno.EINTR)
            t.RestoreMaskAfterSuspend();
        return r;
    }

    /// <summary>A host struct iovec array for a guest one, each buffer checked for the access.</summary>
    static long[] HostIovec(LinuxThread t, ulong address, ulong count, bool write)
    {
        var list = ReadIovec(t, address, count);
        var v = new long[list.Count * 2];
        for (int i = 0; i < list.Count; i++)
        {
            v[2 * i] = list[i].Length == 0 ? 0 : Buf(t, list[i].Base, list[i].Length, write);
            v[2 * i + 1] = (long)list[i].Length;
        }
        return v;
    }

    [Syscall(69, "preadv")]
    static long Preadv(LinuxThread t, SyscallArgs a)
    {
        var v = HostIovec(t, a.A1, a.A2, true);
        fixed (long* p = v)
            return HostLibc.Syscall(X86Preadv, (long)a.A0, (long)p, (long)a.A2, (long)a.A3, 0);
    }

    [Syscall(70, "pwritev")]
    static long Pwritev(LinuxThread t, SyscallArgs a)
    {
        var v = HostIovec(t, a.A1, a.A2, false);
        fixed (long* p = v)
            return BrokenPipe(t, HostLibc.Syscall(X86Pwritev, (long)a.A0, (long)p, (long)a.A2, (long)a.A3, 0));
    }
}
