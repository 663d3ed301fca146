using System.Runtime.InteropServices;

namespace A64Jit.Runtime.Linux;

/// <summary>
/// The host C library calls that guest system calls pass through to. Guest file descriptors are
/// host file descriptors, as in qemu-user, so pipes, terminals and inheritance behave natively.
/// Each call returns the result, or -errno.
/// </summary>
internal static unsafe partial class HostLibc
{
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)] private static partial nint ReadRaw(int fd, byte* buf, nuint count);
    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)] private static partial nint WriteRaw(int fd, byte* buf, nuint count);
    [LibraryImport("libc", EntryPoint = "pread64", SetLastError = true)] private static partial nint PreadRaw(int fd, byte* buf, nuint count, long offset);
    [LibraryImport("libc", EntryPoint = "pwrite64", SetLastError = true)] private static partial nint PwriteRaw(int fd, byte* buf, nuint count, long offset);
    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] private static partial int OpenAtRaw(int dirfd, string path, int flags, int mode);
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)] private static partial int CloseRaw(int fd);
    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)] private static partial long LseekRaw(int fd, long offset, int whence);
    [LibraryImport("libc", EntryPoint = "getuid")] public static partial uint GetUid();
    [LibraryImport("libc", EntryPoint = "geteuid")] public static partial uint GetEuid();
    [LibraryImport("libc", EntryPoint = "getgid")] public static partial uint GetGid();
    [LibraryImport("libc", EntryPoint = "getegid")] public static partial uint GetEgid();
    [LibraryImport("libc", EntryPoint = "getpid")] public static partial int GetPid();
    [LibraryImport("libc", EntryPoint = "getppid")] public static partial int GetPpid();

    /// <summary>The generic syscall entry, for calls whose arguments need no translation (x86-64 numbers).</summary>
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long SyscallRaw(long number, long a0, long a1, long a2, long a3, long a4, long a5);

    static long Result(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

    public static long Read(int fd, Span<byte> buf)
    {
        fixed (byte* p = buf) return Result(ReadRaw(fd, p, (nuint)buf.Length));
    }

    public static long Write(int fd, ReadOnlySpan<byte> buf)
    {
        fixed (byte* p = buf) return Result(WriteRaw(fd, p, (nuint)buf.Length));
    }

    public static long Pread(int fd, Span<byte> buf, long offset)
    {
        fixed (byte* p = buf) return Result(PreadRaw(fd, p, (nuint)buf.Length, offset));
    }

    public static long Pwrite(int fd, ReadOnlySpan<byte> buf, long offset)
    {
        fixed (byte* p = buf) return Result(PwriteRaw(fd, p, (nuint)buf.Length, offset));
    }

    public static long OpenAt(int dirfd, string path, int flags, int mode) => Result(OpenAtRaw(dirfd, path, flags, mode));
    public static long Close(int fd) => Result(CloseRaw(fd));
    public static long Lseek(int fd, long offset, int whence) => Result(LseekRaw(fd, offset, whence));

    /// <summary>A host (x86-64) system call by number with untranslated arguments; -errno on failure.</summary>
    public static long Syscall(long number, long a0 = 0, long a1 = 0, long a2 = 0, long a3 = 0, long a4 = 0, long a5 = 0) =>
        Result(SyscallRaw(number, a0, a1, a2, a3, a4, a5));
}
