using A64Jit.Runtime.Cpu;
using A64Jit.Runtime.Linux.ProcessModel;

namespace A64Jit.Runtime.Linux;

// The process model a64jit can offer without forking itself: fork becomes a snapshot that a new
// a64jit process resumes, execve a host execve of a64jit, and death by a signal a real host death
// by that signal (so the guest's parent, a real host process, sees it in wait4).
public sealed partial class LinuxProcess
{
    /// <summary>The signal that ended the process by its default action, if one did (the exit status is then 128 + signal).</summary>
    public int? TerminatingSignal { get; private set; }

    /// <summary>Ends the process by a fatal signal: exit status 128 + signal, and the host process dies by it at the end.</summary>
    public void ExitBySignal(int sig)
    {
        lock (processLock)
        {
            if (ExitStatus is null)
                TerminatingSignal = sig;
        }
        Exit(128 + sig);
    }

    /// <summary>
    /// A signal that arrived at this host process from outside (kill from another process: SIGTERM,
    /// SIGINT, SIGHUP, ...). Becomes a pending guest signal when the guest handles it; otherwise the
    /// default action applies: ignored, or the process dies by it at once (a guest thread may be
    /// blocked in a host call and never look).
    /// </summary>
    public void QueueHostSignal(int sig)
    {
        bool handled = false;
        QueueHostSignalToGuest(sig, ref handled);
        if (handled || Signals.DefaultIgnored(sig))
            return;
        ExitBySignal(sig);
        HostProcess.DieBySignal(sig);
    }

    /// <summary>Signal delivery hook: sets <paramref name="handled"/> when the guest has a handler (or ignores the signal) and the signal was queued.</summary>
    partial void QueueHostSignalToGuest(int sig, ref bool handled);

    /// <summary>Signal state hook: adds the dispositions and mask a forked child inherits to <paramref name="sections"/>.</summary>
    partial void CaptureForkSignalState(LinuxThread thread, Dictionary<string, byte[]> sections);

    /// <summary>Signal state hook: restores what <see cref="CaptureForkSignalState"/> saved, in the child.</summary>
    partial void RestoreForkSignalState(LinuxThread thread, Dictionary<string, byte[]> sections);

    /// <summary>Signal state hook: what survives execve (ignored signals, the mask) for the new image.</summary>
    partial void CaptureExecSignalState(LinuxThread thread, Dictionary<string, byte[]> sections);

    /// <summary>Signal state hook: applies what <see cref="CaptureExecSignalState"/> saved to the new image.</summary>
    partial void RestoreExecSignalState(LinuxThread thread, Dictionary<string, byte[]> sections);

    /// <summary>Whether the guest ignores <paramref name="sig"/> (SIG_IGN), which a host program it execs inherits.</summary>
    public bool GuestIgnores(int sig)
    {
        bool ignored = false;
        GuestIgnoresHook(sig, ref ignored);
        return ignored;
    }

    partial void GuestIgnoresHook(int sig, ref bool ignored);

    /// <summary>The guest's blocked-signal mask of <paramref name="thread"/> (kept across execve).</summary>
    public ulong GuestBlockedMask(LinuxThread thread)
    {
        ulong mask = 0;
        GuestBlockedMaskHook(thread, ref mask);
        return mask;
    }

    partial void GuestBlockedMaskHook(LinuxThread thread, ref ulong mask);

    /// <summary>A copy of this process as the child of a fork by <paramref name="thread"/> sees it.</summary>
    public ProcessSnapshot CaptureSnapshot(LinuxThread thread)
    {
        var s = new ProcessSnapshot
        {
            State = thread.State.Clone(),
            ExecutablePath = ExecutablePath,
            BrkStart = BrkStart,
            BrkCurrent = BrkCurrent,
            Umask = CurrentUmask(),
            Engine = Engine.Name,
            Strict = Options.Strict,
            GuardedMemory = Options.GuardedMemory,
        };
        lock (Memory)
            s.CaptureMemory(Memory);
        CaptureForkSignalState(thread, s.Sections);
        return s;
    }

    /// <summary>Rebuilds a forked process in this (empty) process; returns its only thread, ready to run.</summary>
    public LinuxThread RestoreSnapshot(ProcessSnapshot s)
    {
        s.RestoreMemory(Memory);
        BrkStart = s.BrkStart;
        BrkCurrent = s.BrkCurrent;
        ExecutablePath = s.ExecutablePath;
        HostLibc.Syscall(X86Umask, s.Umask);
        var state = s.State.Clone();
        state.ExclusiveArmed = false;
        state.InstructionsRetired = 0;
        var main = new LinuxThread(this, state, Pid) { ClearChildTid = s.ChildClearTid };
        if (s.ChildSetTid != 0)
            Memory.Write32(s.ChildSetTid, (uint)Pid);
        RestoreForkSignalState(main, s.Sections);
        ThreadStarted(main);
        return main;
    }

    /// <summary>The state an execve by <paramref name="thread"/> hands to the new image.</summary>
    public ExecRequest CreateExecRequest(LinuxThread thread, string path, List<string> argv, List<string> envp)
    {
        var e = new ExecRequest { Path = path, Argv = argv, Envp = envp, Engine = Engine.Name, Strict = Options.Strict,
            GuardedMemory = Options.GuardedMemory };
        CaptureExecSignalState(thread, e.Sections);
        return e;
    }

    /// <summary>Applies the state an execve handed over, after <see cref="Load"/>.</summary>
    public void ApplyExecRequest(LinuxThread main, ExecRequest e) => RestoreExecSignalState(main, e.Sections);

    /// <summary>In a vfork child: the descriptor whose closing lets the parent continue (-1 otherwise).</summary>
    public int VforkDoneFd { get; set; } = -1;

    /// <summary>
    /// Lets a vfork parent continue: at a successful execve (the host execve closes the close-on-exec
    /// descriptor by itself; an execve that keeps this host process must call this) or at exit.
    /// </summary>
    public void ReleaseVforkParent()
    {
        int fd = VforkDoneFd;
        VforkDoneFd = -1;
        if (fd >= 0)
            HostLibc.Close(fd);
    }

    const int X86Umask = 95;

    static int CurrentUmask()
    {
        int mask = (int)HostLibc.Syscall(X86Umask, 0);
        HostLibc.Syscall(X86Umask, mask);
        return mask;
    }
}
