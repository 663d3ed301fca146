namespace A64Jit.Runtime.Linux;

// execve as a host execve (see ExecByHost). helper-linux has an in-place execve (the same host
// process keeps running with a fresh guest image): when the branches meet keep ONE [Syscall(221)].
// This one lets the kernel close close-on-exec descriptors (pipes in pipelines reach EOF), ends the
// other threads and the .NET runtime's state cleanly, releases a vfork parent at the exec, and
// gives host programs default signal dispositions (not .NET's ignored SIGPIPE); the in-place one
// saves a runtime start-up (~0.1 s) per exec. An in-place execve must call ReleaseVforkParent.
public static partial class Syscalls
{
    [Syscall(221, "execve")]
    static long ExecveByHost(LinuxThread t, SyscallArgs a)
    {
        var p = t.Process;
        string path = p.Memory.ReadCString(a.A0);
        var argv = ReadGuestStringArray(t, a.A1);
        var envp = ReadGuestStringArray(t, a.A2);
        if (argv is null || envp is null)
            return -ErrTooBig;
        return ExecByHost(t, path, argv, envp);
    }
}
