using System.Buffers.Binary;
using A64Jit.Runtime.Cpu;

namespace A64Jit.Runtime.Linux;

// Threads: clone and clone3 (threads only), and futexes.
public static partial class Syscalls
{
    const ulong CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400, CLONE_SIGHAND = 0x800, CLONE_PIDFD = 0x1000,
        CLONE_VFORK = 0x4000, CLONE_THREAD = 0x10000, CLONE_SYSVSEM = 0x40000, CLONE_SETTLS = 0x80000,
        CLONE_PARENT_SETTID = 0x10_0000, CLONE_CHILD_CLEARTID = 0x20_0000, CLONE_CHILD_SETTID = 0x100_0000;

    /// <summary>Flags that would need a second address space or a new process, which a64jit does not make.</summary>
    const ulong ProcessCloneFlags = CLONE_VFORK;

    [Syscall(220, "clone")]
    static long Clone(LinuxThread t, SyscallArgs a) =>
        // arm64 argument order: flags, newsp, parent_tidptr, tls, child_tidptr.
        CloneThread(t, a.A0, a.A1, a.A2, a.A3, a.A4);

    [Syscall(435, "clone3")]
    static long Clone3(LinuxThread t, SyscallArgs a)
    {
        // struct clone_args: flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, ...
        const int Ver0Size = 64;
        if (a.A1 < Ver0Size || a.A1 > 4096)
            return -Errno.EINVAL;
        var b = new byte[Ver0Size];
        t.Process.Memory.ReadBytes(a.A0, b);
        ulong U(int i) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(8 * i));
        ulong flags = U(0), stack = U(5), stackSize = U(6);
        if ((flags >> 32) != 0 || (stack == 0) != (stackSize == 0))
            return -Errno.EINVAL;
        return CloneThread(t, flags | (U(4) & 0xFF), stack == 0 ? 0 : stack + stackSize, U(3), U(7), U(2));
    }

    /// <summary>
    /// Creates a guest thread the way pthread_create asks (CLONE_VM | CLONE_THREAD | CLONE_SIGHAND ...):
    /// a new tid, a copy of the caller's registers with x0 = 0, the given stack and TLS, run on a new
    /// host thread. A clone without CLONE_VM (fork) or with CLONE_VFORK (vfork, posix_spawn) goes to
    /// the process model (Syscalls.ProcessModel.cs): a new a64jit process resumes a snapshot of this one.
    /// </summary>
    static long CloneThread(LinuxThread t, ulong flags, ulong stack, ulong parentTid, ulong tls, ulong childTid)
    {
        var p = t.Process;
        if ((flags & CLONE_THREAD) != 0 && (flags & CLONE_SIGHAND) == 0)
            return -Errno.EINVAL;
        if ((flags & CLONE_SIGHAND) != 0 && (flags & CLONE_VM) == 0)
            return -Errno.EINVAL;
        // fork, vfork and posix_spawn's clone: a new host process resumes a snapshot of this one.
        if ((flags & CLONE_THREAD) == 0 || (flags & ProcessCloneFlags) != 0)
            return CloneProcess(t, flags, stack, parentTid, tls, childTid);
        if ((flags & CLONE_PIDFD) != 0)
            return -Errno.EINVAL;
        var s = t.State.Clone();
        s.X[0] = 0;
        if (stack != 0)
            s.Sp = stack;
        if ((flags & CLONE_SETTLS) != 0)
            s.TpidrEl0 = tls;
        s.ExclusiveArmed = false;
        s.InstructionsRetired = 0;
        int tid = p.AllocateTid();
        var child = new LinuxThread(p, s, tid) { Blocked = t.Blocked, Name = t.Name };
        if ((flags & CLONE_PARENT_SETTID) != 0)
            p.Memory.Write32(parentTid, (uint)tid);
        if ((flags & CLONE_CHILD_SETTID) != 0)
            p.Memory.Write32(childTid, (uint)tid);
        if ((flags & CLONE_CHILD_CLEARTID) != 0)
            child.ClearChildTid = childTid;
        p.ThreadStarted(child);
        p.StartHostThread(child);
        return tid;
    }

    const int FutexWait = 0, FutexWake = 1, FutexRequeue = 3, FutexCmpRequeue = 4, FutexWakeOp = 5,
        FutexWaitBitset = 9, FutexWakeBitset = 10;
    const int FutexPrivateFlag = 128, FutexClockRealtime = 256;
    const int ClockRealtime = 0, ClockMonotonic = 1;

    [Syscall(98, "futex")]
    static long Futex(LinuxThread t, SyscallArgs a)
    {
        ulong addr = a.A0;
        int op = (int)a.A1, cmd = op & ~(FutexPrivateFlag | FutexClockRealtime);
        uint val = (uint)a.A2;
        var p = t.Process;
        var table = p.Futexes;
        // Every futex here is process-private: one address space, so shared and private are the same.
        switch (cmd)
        {
            case FutexWait:
            case FutexWaitBitset:
            {
                uint bitset = cmd == FutexWait ? FutexTable.BitsetMatchAny : (uint)a.A5;
                long deadline = long.MaxValue;
                if (a.A3 != 0)
                {
                    long ns = ReadTimespecNs(t, a.A3);
                    if (ns < 0)
                        return -Errno.EINVAL;
                    // FUTEX_WAIT's timeout is relative; FUTEX_WAIT_BITSET's is absolute on the chosen clock.
                    if (cmd == FutexWaitBitset)
                        ns = ns == long.MaxValue ? ns : ns - HostClockNs((op & FutexClockRealtime) != 0 ? ClockRealtime : ClockMonotonic);
                    deadline = LinuxThread.DeadlineAfter(ns);
                }
                return table.Wait(t, addr, val, bitset, deadline);
            }
            case FutexWake:
            case FutexWakeBitset:
            {
                uint bitset = cmd == FutexWake ? FutexTable.BitsetMatchAny : (uint)a.A5;
                if (bitset == 0)
                    return -Errno.EINVAL;
                return table.Wake(p.Memory, addr, Count(val), bitset);
            }
            case FutexRequeue:
                return table.Requeue(p.Memory, addr, a.A4, Count(val), Count((uint)a.A3), null);
            case FutexCmpRequeue:
                return table.Requeue(p.Memory, addr, a.A4, Count(val), Count((uint)a.A3), (uint)a.A5);
            case FutexWakeOp:
                return table.WakeOp(t.Context, addr, a.A4, Count(val), Count((uint)a.A3), (uint)a.A5);
            default:
                // Priority-inheritance futexes (LOCK_PI...) are for PTHREAD_PRIO_INHERIT mutexes only.
                return -Errno.ENOSYS;
        }
    }

    /// <summary>A futex count argument: an int, where negative means none.</summary>
    static int Count(uint v) => (int)v < 0 ? 0 : (int)v;

    /// <summary>The host's clock (the guest's clocks are the host's) in nanoseconds.</summary>
    static unsafe long HostClockNs(int clock)
    {
        Span<long> ts = stackalloc long[2];
        fixed (long* p = ts)
            HostLibc.Syscall(X86ClockGettime, clock, (long)p);
        return ts[0] * 1_000_000_000 + ts[1];
    }
}
