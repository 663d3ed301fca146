using System.Buffers.Binary;
using System.Text;

namespace A64Jit.Runtime.Linux;

// Process identity and lifetime: exit, ids, uname, limits, sysinfo, randomness.
public static partial class Syscalls
{
    [Syscall(93, "exit")]
    static long Exit(LinuxThread t, SyscallArgs a)
    {
        t.ExitThread((int)(a.A0 & 0xFF));
        return NoReturnValue;
    }

    [Syscall(94, "exit_group")]
    static long ExitGroup(LinuxThread t, SyscallArgs a)
    {
        t.Process.Exit((int)(a.A0 & 0xFF));
        t.Exited = true;
        return NoReturnValue;
    }

    [Syscall(172, "getpid")] static long GetPid(LinuxThread t, SyscallArgs a) => t.Process.Pid;
    [Syscall(173, "getppid")] static long GetPpid(LinuxThread t, SyscallArgs a) => HostLibc.GetPpid();
    [Syscall(178, "gettid")] static long GetTid(LinuxThread t, SyscallArgs a) => t.Tid;
    [Syscall(174, "getuid")] static long GetUid(LinuxThread t, SyscallArgs a) => HostLibc.GetUid();
    [Syscall(175, "geteuid")] static long GetEuid(LinuxThread t, SyscallArgs a) => HostLibc.GetEuid();
    [Syscall(176, "getgid")] static long GetGid(LinuxThread t, SyscallArgs a) => HostLibc.GetGid();
    [Syscall(177, "getegid")] static long GetEgid(LinuxThread t, SyscallArgs a) => HostLibc.GetEgid();

    [Syscall(160, "uname")]
    static long Uname(LinuxThread t, SyscallArgs a)
    {
        // struct utsname: six 65-byte fields.
        var buf = new byte[6 * 65];
        string[] fields = ["Linux", Environment.MachineName, "6.1.0-a64jit", "#1 SMP a64jit", "aarch64", "(none)"];
        for (int i = 0; i < fields.Length; i++)
            Encoding.ASCII.GetBytes(fields[i].AsSpan(0, Math.Min(64, fields[i].Length)), buf.AsSpan(i * 65));
        t.Process.Memory.WriteBytes(a.A0, buf);
        return 0;
    }

    [Syscall(278, "getrandom")]
    static long GetRandom(LinuxThread t, SyscallArgs a)
    {
        int count = (int)Math.Min(a.A1, 1 << 25);
        var buf = new byte[count];
        System.Security.Cryptography.RandomNumberGenerator.Fill(buf);
        t.Process.Memory.WriteBytes(a.A0, buf);
        return count;
    }

    const int X86Prlimit64 = 302;

    [Syscall(261, "prlimit64")]
    static long Prlimit64(LinuxThread t, SyscallArgs a)
    {
        // struct rlimit64 is two u64 on both architectures; resource numbers match too.
        Span<byte> newLimit = stackalloc byte[16], oldLimit = stackalloc byte[16];
        if (a.A2 != 0)
            t.Process.Memory.ReadBytes(a.A2, newLimit);
        long r;
        unsafe
        {
            fixed (byte* pn = newLimit, po = oldLimit)
                r = HostLibc.Syscall(X86Prlimit64, (long)a.A0, (long)a.A1, a.A2 != 0 ? (long)pn : 0, a.A3 != 0 ? (long)po : 0);
        }
        if (r == 0 && a.A3 != 0)
            t.Process.Memory.WriteBytes(a.A3, oldLimit);
        return r;
    }

    [Syscall(163, "getrlimit")]
    static long GetRlimit(LinuxThread t, SyscallArgs a) => Prlimit64(t, new SyscallArgs(0, a.A0, 0, a.A1, 0, 0));

    [Syscall(179, "sysinfo")]
    static long SysInfo(LinuxThread t, SyscallArgs a)
    {
        // struct sysinfo has the same layout on both 64-bit architectures.
        var buf = new byte[112];
        long r;
        unsafe
        {
            fixed (byte* p = buf)
                r = HostLibc.Syscall(99, (long)p);
        }
        if (r == 0)
            t.Process.Memory.WriteBytes(a.A0, buf);
        return r;
    }

    [Syscall(96, "set_tid_address")]
    static long SetTidAddress(LinuxThread t, SyscallArgs a)
    {
        t.ClearChildTid = a.A0;
        return t.Tid;
    }

    [Syscall(99, "set_robust_list")]
    static long SetRobustList(LinuxThread t, SyscallArgs a)
    {
        if (a.A1 != 24) // sizeof(struct robust_list_head)
            return -Errno.EINVAL;
        t.RobustListHead = a.A0;
        return 0;
    }

    [Syscall(293, "rseq")]
    static long Rseq(LinuxThread t, SyscallArgs a) =>
        // Restartable sequences need the kernel to abort a critical section on preemption; glibc
        // copes without them (it registers at start-up and carries on when this fails).
        -Errno.ENOSYS;

    [Syscall(166, "umask")]
    static long Umask(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(95, (long)(a.A0 & 0x1FF));

    /// <summary>Writes a u64 into guest memory (for syscalls that fill in small results).</summary>
    static void Put64(LinuxThread t, ulong address, ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        t.Process.Memory.WriteBytes(address, b);
    }
}

// Process groups and sessions, resource usage, waiting for children, prctl, CPU affinity.
public static partial class Syscalls
{
    const int X86Getpgid = 121, X86Setpgid = 109, X86Getsid = 124, X86Setsid = 112, X86Wait4 = 61, X86Getrusage = 98,
        X86Times = 100, X86SchedGetaffinity = 204, X86Getresuid = 118, X86Getresgid = 120, X86Getgroups = 115,
        X86Getpriority = 140, X86Setpriority = 141;

    /// <summary>A pid argument as the host knows it: our thread ids are not host ids, so they mean this process.</summary>
    static long HostPid(LinuxThread t, ulong pid) => t.Process.FindThread((int)pid) is not null ? t.Process.Pid : (long)(int)pid;

    [Syscall(155, "getpgid")]
    static long Getpgid(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Getpgid, HostPid(t, a.A0));

    [Syscall(154, "setpgid")]
    static long Setpgid(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Setpgid, HostPid(t, a.A0), (long)(int)a.A1);

    [Syscall(156, "getsid")]
    static long Getsid(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Getsid, HostPid(t, a.A0));

    [Syscall(157, "setsid")]
    static long Setsid(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Setsid);

    [Syscall(260, "wait4")]
    static long Wait4(LinuxThread t, SyscallArgs a)
    {
        // The guest's children are host processes (status and rusage have the same layout). Waiting
        // for one blocks in the host: wait in slices so guest signals and exit_group can end it.
        const int WNohang = 1;
        long status = Buf(t, a.A1, 4, true), usage = Buf(t, a.A3, 144, true);
        if (((int)a.A2 & WNohang) != 0)
            return HostLibc.Syscall(X86Wait4, (long)(int)a.A0, status, (long)a.A2, usage);
        while (true)
        {
            long r = HostLibc.Syscall(X86Wait4, (long)(int)a.A0, status, (long)a.A2 | WNohang, usage);
            if (r != 0)
                return r;
            if (t.HasDeliverableSignal)
                return -Errno.ERESTARTSYS;
            if (t.Exited || t.Process.HasExited)
                return -Errno.EINTR;
            Thread.Sleep(5);
        }
    }

    [Syscall(165, "getrusage")]
    static long Getrusage(LinuxThread t, SyscallArgs a) =>
        // struct rusage is the same on both 64-bit ABIs (144 bytes).
        HostLibc.Syscall(X86Getrusage, (long)(int)a.A0, Buf(t, a.A1, 144, true));

    [Syscall(153, "times")]
    static long Times(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Times, Buf(t, a.A0, 32, true));

    [Syscall(148, "getresuid")]
    static long Getresuid(LinuxThread t, SyscallArgs a) =>
        HostLibc.Syscall(X86Getresuid, Buf(t, a.A0, 4, true), Buf(t, a.A1, 4, true), Buf(t, a.A2, 4, true));

    [Syscall(150, "getresgid")]
    static long Getresgid(LinuxThread t, SyscallArgs a) =>
        HostLibc.Syscall(X86Getresgid, Buf(t, a.A0, 4, true), Buf(t, a.A1, 4, true), Buf(t, a.A2, 4, true));

    [Syscall(158, "getgroups")]
    static long Getgroups(LinuxThread t, SyscallArgs a)
    {
        int size = (int)a.A0;
        if (size < 0 || size > 65536)
            return -Errno.EINVAL;
        return HostLibc.Syscall(X86Getgroups, size, size == 0 ? 0 : Buf(t, a.A1, (ulong)size * 4, true));
    }

    [Syscall(141, "getpriority")]
    static long Getpriority(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Getpriority, (long)(int)a.A0, HostPid(t, a.A1));

    [Syscall(140, "setpriority")]
    static long Setpriority(LinuxThread t, SyscallArgs a) =>
        HostLibc.Syscall(X86Setpriority, (long)(int)a.A0, HostPid(t, a.A1), (long)(int)a.A2);

    [Syscall(123, "sched_getaffinity")]
    static long SchedGetaffinity(LinuxThread t, SyscallArgs a)
    {
        // The host's CPUs: guest threads are host threads, so they run where the host lets them.
        if (a.A1 == 0 || (a.A1 & 7) != 0 || a.A1 > 8192)
            return -Errno.EINVAL;
        return HostLibc.Syscall(X86SchedGetaffinity, 0, (long)a.A1, Buf(t, a.A2, a.A1, true));
    }

    [Syscall(122, "sched_setaffinity")]
    static long SchedSetaffinity(LinuxThread t, SyscallArgs a) =>
        // Pinning host threads behind the guest's back helps nobody; accept and ignore.
        0;

    const int PR_SET_PDEATHSIG = 1, PR_GET_PDEATHSIG = 2, PR_GET_DUMPABLE = 3, PR_SET_DUMPABLE = 4, PR_SET_NAME = 15,
        PR_GET_NAME = 16, PR_GET_NO_NEW_PRIVS = 39, PR_SET_NO_NEW_PRIVS = 38, PR_SET_VMA = 0x53564d41;

    [Syscall(167, "prctl")]
    static long Prctl(LinuxThread t, SyscallArgs a)
    {
        var mem = t.Process.Memory;
        switch ((int)a.A0)
        {
            case PR_SET_NAME:
            {
                string name = mem.ReadCString(a.A1, 16);
                var bytes = Encoding.UTF8.GetBytes(name);
                t.Name = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 15));
                return 0;
            }
            case PR_GET_NAME:
            {
                var buf = new byte[16];
                Encoding.UTF8.GetBytes(t.Name, buf);
                buf[15] = 0;
                mem.WriteBytes(a.A1, buf);
                return 0;
            }
            case PR_GET_DUMPABLE:
                return 1;
            case PR_SET_DUMPABLE or PR_SET_PDEATHSIG or PR_SET_NO_NEW_PRIVS:
                return 0;
            case PR_GET_PDEATHSIG:
                mem.Write32(a.A1, 0);
                return 0;
            case PR_GET_NO_NEW_PRIVS:
                return 0;
            case PR_SET_VMA:
                // Naming anonymous mappings is for /proc/self/maps readers; nothing to do.
                return 0;
            default:
                return -Errno.EINVAL;
        }
    }
}
