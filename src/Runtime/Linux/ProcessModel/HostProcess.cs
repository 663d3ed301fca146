using System.Reflection;
using System.Runtime.InteropServices;

namespace A64Jit.Runtime.Linux.ProcessModel;

/// <summary>
/// The host side of the process model: starting a64jit itself again (posix_spawn, so every descriptor
/// that is not close-on-exec is inherited exactly), replacing the process image (execve, so the pid
/// stays and the kernel closes close-on-exec descriptors), memfds for handing state across, and
/// ending the host process by a real signal so a waiting parent sees WIFSIGNALED.
/// Raw calls use x86-64 system call numbers.
/// </summary>
public static unsafe partial class HostProcess
{
    const int X86Fcntl = 72, X86Pipe2 = 293, X86MemfdCreate = 319, X86RtSigaction = 13, X86RtSigprocmask = 14,
        X86Setrlimit = 160, X86Tgkill = 234, X86Gettid = 186, X86Access = 21;
    const int FDupfd = 0, FGetfd = 1, FSetfd = 2, FdCloexec = 1, OCloexec = 0x80000, MfdCloexec = 1;
    const int RlimitCore = 4, SigUnblock = 1, SigSetmask = 2;
    const short PosixSpawnSetsigdef = 0x04, PosixSpawnSetsigmask = 0x08;

    /// <summary>Descriptors handed to a new a64jit are moved at or above this, out of the guest's usual range.</summary>
    public const int HandoverFdBase = 200;

    [LibraryImport("libc", EntryPoint = "posix_spawn")]
    private static partial int PosixSpawn(int* pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);
    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")] private static partial int SpawnAttrInit(void* attr);
    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")] private static partial int SpawnAttrDestroy(void* attr);
    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")] private static partial int SpawnAttrSetFlags(void* attr, short flags);
    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")] private static partial int SpawnAttrSetSigmask(void* attr, void* set);
    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")] private static partial int SpawnAttrSetSigdefault(void* attr, void* set);
    [LibraryImport("libc", EntryPoint = "sigemptyset")] private static partial int SigEmptySet(void* set);
    [LibraryImport("libc", EntryPoint = "sigaddset")] private static partial int SigAddSet(void* set, int sig);
    [LibraryImport("libc", EntryPoint = "execve", SetLastError = true)] private static partial int ExecveRaw(byte* path, byte** argv, byte** envp);

    /// <summary>
    /// Whether this host process is the a64jit tool, which fork and execve start again. A guest run
    /// inside another program (a test host, a benchmark) cannot fork or exec: that would start that program.
    /// </summary>
    public static bool CanRelaunch => Assembly.GetEntryAssembly()?.GetName().Name == "a64jit";

    /// <summary>The command that starts a64jit again: the host binary, plus a64jit.dll when running under `dotnet`.</summary>
    public static IReadOnlyList<string> SelfCommand()
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find the a64jit host binary");
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "a64jit.dll");
            return File.Exists(dll) ? [host, dll] : throw new InvalidOperationException($"cannot find {dll}");
        }
        return [host];
    }

    /// <summary>The host environment of this process, exactly (libc's environ).</summary>
    public static byte** Environ()
    {
        var libc = NativeLibrary.Load("libc.so.6");
        return *(byte***)NativeLibrary.GetExport(libc, "environ");
    }

    /// <summary>A new anonymous memfd, close-on-exec, moved to a descriptor at or above <see cref="HandoverFdBase"/>.</summary>
    public static int CreateMemfd(string name)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(name + "\0");
        long fd;
        fixed (byte* p = bytes)
            fd = HostLibc.Syscall(X86MemfdCreate, (long)p, MfdCloexec);
        if (fd < 0)
            throw new IOException($"memfd_create failed (errno {-fd})");
        return MoveHigh((int)fd, cloexec: true);
    }

    /// <summary>Duplicates <paramref name="fd"/> to the lowest free descriptor at or above the handover base and closes the original.</summary>
    public static int MoveHigh(int fd, bool cloexec)
    {
        long high = HostLibc.Syscall(X86Fcntl, fd, FDupfd, HandoverFdBase);
        if (high < 0)
            throw new IOException($"fcntl(F_DUPFD) failed (errno {-high})");
        HostLibc.Close(fd);
        SetCloexec((int)high, cloexec);
        return (int)high;
    }

    public static void SetCloexec(int fd, bool on)
    {
        long flags = HostLibc.Syscall(X86Fcntl, fd, FGetfd);
        if (flags >= 0)
            HostLibc.Syscall(X86Fcntl, fd, FSetfd, on ? flags | FdCloexec : flags & ~FdCloexec);
    }

    /// <summary>A close-on-exec pipe: (read end, write end).</summary>
    public static (int Read, int Write) Pipe()
    {
        int* fds = stackalloc int[2];
        long r = HostLibc.Syscall(X86Pipe2, (long)fds, OCloexec);
        if (r < 0)
            throw new IOException($"pipe2 failed (errno {-r})");
        return (fds[0], fds[1]);
    }

    /// <summary>access(2) on the host: 0 or -errno.</summary>
    public static long Access(string path, int mode)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = bytes)
            return HostLibc.Syscall(X86Access, (long)p, mode);
    }

    /// <summary>Starts a new host process running <paramref name="argv"/>[0] with this process's environment; returns its pid or -errno.</summary>
    public static int Spawn(IReadOnlyList<string> argv)
    {
        using var args = new CStringArray(argv);
        var attr = stackalloc byte[1024];
        var sigs = stackalloc byte[128];
        SpawnAttrInit(attr);
        try
        {
            // A clean slate for the new a64jit: no blocked signals, every signal at its default.
            SigEmptySet(sigs);
            SpawnAttrSetSigmask(attr, sigs);
            for (int sig = 1; sig <= Signals.NSIG; sig++)
                if (sig is not (Signals.SIGKILL or Signals.SIGSTOP))
                    SigAddSet(sigs, sig);
            SpawnAttrSetSigdefault(attr, sigs);
            SpawnAttrSetFlags(attr, PosixSpawnSetsigdef | PosixSpawnSetsigmask);
            int pid;
            int err = PosixSpawn(&pid, args.Pointers[0], null, attr, args.Pointers, Environ());
            return err != 0 ? -err : pid;
        }
        finally
        {
            SpawnAttrDestroy(attr);
        }
    }

    /// <summary>
    /// Replaces this process's image (execve): returns only on failure, with -errno. Host signals
    /// that .NET ignores (SIGPIPE) are reset to default first unless <paramref name="keepIgnored"/>
    /// says the guest ignores them, and restored if the exec fails.
    /// </summary>
    public static long Exec(string path, IReadOnlyList<string> argv, IReadOnlyList<string>? envp, Func<int, bool>? keepIgnored = null)
    {
        using var args = new CStringArray(argv);
        using var env = envp is null ? null : new CStringArray(envp);
        var pathBytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        var reset = new List<int>();
        for (int sig = 1; sig <= Signals.NSIG; sig++)
        {
            if (sig is Signals.SIGKILL or Signals.SIGSTOP || keepIgnored?.Invoke(sig) == true)
                continue;
            if (GetHandler(sig) == SigIgn)
            {
                SetHandler(sig, SigDfl);
                reset.Add(sig);
            }
        }
        int r;
        fixed (byte* p = pathBytes)
            r = ExecveRaw(p, args.Pointers, env is null ? Environ() : env.Pointers);
        int errno = Marshal.GetLastPInvokeError();
        foreach (int sig in reset)
            SetHandler(sig, SigIgn);
        return r < 0 ? -errno : -Errno.EIO;
    }

    const ulong SigDfl = 0, SigIgn = 1;

    /// <summary>The current host handler of a signal (SIG_DFL 0, SIG_IGN 1, else an address).</summary>
    static ulong GetHandler(int sig)
    {
        ulong* act = stackalloc ulong[4];
        return HostLibc.Syscall(X86RtSigaction, sig, 0, (long)act, 8) == 0 ? act[0] : SigDfl;
    }

    static void SetHandler(int sig, ulong handler)
    {
        ulong* act = stackalloc ulong[4];
        act[0] = handler;
        act[1] = act[2] = act[3] = 0;
        HostLibc.Syscall(X86RtSigaction, sig, (long)act, 0, 8);
    }

    /// <summary>
    /// Ends this host process by <paramref name="sig"/>, as the kernel's default action would, so the
    /// parent's wait sees WIFSIGNALED with that signal (and a shell 128 + signal). The .NET runtime's
    /// own handlers (SIGSEGV, SIGTERM, ...) are replaced by the default first; no core file is written.
    /// </summary>
    public static void DieBySignal(int sig)
    {
        try
        {
            Console.Out.Flush();
            Console.Error.Flush();
        }
        catch (IOException)
        {
        }
        ulong* limit = stackalloc ulong[2];
        limit[0] = limit[1] = 0;
        HostLibc.Syscall(X86Setrlimit, RlimitCore, (long)limit);
        if (sig != Signals.SIGKILL && sig != Signals.SIGSTOP)
            SetHandler(sig, SigDfl);
        ulong mask = 1UL << (sig - 1);
        HostLibc.Syscall(X86RtSigprocmask, SigUnblock, (long)&mask, 0, 8);
        HostLibc.Syscall(X86Tgkill, HostLibc.GetPid(), HostLibc.Syscall(X86Gettid), sig);
        // A signal whose default is not to terminate (or one that got lost) still ends the process.
        Thread.Sleep(1000);
        Environment.Exit(128 + sig);
    }

    /// <summary>Sets the calling thread's host signal mask (the guest's blocked set carries across execve); returns the old one.</summary>
    public static ulong SetThreadMask(ulong mask)
    {
        mask &= ~((1UL << (Signals.SIGKILL - 1)) | (1UL << (Signals.SIGSTOP - 1)));
        ulong old = 0;
        HostLibc.Syscall(X86RtSigprocmask, SigSetmask, (long)&mask, (long)&old, 8);
        return old;
    }

    /// <summary>A NULL-terminated array of NUL-terminated UTF-8 strings in unmanaged memory.</summary>
    sealed class CStringArray : IDisposable
    {
        public byte** Pointers { get; }
        readonly int count;

        public CStringArray(IReadOnlyList<string> strings)
        {
            count = strings.Count;
            Pointers = (byte**)NativeMemory.AllocZeroed((nuint)(count + 1), (nuint)sizeof(nint));
            for (int i = 0; i < count; i++)
                Pointers[i] = (byte*)Marshal.StringToCoTaskMemUTF8(strings[i]);
        }

        public void Dispose()
        {
            for (int i = 0; i < count; i++)
                Marshal.FreeCoTaskMem((nint)Pointers[i]);
            NativeMemory.Free(Pointers);
        }
    }
}
