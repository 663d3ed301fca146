using System.Buffers.Binary;

namespace A64Jit.Runtime.Linux;

// Signal dispositions, masks, waiting for signals, sending them, and returning from handlers.
public static partial class Syscalls
{
    /// <summary>sizeof(sigset_t) in the kernel's ABI: 64 signals.</summary>
    const ulong SigsetSize = 8;

    static bool ValidSignal(ulong sig) => sig is >= 1 and <= Signals.NSIG;

    [Syscall(134, "rt_sigaction")]
    static long RtSigaction(LinuxThread t, SyscallArgs a)
    {
        ulong sig = a.A0;
        if (a.A3 != SigsetSize || !ValidSignal(sig))
            return -Errno.EINVAL;
        var mem = t.Process.Memory;
        SignalAction? next = null;
        if (a.A1 != 0)
        {
            // struct sigaction (arm64 kernel ABI): sa_handler, sa_flags, sa_restorer, sa_mask.
            Span<byte> b = stackalloc byte[32];
            mem.ReadBytes(a.A1, b);
            if (sig is Signals.SIGKILL or Signals.SIGSTOP)
                return -Errno.EINVAL;
            next = new SignalAction(BinaryPrimitives.ReadUInt64LittleEndian(b), BinaryPrimitives.ReadUInt64LittleEndian(b[8..]),
                BinaryPrimitives.ReadUInt64LittleEndian(b[16..]), BinaryPrimitives.ReadUInt64LittleEndian(b[24..]) & ~Signals.Unblockable);
        }
        var old = next is SignalAction n ? t.Process.SetAction((int)sig, n) : t.Process.GetAction((int)sig);
        if (a.A2 != 0)
        {
            Span<byte> o = stackalloc byte[32];
            BinaryPrimitives.WriteUInt64LittleEndian(o, old.Handler);
            BinaryPrimitives.WriteUInt64LittleEndian(o[8..], old.Flags);
            BinaryPrimitives.WriteUInt64LittleEndian(o[16..], old.Restorer);
            BinaryPrimitives.WriteUInt64LittleEndian(o[24..], old.Mask);
            mem.WriteBytes(a.A2, o);
        }
        return 0;
    }

    const int SigBlock = 0, SigUnblock = 1, SigSetmask = 2;

    [Syscall(135, "rt_sigprocmask")]
    static long RtSigprocmask(LinuxThread t, SyscallArgs a)
    {
        if (a.A3 != SigsetSize)
            return -Errno.EINVAL;
        ulong old = t.Blocked;
        if (a.A1 != 0)
        {
            ulong set = t.Process.Memory.Read64(a.A1);
            ulong next;
            switch ((int)a.A0)
            {
                case SigBlock: next = old | set; break;
                case SigUnblock: next = old & ~set; break;
                case SigSetmask: next = set; break;
                default: return -Errno.EINVAL;
            }
            t.Blocked = next & ~Signals.Unblockable;
        }
        if (a.A2 != 0)
            Put64(t, a.A2, old);
        return 0;
    }

    [Syscall(136, "rt_sigpending")]
    static long RtSigpending(LinuxThread t, SyscallArgs a)
    {
        if (a.A1 > SigsetSize)
            return -Errno.EINVAL;
        Put64(t, a.A0, (t.Pending | t.Process.SharedPending) & t.Blocked);
        return 0;
    }

    [Syscall(133, "rt_sigsuspend")]
    static long RtSigsuspend(LinuxThread t, SyscallArgs a)
    {
        if (a.A1 != SigsetSize)
            return -Errno.EINVAL;
        t.SuspendWithMask(t.Process.Memory.Read64(a.A0));
        // Returns only when a signal is taken: its handler's frame saves the caller's mask, restored afterwards.
        t.WaitUntil(() => false);
        return -Errno.EINTR;
    }

    [Syscall(137, "rt_sigtimedwait")]
    static long RtSigtimedwait(LinuxThread t, SyscallArgs a)
    {
        if (a.A3 != SigsetSize)
            return -Errno.EINVAL;
        var mem = t.Process.Memory;
        ulong set = mem.Read64(a.A0) & ~Signals.Unblockable;
        long deadline = long.MaxValue;
        if (a.A2 != 0)
        {
            var ns = ReadTimespecNs(t, a.A2);
            if (ns < 0)
                return -Errno.EINVAL;
            deadline = LinuxThread.DeadlineAfter(ns);
        }
        while (true)
        {
            if (t.Dequeue(set) is SignalInfo info)
            {
                if (a.A1 != 0)
                {
                    var b = new byte[SignalFrame.InfoSize];
                    SignalFrame.WriteInfo(b, info);
                    mem.WriteBytes(a.A1, b);
                }
                return info.Signo;
            }
            var outcome = t.WaitUntil(() => ((t.Pending | t.Process.SharedPending) & set) != 0, deadline,
                () => ((t.Pending | t.Process.SharedPending) & ~t.Blocked & ~set) != 0);
            if (outcome == WaitOutcome.TimedOut)
                return -Errno.EAGAIN;
            if (outcome != WaitOutcome.Ready)
                return -Errno.EINTR;
        }
    }

    [Syscall(132, "sigaltstack")]
    static long Sigaltstack(LinuxThread t, SyscallArgs a)
    {
        var mem = t.Process.Memory;
        var old = t.CurrentAltStack();
        if (a.A0 != 0)
        {
            Span<byte> b = stackalloc byte[24];
            mem.ReadBytes(a.A0, b);
            long r = t.SetAltStack(SignalFrame.AltStack.Read(b));
            if (r != 0)
                return r;
        }
        if (a.A1 != 0)
        {
            Span<byte> o = stackalloc byte[24];
            old.Write(o);
            mem.WriteBytes(a.A1, o);
        }
        return 0;
    }

    [Syscall(139, "rt_sigreturn")]
    static long RtSigreturn(LinuxThread t, SyscallArgs a)
    {
        t.ReturnFromSignal();
        return NoReturnValue;
    }

    const int X86Kill = 62;

    [Syscall(129, "kill")]
    static long Kill(LinuxThread t, SyscallArgs a)
    {
        int pid = (int)a.A0;
        ulong sig = a.A1;
        if (sig != 0 && !ValidSignal(sig))
            return -Errno.EINVAL;
        var p = t.Process;
        // -1 is every process the user may signal except the caller: a guest may not reach that far.
        if (pid == -1)
            return 0;
        // 0 is our process group: of that, the guest reaches only itself.
        // One of our thread ids (never host ids) means this process too.
        if (pid == p.Pid || pid == 0 || p.FindThread(pid) is not null || (pid < -1 && -pid == HostLibc.Syscall(X86Getpgid, 0)))
        {
            if (sig != 0)
                p.SendToProcess(SignalInfo.User((int)sig, Signals.SI_USER, p.Pid));
            return 0;
        }
        // Another host process (the guest cannot fork, so no children of ours): signal numbers are the same.
        return HostLibc.Syscall(X86Kill, pid, (long)sig);
    }

    [Syscall(130, "tkill")]
    static long Tkill(LinuxThread t, SyscallArgs a) => SendToThread(t, t.Process.Pid, (int)a.A0, a.A1);

    [Syscall(131, "tgkill")]
    static long Tgkill(LinuxThread t, SyscallArgs a) => SendToThread(t, (int)a.A0, (int)a.A1, a.A2);

    static long SendToThread(LinuxThread t, int tgid, int tid, ulong sig)
    {
        if (tid <= 0 || tgid <= 0 || (sig != 0 && !ValidSignal(sig)))
            return -Errno.EINVAL;
        if (tgid != t.Process.Pid)
            return -Errno.ESRCH;
        var target = t.Process.FindThread(tid);
        if (target is null)
            return -Errno.ESRCH;
        if (sig != 0)
            target.QueueSignal(SignalInfo.User((int)sig, Signals.SI_TKILL, t.Process.Pid));
        return 0;
    }

    [Syscall(138, "rt_sigqueueinfo")]
    static long RtSigqueueinfo(LinuxThread t, SyscallArgs a) => QueueInfo(t, (int)a.A0, 0, a.A1, a.A2);

    [Syscall(240, "rt_tgsigqueueinfo")]
    static long RtTgsigqueueinfo(LinuxThread t, SyscallArgs a) => QueueInfo(t, (int)a.A0, (int)a.A1, a.A2, a.A3);

    /// <summary>sigqueue and pthread_sigqueue: a signal with the caller's siginfo (si_code, si_value) to the process or one thread.</summary>
    static long QueueInfo(LinuxThread t, int tgid, int tid, ulong sig, ulong infoAddress)
    {
        if (!ValidSignal(sig))
            return -Errno.EINVAL;
        var mem = t.Process.Memory;
        int code = (int)mem.Read32(infoAddress + 8);
        // Only the kernel may claim to be the kernel (or tkill): a user's si_code is negative.
        if (code >= 0 || code == Signals.SI_TKILL)
            return -Errno.EPERM;
        var info = new SignalInfo((int)sig, code, Pid: (int)mem.Read32(infoAddress + 16), Uid: mem.Read32(infoAddress + 20),
            Value: mem.Read64(infoAddress + 24));
        var p = t.Process;
        if (tid == 0)
        {
            if (tgid != p.Pid && p.FindThread(tgid) is null)
                return -Errno.ESRCH;
            p.SendToProcess(info);
            return 0;
        }
        if (tgid != p.Pid || p.FindThread(tid) is not LinuxThread target)
            return -Errno.ESRCH;
        target.QueueSignal(info);
        return 0;
    }

    /// <summary>A struct timespec in nanoseconds; -1 when out of range.</summary>
    static long ReadTimespecNs(LinuxThread t, ulong address)
    {
        long sec = (long)t.Process.Memory.Read64(address), nsec = (long)t.Process.Memory.Read64(address + 8);
        if (sec < 0 || nsec is < 0 or >= 1_000_000_000)
            return -1;
        return sec >= long.MaxValue / 1_000_000_000 - 1 ? long.MaxValue : sec * 1_000_000_000 + nsec;
    }
}
