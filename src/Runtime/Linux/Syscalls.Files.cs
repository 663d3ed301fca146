using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace A64Jit.Runtime.Linux;

// Files and directories. Guest descriptors are host descriptors and most calls pass straight
// through: guest memory is one host mapping, so a checked guest buffer is handed to the host
// kernel as it is. What differs between the two ABIs is translated here: struct stat, open flags.
public static unsafe partial class Syscalls
{
    /// <summary>The host address of a checked guest buffer (0 for a null guest pointer).</summary>
    static long Buf(LinuxThread t, ulong address, ulong length, bool write)
    {
        if (address == 0)
            return 0;
        var span = t.Process.Memory.Span(address, checked((int)Math.Max(length, 1)), write);
        return (long)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));
    }

    /// <summary>A guest path as the host should see it (NUL-terminated, /proc/self/exe mapped).</summary>
    static byte[] HostPath(LinuxThread t, ulong address) =>
        Encoding.UTF8.GetBytes(t.Process.MapPath(t.Process.Memory.ReadCString(address)) + "\0");

    /// <summary>Calls <paramref name="call"/> with the host address of the mapped path (0 when the guest passed NULL).</summary>
    static long WithPath(LinuxThread t, ulong address, Func<long, long> call)
    {
        if (address == 0)
            return call(0);
        var path = HostPath(t, address);
        fixed (byte* p = path)
            return call((long)p);
    }

    static long WithPaths(LinuxThread t, ulong a, ulong b, Func<long, long, long> call)
    {
        var pa = HostPath(t, a);
        var pb = HostPath(t, b);
        fixed (byte* x = pa, y = pb)
            return call((long)x, (long)y);
    }

    // x86-64 system call numbers used below.
    const int X86Fstat = 5, X86Newfstatat = 262, X86Statx = 332, X86Getdents64 = 217, X86Readlinkat = 267,
        X86Faccessat = 269, X86Faccessat2 = 439, X86Getcwd = 79, X86Chdir = 80, X86Fchdir = 81, X86Mkdirat = 258,
        X86Unlinkat = 263, X86Renameat = 264, X86Renameat2 = 316, X86Symlinkat = 266, X86Linkat = 265,
        X86Fchmodat = 268, X86Fchmod = 91, X86Fchownat = 260, X86Fchown = 93, X86Utimensat = 280, X86Truncate = 76,
        X86Ftruncate = 77, X86Fsync = 74, X86Fdatasync = 75, X86Sync = 162, X86Syncfs = 306, X86Fallocate = 285,
        X86Statfs = 137, X86Fstatfs = 138, X86Flock = 73, X86Mknodat = 259, X86Pipe2 = 293, X86Dup = 32, X86Dup3 = 292,
        X86Fcntl = 72, X86Ppoll = 271, X86Pselect6 = 270, X86Sendfile = 40, X86CopyFileRange = 326,
        X86MemfdCreate = 319, X86Eventfd2 = 290;

    const int AtEmptyPath = 0x1000;

    // struct stat: x86-64's (144 bytes) and arm64's asm-generic one (128 bytes).
    public const int HostStatSize = 144, GuestStatSize = 128;

    /// <summary>Translates an x86-64 struct stat into the arm64 (asm-generic) layout.</summary>
    public static void StatToGuest(ReadOnlySpan<byte> x, Span<byte> g)
    {
        g[..GuestStatSize].Clear();
        x[..16].CopyTo(g);                                                                                // st_dev, st_ino
        BinaryPrimitives.WriteUInt32LittleEndian(g[16..], BinaryPrimitives.ReadUInt32LittleEndian(x[24..])); // st_mode
        BinaryPrimitives.WriteUInt32LittleEndian(g[20..], (uint)BinaryPrimitives.ReadUInt64LittleEndian(x[16..])); // st_nlink
        x.Slice(28, 8).CopyTo(g[24..]);                                                                   // st_uid, st_gid
        x.Slice(40, 8).CopyTo(g[32..]);                                                                   // st_rdev
        x.Slice(48, 8).CopyTo(g[48..]);                                                                   // st_size
        BinaryPrimitives.WriteInt32LittleEndian(g[56..], (int)BinaryPrimitives.ReadInt64LittleEndian(x[56..])); // st_blksize
        x.Slice(64, 8).CopyTo(g[64..]);                                                                   // st_blocks
        x.Slice(72, 48).CopyTo(g[72..]);                                                                  // st_[amc]time, _nsec
    }

    static long StatOut(LinuxThread t, ulong guestBuf, Func<long, long> call)
    {
        Span<byte> host = stackalloc byte[HostStatSize];
        long r;
        fixed (byte* p = host)
            r = call((long)p);
        if (r < 0)
            return r;
        Span<byte> g = stackalloc byte[GuestStatSize];
        StatToGuest(host, g);
        t.Process.Memory.WriteBytes(guestBuf, g);
        return r;
    }

    [Syscall(80, "fstat")]
    static long Fstat(LinuxThread t, SyscallArgs a) => StatOut(t, a.A1, p => HostLibc.Syscall(X86Fstat, (long)a.A0, p));

    [Syscall(79, "newfstatat")]
    static long Newfstatat(LinuxThread t, SyscallArgs a)
    {
        ulong path = a.A1;
        if (path == 0 && (a.A3 & AtEmptyPath) != 0)
            return StatOut(t, a.A2, p => HostLibc.Syscall(X86Fstat, (long)a.A0, p));
        return WithPath(t, path, pp => StatOut(t, a.A2, p => HostLibc.Syscall(X86Newfstatat, (long)a.A0, pp, p, (long)a.A3)));
    }

    [Syscall(291, "statx")]
    static long Statx(LinuxThread t, SyscallArgs a) =>
        // struct statx is the same on every architecture.
        WithPath(t, a.A1, pp => HostLibc.Syscall(X86Statx, (long)a.A0, pp, (long)a.A2, (long)a.A3, Buf(t, a.A4, 256, true)));

    [Syscall(61, "getdents64")]
    static long Getdents64(LinuxThread t, SyscallArgs a) =>
        // struct linux_dirent64 is the same on every architecture.
        HostLibc.Syscall(X86Getdents64, (long)a.A0, Buf(t, a.A1, Math.Min(a.A2, MaxTransfer), true), (long)Math.Min(a.A2, MaxTransfer));

    [Syscall(78, "readlinkat")]
    static long Readlinkat(LinuxThread t, SyscallArgs a)
    {
        string path = t.Process.Memory.ReadCString(a.A1);
        if ((int)a.A3 <= 0)
            return -Errno.EINVAL;
        if (t.Process.MapPath(path) != path)
        {
            // /proc/self/exe names the guest program, not a64jit.
            var bytes = Encoding.UTF8.GetBytes(t.Process.ExecutablePath);
            int n = Math.Min(bytes.Length, (int)a.A3);
            t.Process.Memory.WriteBytes(a.A2, bytes.AsSpan(0, n));
            return n;
        }
        return WithPath(t, a.A1, pp => HostLibc.Syscall(X86Readlinkat, (long)a.A0, pp, Buf(t, a.A2, a.A3, true), (long)a.A3));
    }

    [Syscall(48, "faccessat")]
    static long Faccessat(LinuxThread t, SyscallArgs a) => WithPath(t, a.A1, p => HostLibc.Syscall(X86Faccessat, (long)a.A0, p, (long)a.A2));

    [Syscall(439, "faccessat2")]
    static long Faccessat2(LinuxThread t, SyscallArgs a) =>
        WithPath(t, a.A1, p => HostLibc.Syscall(X86Faccessat2, (long)a.A0, p, (long)a.A2, (long)a.A3));

    [Syscall(17, "getcwd")]
    static long Getcwd(LinuxThread t, SyscallArgs a)
    {
        ulong size = Math.Min(a.A1, 65536);
        return HostLibc.Syscall(X86Getcwd, Buf(t, a.A0, size, true), (long)size);
    }

    [Syscall(49, "chdir")]
    static long Chdir(LinuxThread t, SyscallArgs a) => WithPath(t, a.A0, p => HostLibc.Syscall(X86Chdir, p));

    [Syscall(50, "fchdir")]
    static long Fchdir(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Fchdir, (long)a.A0);

    [Syscall(34, "mkdirat")]
    static long Mkdirat(LinuxThread t, SyscallArgs a) => WithPath(t, a.A1, p => HostLibc.Syscall(X86Mkdirat, (long)a.A0, p, (long)a.A2));

    [Syscall(33, "mknodat")]
    static long Mknodat(LinuxThread t, SyscallArgs a) =>
        WithPath(t, a.A1, p => HostLibc.Syscall(X86Mknodat, (long)a.A0, p, (long)a.A2, (long)a.A3));

    [Syscall(35, "unlinkat")]
    static long Unlinkat(LinuxThread t, SyscallArgs a) => WithPath(t, a.A1, p => HostLibc.Syscall(X86Unlinkat, (long)a.A0, p, (long)a.A2));

    [Syscall(38, "renameat")]
    static long Renameat(LinuxThread t, SyscallArgs a) =>
        WithPaths(t, a.A1, a.A3, (x, y) => HostLibc.Syscall(X86Renameat, (long)a.A0, x, (long)a.A2, y));

    [Syscall(276, "renameat2")]
    static long Renameat2(LinuxThread t, SyscallArgs a) =>
        WithPaths(t, a.A1, a.A3, (x, y) => HostLibc.Syscall(X86Renameat2, (long)a.A0, x, (long)a.A2, y, (long)a.A4));

    [Syscall(36, "symlinkat")]
    static long Symlinkat(LinuxThread t, SyscallArgs a)
    {
        // The link's contents are stored as given, not mapped.
        var target = Encoding.UTF8.GetBytes(t.Process.Memory.ReadCString(a.A0) + "\0");
        fixed (byte* p = target)
        {
            long tp = (long)p;
            return WithPath(t, a.A2, lp => HostLibc.Syscall(X86Symlinkat, tp, (long)a.A1, lp));
        }
    }

    [Syscall(37, "linkat")]
    static long Linkat(LinuxThread t, SyscallArgs a) =>
        WithPaths(t, a.A1, a.A3, (x, y) => HostLibc.Syscall(X86Linkat, (long)a.A0, x, (long)a.A2, y, (long)a.A4));

    [Syscall(53, "fchmodat")]
    static long Fchmodat(LinuxThread t, SyscallArgs a) => WithPath(t, a.A1, p => HostLibc.Syscall(X86Fchmodat, (long)a.A0, p, (long)a.A2));

    [Syscall(52, "fchmod")]
    static long Fchmod(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Fchmod, (long)a.A0, (long)a.A1);

    [Syscall(54, "fchownat")]
    static long Fchownat(LinuxThread t, SyscallArgs a) =>
        WithPath(t, a.A1, p => HostLibc.Syscall(X86Fchownat, (long)a.A0, p, (long)a.A2, (long)a.A3, (long)a.A4));

    [Syscall(55, "fchown")]
    static long Fchown(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Fchown, (long)a.A0, (long)a.A1, (long)a.A2);

    [Syscall(88, "utimensat")]
    static long Utimensat(LinuxThread t, SyscallArgs a) =>
        // A NULL path (futimens) is passed on as NULL.
        WithPath(t, a.A1, p => HostLibc.Syscall(X86Utimensat, (long)a.A0, p, Buf(t, a.A2, 32, false), (long)a.A3));

    [Syscall(45, "truncate")]
    static long Truncate(LinuxThread t, SyscallArgs a) => WithPath(t, a.A0, p => HostLibc.Syscall(X86Truncate, p, (long)a.A1));

    [Syscall(46, "ftruncate")]
    static long Ftruncate(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Ftruncate, (long)a.A0, (long)a.A1);

    [Syscall(47, "fallocate")]
    static long Fallocate(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Fallocate, (long)a.A0, (long)a.A1, (long)a.A2, (long)a.A3);

    [Syscall(82, "fsync")]
    static long Fsync(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Fsync, (long)a.A0);

    [Syscall(83, "fdatasync")]
    static long Fdatasync(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Fdatasync, (long)a.A0);

    [Syscall(81, "sync")]
    static long Sync(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Sync);

    [Syscall(267, "syncfs")]
    static long Syncfs(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Syncfs, (long)a.A0);

    // struct statfs is the same on both 64-bit ABIs (120 bytes).
    [Syscall(43, "statfs")]
    static long Statfs(LinuxThread t, SyscallArgs a) => WithPath(t, a.A0, p => HostLibc.Syscall(X86Statfs, p, Buf(t, a.A1, 120, true)));

    [Syscall(44, "fstatfs")]
    static long Fstatfs(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Fstatfs, (long)a.A0, Buf(t, a.A1, 120, true));

    [Syscall(32, "flock")]
    static long Flock(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Flock, (long)a.A0, (long)a.A1);

    [Syscall(59, "pipe2")]
    static long Pipe2(LinuxThread t, SyscallArgs a) =>
        HostLibc.Syscall(X86Pipe2, Buf(t, a.A0, 8, true), HostOpenFlags((int)a.A1));

    [Syscall(23, "dup")]
    static long Dup(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Dup, (long)a.A0);

    [Syscall(24, "dup3")]
    static long Dup3(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Dup3, (long)a.A0, (long)a.A1, HostOpenFlags((int)a.A2));

    const int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_GETLK = 5, F_SETLK = 6, F_SETLKW = 7,
        F_SETOWN = 8, F_GETOWN = 9, F_SETSIG = 10, F_GETSIG = 11, F_SETOWN_EX = 15, F_GETOWN_EX = 16,
        F_OFD_GETLK = 36, F_OFD_SETLK = 37, F_OFD_SETLKW = 38, F_SETLEASE = 1024, F_GETLEASE = 1025, F_NOTIFY = 1026,
        F_DUPFD_CLOEXEC = 1030, F_SETPIPE_SZ = 1031, F_GETPIPE_SZ = 1032, F_ADD_SEALS = 1033, F_GET_SEALS = 1034;

    [Syscall(25, "fcntl")]
    static long Fcntl(LinuxThread t, SyscallArgs a)
    {
        long fd = (long)a.A0;
        int cmd = (int)a.A1;
        switch (cmd)
        {
            case F_GETFL:
            {
                long r = HostLibc.Syscall(X86Fcntl, fd, cmd);
                return r < 0 ? r : GuestOpenFlags((int)r);
            }
            case F_SETFL:
                return HostLibc.Syscall(X86Fcntl, fd, cmd, HostOpenFlags((int)a.A2));
            case F_GETLK or F_SETLK or F_SETLKW or F_OFD_GETLK or F_OFD_SETLK or F_OFD_SETLKW:
                // struct flock is the same on both 64-bit ABIs (32 bytes).
                return HostLibc.Syscall(X86Fcntl, fd, cmd, Buf(t, a.A2, 32, cmd is F_GETLK or F_OFD_GETLK));
            case F_SETOWN_EX or F_GETOWN_EX:
                return HostLibc.Syscall(X86Fcntl, fd, cmd, Buf(t, a.A2, 8, cmd == F_GETOWN_EX));
            case F_DUPFD or F_GETFD or F_SETFD or F_SETOWN or F_GETOWN or F_SETSIG or F_GETSIG or F_SETLEASE or F_GETLEASE
                or F_NOTIFY or F_DUPFD_CLOEXEC or F_SETPIPE_SZ or F_GETPIPE_SZ or F_ADD_SEALS or F_GET_SEALS:
                return HostLibc.Syscall(X86Fcntl, fd, cmd, (long)a.A2);
            default:
                return -Errno.EINVAL;
        }
    }

    /// <summary>Longest a host poll may block before a64jit looks for guest signals and process exit.</summary>
    const int PollSliceMs = 50;

    [Syscall(73, "ppoll")]
    static long Ppoll(LinuxThread t, SyscallArgs a)
    {
        if (a.A1 > 4096)
            return -Errno.EINVAL;
        long fds = Buf(t, a.A0, a.A1 * 8, true); // struct pollfd is the same on both
        return SlicedWait(t, a.A2, a.A3, a.A4, sliceNs =>
        {
            long* ts = stackalloc long[2] { sliceNs / 1_000_000_000, sliceNs % 1_000_000_000 };
            return HostLibc.Syscall(X86Ppoll, fds, (long)a.A1, (long)ts, 0, 8);
        });
    }

    [Syscall(72, "pselect6")]
    static long Pselect6(LinuxThread t, SyscallArgs a)
    {
        int nfds = (int)a.A0;
        if (nfds < 0 || nfds > 1024)
            return -Errno.EINVAL;
        ulong setBytes = (ulong)((nfds + 63) / 64 * 8);
        ulong[] sets = [a.A1, a.A2, a.A3];
        // Each slice starts from the caller's sets: select overwrites them.
        var saved = sets.Select(s => s == 0 || setBytes == 0 ? null : t.Process.Memory.Span(s, (int)setBytes, true).ToArray()).ToArray();
        ulong sigmask = 0, sigsetSize = 0;
        if (a.A5 != 0)
        {
            // struct { const sigset_t *ss; size_t ss_len; }
            sigmask = t.Process.Memory.Read64(a.A5);
            sigsetSize = t.Process.Memory.Read64(a.A5 + 8);
        }
        return SlicedWait(t, a.A4, sigmask, sigsetSize, sliceNs =>
        {
            for (int i = 0; i < 3; i++)
                if (saved[i] is byte[] b)
                    t.Process.Memory.WriteBytes(sets[i], b);
            long* ts = stackalloc long[2] { sliceNs / 1_000_000_000, sliceNs % 1_000_000_000 };
            return HostLibc.Syscall(X86Pselect6, nfds, Buf(t, sets[0], setBytes, true), Buf(t, sets[1], setBytes, true),
                Buf(t, sets[2], setBytes, true), (long)ts, 0);
        });
    }

    /// <summary>
    /// Runs a host poll in short slices so that a guest signal or the process's exit ends the wait
    /// (the host call itself cannot see guest signals). The guest's sigmask applies while waiting.
    /// Updates the guest's timeout with the time left, as Linux does.
    /// </summary>
    static long SlicedWait(LinuxThread t, ulong timeoutPtr, ulong sigmaskPtr, ulong sigsetSize, Func<long, long> pollFor)
    {
        long total = long.MaxValue;
        if (timeoutPtr != 0)
        {
            total = ReadTimespecNs(t, timeoutPtr);
            if (total < 0)
                return -Errno.EINVAL;
        }
        if (sigmaskPtr != 0)
        {
            if (sigsetSize != SigsetSize)
                return -Errno.EINVAL;
            t.SuspendWithMask(t.Process.Memory.Read64(sigmaskPtr));
        }
        long deadline = LinuxThread.DeadlineAfter(total);
        long r;
        while (true)
        {
            if (t.HasDeliverableSignal || t.Process.HasExited)
            {
                r = -Errno.EINTR;
                break;
            }
            long left = total == long.MaxValue ? long.MaxValue
                : (long)((deadline - System.Diagnostics.Stopwatch.GetTimestamp()) * (1e9 / System.Diagnostics.Stopwatch.Frequency));
            long slice = Math.Clamp(left, 0, PollSliceMs * 1_000_000L);
            r = pollFor(slice);
            if (r != 0 || left <= slice)
                break;
        }
        if (timeoutPtr != 0)
        {
            long left = Math.Max(0, (long)((deadline - System.Diagnostics.Stopwatch.GetTimestamp()) * (1e9 / System.Diagnostics.Stopwatch.Frequency)));
            Put64(t, timeoutPtr, (ulong)(left / 1_000_000_000));
            Put64(t, timeoutPtr + 8, (ulong)(left % 1_000_000_000));
        }
        // Without a signal to deliver, the caller's mask comes back now; with one, after its handler.
        if (sigmaskPtr != 0 && r != -Errno.EINTR)
            t.RestoreMaskAfterSuspend();
        return r;
    }

    [Syscall(71, "sendfile")]
    static long Sendfile(LinuxThread t, SyscallArgs a) =>
        HostLibc.Syscall(X86Sendfile, (long)a.A0, (long)a.A1, Buf(t, a.A2, 8, true), (long)a.A3);

    [Syscall(285, "copy_file_range")]
    static long CopyFileRange(LinuxThread t, SyscallArgs a) =>
        HostLibc.Syscall(X86CopyFileRange, (long)a.A0, Buf(t, a.A1, 8, true), (long)a.A2, Buf(t, a.A3, 8, true), (long)a.A4, (long)a.A5);

    [Syscall(279, "memfd_create")]
    static long MemfdCreate(LinuxThread t, SyscallArgs a)
    {
        var name = Encoding.UTF8.GetBytes(t.Process.Memory.ReadCString(a.A0, 250) + "\0");
        fixed (byte* p = name)
            return HostLibc.Syscall(X86MemfdCreate, (long)p, (long)a.A1);
    }

    [Syscall(19, "eventfd2")]
    static long Eventfd2(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Eventfd2, (long)a.A0, HostOpenFlags((int)a.A1));
}
