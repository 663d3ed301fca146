namespace A64Jit.Runtime.Linux;

// INTERIM: clone, wait4, kill and readlinkat for the process model while this branch has no
// thread, signal and file syscalls. helper-linux has its own versions of all four; when the
// branches meet, delete this file and (1) make its clone/clone3 call CloneProcess for a clone
// without CLONE_THREAD or with CLONE_VFORK, (2) map /proc/self/exe in its readlinkat as below.
public static partial class Syscalls
{
    [Syscall(220, "clone")]
    static long CloneInterim(LinuxThread t, SyscallArgs a)
    {
        ulong flags = a.A0;
        if ((flags & ProcCloneThread) != 0 || ((flags & ProcCloneVm) != 0 && (flags & ProcCloneVfork) == 0))
            return -Errno.ENOSYS; // threads are helper-linux's
        return CloneProcess(t, flags, a.A1, a.A2, a.A3, a.A4);
    }

    const int X86Wait4Interim = 61, X86KillInterim = 62, X86ReadlinkatInterim = 267;

    [Syscall(260, "wait4")]
    static unsafe long Wait4Interim(LinuxThread t, SyscallArgs a)
    {
        var mem = t.Process.Memory;
        fixed (byte* status = a.A1 != 0 ? mem.Span(a.A1, 4, write: true) : default)
        fixed (byte* usage = a.A3 != 0 ? mem.Span(a.A3, 144, write: true) : default)
            return HostLibc.Syscall(X86Wait4Interim, (long)(int)a.A0, (long)status, (long)(int)a.A2, (long)usage);
    }

    [Syscall(129, "kill")]
    static long KillInterim(LinuxThread t, SyscallArgs a)
    {
        int pid = (int)a.A0, sig = (int)a.A1;
        if (sig < 0 || sig > Signals.NSIG)
            return -Errno.EINVAL;
        if (pid != t.Process.Pid)
            return HostLibc.Syscall(X86KillInterim, pid, sig);
        if (sig != 0 && !Signals.DefaultIgnored(sig))
            t.Process.ExitBySignal(sig);
        return 0;
    }

    [Syscall(78, "readlinkat")]
    static unsafe long ReadlinkatInterim(LinuxThread t, SyscallArgs a)
    {
        var p = t.Process;
        string path = p.Memory.ReadCString(a.A1);
        int size = (int)Math.Min(a.A3, int.MaxValue);
        string mapped = p.MapPath(path);
        if (mapped != path)
        {
            // /proc/self/exe names the guest executable, not a64jit.
            var bytes = System.Text.Encoding.UTF8.GetBytes(mapped);
            int n = Math.Min(bytes.Length, size);
            p.Memory.WriteBytes(a.A2, bytes.AsSpan(0, n));
            return n;
        }
        var pathBytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* pp = pathBytes)
        fixed (byte* buf = p.Memory.Span(a.A2, size, write: true))
            return HostLibc.Syscall(X86ReadlinkatInterim, (long)(int)a.A0, (long)pp, (long)buf, size);
    }
}
