namespace A64Jit.Runtime.Linux;

/// <summary>
/// A vfork child (clone with CLONE_VM | CLONE_VFORK: posix_spawn, system, popen), run on the
/// parent's host thread while the parent waits, as vfork suspends it. It shares guest memory as a
/// real vfork child does. What it changes in the host process on the way to execve (descriptors,
/// working directory, signal dispositions) is undone afterwards, and its execve starts a host process
/// (the program itself, or another a64jit for an AArch64 program) that inherits those changes.
/// A child that exits without executing anything leaves a status for wait4.
/// </summary>
internal sealed class VforkChild(LinuxProcess process, int pid)
{
    const int X86Fcntl = 72, X86Close = 3, X86Dup3 = 292, X86Open = 2, X86Fchdir = 81;
    const int FGetfd = 1, FDupfdCloexec = 1030, OCloexec = 0x80000, ODirectory = 0x10000, OPath = 0x200000;
    /// <summary>Saved copies of descriptors live above this number.</summary>
    const int SaveBase = 1000;

    readonly Dictionary<int, (int Saved, bool Cloexec)> fds = [];
    readonly SignalAction[] actions = Enumerable.Range(0, Signals.NSIG + 1).Select(i => i == 0 ? default : process.GetAction(i)).ToArray();
    long savedCwd = -1;

    public int Pid { get; } = pid;
    public bool NewSession { get; set; }
    public int? ProcessGroup { get; set; }

    /// <summary>The started host process, once execve succeeded.</summary>
    public long HostPid { get; set; }

    /// <summary>The wait status when the child ended without execve (exit code &lt;&lt; 8, or the signal).</summary>
    public int WaitStatus { get; set; }

    /// <summary>Before the child changes descriptor <paramref name="fd"/>: keep a copy to put back.</summary>
    public void Touch(int fd)
    {
        if (fd < 0 || fds.ContainsKey(fd))
            return;
        long flags = HostLibc.Syscall(X86Fcntl, fd, FGetfd);
        if (flags < 0)
        {
            fds[fd] = (-1, false);
            return;
        }
        long copy = HostLibc.Syscall(X86Fcntl, fd, FDupfdCloexec, SaveBase);
        fds[fd] = ((int)copy, (flags & 1) != 0);
    }

    /// <summary>A descriptor the child created: closed again afterwards.</summary>
    public void Created(long fd)
    {
        if (fd >= 0)
            fds.TryAdd((int)fd, (-1, false));
    }

    public void SaveCwd()
    {
        if (savedCwd < 0)
            savedCwd = HostLibc.OpenAt(-100, ".", OPath | ODirectory | OCloexec, 0);
    }

    /// <summary>Puts back what the child changed in the shared host process.</summary>
    public void Restore()
    {
        foreach (var (fd, (saved, cloexec)) in fds)
        {
            if (saved < 0)
            {
                HostLibc.Syscall(X86Close, fd);
                continue;
            }
            HostLibc.Syscall(X86Dup3, saved, fd, cloexec ? OCloexec : 0);
            HostLibc.Syscall(X86Close, saved);
        }
        fds.Clear();
        if (savedCwd >= 0)
        {
            HostLibc.Syscall(X86Fchdir, savedCwd);
            HostLibc.Syscall(X86Close, savedCwd);
            savedCwd = -1;
        }
        for (int i = 1; i <= Signals.NSIG; i++)
            if (process.GetAction(i) != actions[i])
                process.SetAction(i, actions[i]);
    }

    /// <summary>Syscalls that change the host process's descriptors or cwd: note what to restore first.</summary>
    public long? Before(LinuxThread t, int number, SyscallArgs a)
    {
        switch (number)
        {
            case 57: // close
                Touch((int)a.A0);
                break;
            case 24: // dup3
                Touch((int)a.A1);
                break;
            case 49 or 50: // chdir, fchdir
                SaveCwd();
                break;
            case 157: // setsid: for the program the child starts
                NewSession = true;
                return Pid;
            case 154: // setpgid(0 or self, pgid)
                if (a.A0 != 0 && (int)a.A0 != Pid)
                    return -Errno.ESRCH;
                ProcessGroup = (int)a.A1;
                return 0;
            case 93 or 94: // exit, exit_group: the child ends, the parent carries on
                WaitStatus = (int)(a.A0 & 0xFF) << 8;
                t.Exited = true;
                return Syscalls.NoReturnValue;
        }
        return null;
    }

    /// <summary>Descriptors the syscall created: closed when the parent resumes.</summary>
    public void After(LinuxThread t, int number, SyscallArgs a, long result)
    {
        if (result < 0)
            return;
        switch (number)
        {
            case 56 or 23 or 198 or 202 or 242 or 20 or 19 or 279: // openat, dup, socket, accept(4), epoll_create1, eventfd2, memfd_create
                Created(result);
                break;
            case 25 when (int)a.A1 is 0 or FDupfdCloexec: // fcntl F_DUPFD(_CLOEXEC)
                Created(result);
                break;
            case 59 or 199: // pipe2, socketpair
                ulong at = number == 59 ? a.A0 : a.A3;
                Created(t.Process.Memory.Read32(at));
                Created(t.Process.Memory.Read32(at + 4));
                break;
        }
    }
}
