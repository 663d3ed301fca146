using System.Buffers.Binary;

namespace A64Jit.Runtime.Linux;

// read/write and their vector forms, open/close/lseek, ioctl. Descriptors pass through to the host.
public static partial class Syscalls
{
    /// <summary>Largest single transfer, as Linux caps read/write (MAX_RW_COUNT).</summary>
    const int MaxTransfer = 0x7FFF_F000;

    [Syscall(63, "read")]
    static long Read(LinuxThread t, SyscallArgs a)
    {
        int count = (int)Math.Min(a.A2, MaxTransfer);
        t.Process.Memory.Span(a.A1, count, write: true);
        if (count == 0)
            return HostLibc.Read((int)a.A0, []);
        return BlockingCall(t, (int)a.A0, PollIn, () => HostLibc.Read((int)a.A0, t.Process.Memory.Span(a.A1, count, write: true)));
    }

    [Syscall(64, "write")]
    static long Write(LinuxThread t, SyscallArgs a)
    {
        int count = (int)Math.Min(a.A2, MaxTransfer);
        t.Process.Memory.Span(a.A1, count, write: false);
        return BrokenPipe(t, BlockingCall(t, (int)a.A0, PollOut, () => HostLibc.Write((int)a.A0, t.Process.Memory.Span(a.A1, count, write: false))));
    }

    /// <summary>Writing to a pipe nobody reads raises SIGPIPE at the writer, as the kernel does (the host runtime ignores it).</summary>
    static long BrokenPipe(LinuxThread t, long result)
    {
        if (result == -Errno.EPIPE)
            t.QueueSignal(new SignalInfo(Signals.SIGPIPE, Signals.SI_USER, Pid: t.Process.Pid, Uid: HostLibc.GetUid()));
        return result;
    }

    [Syscall(67, "pread64")]
    static long Pread64(LinuxThread t, SyscallArgs a) =>
        HostLibc.Pread((int)a.A0, t.Process.Memory.Span(a.A1, (int)Math.Min(a.A2, MaxTransfer), write: true), (long)a.A3);

    [Syscall(68, "pwrite64")]
    static long Pwrite64(LinuxThread t, SyscallArgs a) =>
        HostLibc.Pwrite((int)a.A0, t.Process.Memory.Span(a.A1, (int)Math.Min(a.A2, MaxTransfer), write: false), (long)a.A3);

    /// <summary>The (base, length) pairs of a guest struct iovec array.</summary>
    static List<(ulong Base, ulong Length)> ReadIovec(LinuxThread t, ulong address, ulong count)
    {
        if (count > 1024)
            throw new ArgumentException("iovcnt");
        var raw = new byte[count * 16];
        t.Process.Memory.ReadBytes(address, raw);
        var list = new List<(ulong, ulong)>();
        for (int i = 0; i < (int)count; i++)
            list.Add((BinaryPrimitives.ReadUInt64LittleEndian(raw.AsSpan(i * 16)), BinaryPrimitives.ReadUInt64LittleEndian(raw.AsSpan(i * 16 + 8))));
        return list;
    }

    [Syscall(65, "readv")]
    static long Readv(LinuxThread t, SyscallArgs a)
    {
        if (a.A2 > 1024)
            return -Errno.EINVAL;
        long total = 0;
        foreach (var (b, len) in ReadIovec(t, a.A1, a.A2))
        {
            if (len == 0)
                continue;
            var (fd, at, size) = ((int)a.A0, b, (int)Math.Min(len, MaxTransfer));
            t.Process.Memory.Span(at, size, write: true);
            // Only the first read may wait: after data has arrived, a short read returns it.
            long n = total == 0
                ? BlockingCall(t, fd, PollIn, () => HostLibc.Read(fd, t.Process.Memory.Span(at, size, write: true)))
                : HostLibc.Read(fd, t.Process.Memory.Span(at, size, write: true));
            if (n < 0)
                return total > 0 ? total : n;
            total += n;
            if ((ulong)n < len)
                break;
        }
        return total;
    }

    [Syscall(66, "writev")]
    static long Writev(LinuxThread t, SyscallArgs a)
    {
        if (a.A2 > 1024)
            return -Errno.EINVAL;
        // Gather into one buffer so the host sees a single write (pipes keep it atomic).
        var parts = ReadIovec(t, a.A1, a.A2);
        var data = new List<byte>();
        foreach (var (b, len) in parts)
            data.AddRange(t.Process.Memory.Span(b, (int)Math.Min(len, MaxTransfer), write: false).ToArray());
        var bytes = data.ToArray();
        return BrokenPipe(t, BlockingCall(t, (int)a.A0, PollOut, () => HostLibc.Write((int)a.A0, bytes)));
    }

    // AArch64 (asm-generic) open flags that differ from x86-64's.
    const int ArmODirectory = 0x4000, ArmONofollow = 0x8000, ArmODirect = 0x10000, ArmOLargefile = 0x20000;
    const int X86ODirect = 0x4000, X86OLargefile = 0x8000, X86ODirectory = 0x10000, X86ONofollow = 0x20000;

    /// <summary>Translates AArch64 open flags to the host's.</summary>
    public static int HostOpenFlags(int flags)
    {
        int moved = ArmODirectory | ArmONofollow | ArmODirect | ArmOLargefile;
        int host = flags & ~moved;
        if ((flags & ArmODirectory) != 0) host |= X86ODirectory;
        if ((flags & ArmONofollow) != 0) host |= X86ONofollow;
        if ((flags & ArmODirect) != 0) host |= X86ODirect;
        if ((flags & ArmOLargefile) != 0) host |= X86OLargefile;
        return host;
    }

    /// <summary>Translates host open flags (from fcntl F_GETFL) back to AArch64's.</summary>
    public static int GuestOpenFlags(int host)
    {
        int moved = X86ODirectory | X86ONofollow | X86ODirect | X86OLargefile;
        int flags = host & ~moved;
        if ((host & X86ODirectory) != 0) flags |= ArmODirectory;
        if ((host & X86ONofollow) != 0) flags |= ArmONofollow;
        if ((host & X86ODirect) != 0) flags |= ArmODirect;
        if ((host & X86OLargefile) != 0) flags |= ArmOLargefile;
        return flags;
    }

    [Syscall(56, "openat")]
    static long OpenAt(LinuxThread t, SyscallArgs a)
    {
        string path = t.Process.Memory.ReadCString(a.A1);
        return HostLibc.OpenAt((int)a.A0, t.Process.MapPath(path), HostOpenFlags((int)a.A2), (int)a.A3);
    }

    [Syscall(57, "close")]
    static long Close(LinuxThread t, SyscallArgs a) => HostLibc.Close((int)a.A0);

    [Syscall(62, "lseek")]
    static long Lseek(LinuxThread t, SyscallArgs a) => HostLibc.Lseek((int)a.A0, (long)a.A1, (int)a.A2);

    // Terminal ioctls have the same numbers and struct layouts on both architectures.
    const uint TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404, TIOCGPGRP = 0x540F, TIOCSPGRP = 0x5410,
        TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414, FIONREAD = 0x541B, FIONBIO = 0x5421;
    const int X86Ioctl = 16;

    [Syscall(29, "ioctl")]
    static long Ioctl(LinuxThread t, SyscallArgs a)
    {
        uint request = (uint)a.A1;
        int size = request switch
        {
            TCGETS or TCSETS or TCSETSW or TCSETSF => 60, // struct termios (kernel layout)
            TIOCGWINSZ or TIOCSWINSZ => 8,
            TIOCGPGRP or TIOCSPGRP or FIONREAD or FIONBIO => 4,
            _ => -1,
        };
        if (size < 0)
            return -Errno.ENOTTY;
        var buffer = new byte[size];
        bool input = request is TCSETS or TCSETSW or TCSETSF or TIOCSWINSZ or TIOCSPGRP or FIONBIO;
        if (input)
            t.Process.Memory.ReadBytes(a.A2, buffer);
        long r;
        unsafe
        {
            fixed (byte* p = buffer)
                r = HostLibc.Syscall(X86Ioctl, (long)a.A0, request, (long)p);
        }
        if (r >= 0 && !input)
            t.Process.Memory.WriteBytes(a.A2, buffer);
        return r;
    }
}
