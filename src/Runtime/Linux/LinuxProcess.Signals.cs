namespace A64Jit.Runtime.Linux;

/// <summary>One signal's disposition, as struct k_sigaction holds it on arm64 (handler, flags, restorer, mask).</summary>
public readonly record struct SignalAction(ulong Handler, ulong Flags, ulong Restorer, ulong Mask)
{
    public const ulong SigDfl = 0, SigIgn = 1;
    public const ulong SA_NOCLDSTOP = 1, SA_NOCLDWAIT = 2, SA_SIGINFO = 4, SA_RESTORER = 0x0400_0000, SA_ONSTACK = 0x0800_0000,
        SA_RESTART = 0x1000_0000, SA_NODEFER = 0x4000_0000, SA_RESETHAND = 0x8000_0000;

    public bool IsDefault => Handler == SigDfl;
    public bool IsIgnore => Handler == SigIgn;
    public bool IsHandler => Handler > SigIgn;
}

/// <summary>What the kernel records about one pending signal (the fields of siginfo_t we fill in).</summary>
public readonly record struct SignalInfo(int Signo, int Code, int Errno = 0, int Pid = 0, uint Uid = 0, ulong Address = 0, ulong Value = 0)
{
    public static SignalInfo User(int sig, int code, int pid) => new(sig, code, Pid: pid, Uid: HostLibc.GetUid());
}

// Process-wide signal state: the disposition table (shared by all threads: CLONE_SIGHAND) and the
// signals sent to the process as a whole (kill), which any thread that does not block them takes.
public sealed partial class LinuxProcess
{
    readonly SignalAction[] actions = new SignalAction[Signals.NSIG + 1];
    readonly Lock signalLock = new();
    readonly PendingSignals shared = new();

    /// <summary>Signals pending for the whole process, one bit per signal (bit sig-1).</summary>
    public ulong SharedPending => shared.Bits;

    public SignalAction GetAction(int sig)
    {
        lock (signalLock)
            return actions[sig];
    }

    /// <summary>Installs a disposition; setting "ignore" discards the signal where it is pending, as the kernel does.</summary>
    public SignalAction SetAction(int sig, SignalAction action)
    {
        SignalAction old;
        lock (signalLock)
        {
            old = actions[sig];
            actions[sig] = action;
        }
        if (IsIgnored(sig, action))
        {
            shared.Discard(sig);
            foreach (var t in Threads)
                t.DiscardPending(sig);
        }
        return old;
    }

    /// <summary>Resets every caught signal to its default (execve keeps only "ignore").</summary>
    public void ResetHandlersForExec()
    {
        lock (signalLock)
            for (int i = 1; i <= Signals.NSIG; i++)
                if (actions[i].IsHandler)
                    actions[i] = default;
    }

    /// <summary>A signal nobody would see: explicitly ignored, or defaulting to ignore.</summary>
    public static bool IsIgnored(int sig, SignalAction action) =>
        action.IsIgnore || (action.IsDefault && Signals.DefaultIgnored(sig));

    /// <summary>kill(2) to this process: queues the signal process-wide and wakes a thread that can take it.</summary>
    public void SendToProcess(SignalInfo info)
    {
        int sig = info.Signo;
        if (sig == Signals.SIGKILL)
        {
            // SIGKILL cannot be caught, blocked or ignored.
            KillBySignal(sig);
            return;
        }
        if (IsIgnored(sig, GetAction(sig)))
            return;
        shared.Add(info);
        foreach (var t in Threads)
            t.Wake();
    }

    /// <summary>Takes a process-wide pending signal from <paramref name="deliverable"/>; null when there is none (or another thread took it).</summary>
    internal SignalInfo? TakeShared(ulong deliverable) => shared.Take(deliverable);

    /// <summary>The default action of a fatal signal that did not come from an instruction: end the process with 128 + signal.</summary>
    public void KillBySignal(int sig)
    {
        // Like the kernel (and qemu-user), only the core-dumping signals leave a message; a SIGPIPE
        // or SIGINT death is an ordinary way for a program to end.
        if (Signals.DefaultDumpsCore(sig))
            Options.Log($"a64jit: guest killed by {Signals.Name(sig)}");
        ExitBySignal(sig);
    }
}
