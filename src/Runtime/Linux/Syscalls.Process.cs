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
