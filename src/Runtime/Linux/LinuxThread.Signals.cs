using A64Jit.IR;
using A64Jit.Runtime.Cpu;

namespace A64Jit.Runtime.Linux;

// Signal raising and delivery for one thread. Signals are taken at block boundaries: after each
// block the run loop checks, without a lock, whether any unblocked signal is pending for this
// thread or the process, and only then builds a frame.
public sealed partial class LinuxThread
{
    /// <summary>The signal mask (sigset_t bit sig-1). Written only by this thread.</summary>
    public ulong Blocked { get; set; }

    /// <summary>sigaltstack: the alternate signal stack.</summary>
    public SignalFrame.AltStack AltStack { get; set; } = SignalFrame.AltStack.Disabled;

    readonly PendingSignals pending = new();

    /// <summary>rt_sigsuspend's caller mask: saved in the frame of the signal that ends the wait, then restored.</summary>
    ulong? maskAfterSuspend;

    /// <summary>A system call interrupted by a signal that restarts unless a handler without SA_RESTART runs.</summary>
    (ulong Pc, ulong X0)? restartable;

    /// <summary>Signals pending for this thread only (tgkill, faults).</summary>
    public ulong Pending => pending.Bits;

    /// <summary>An unblocked signal is waiting for this thread (its own or the process's).</summary>
    public bool HasDeliverableSignal => ((Pending | Process.SharedPending) & ~Blocked) != 0;

    /// <summary>Queues a signal for this thread (tgkill, SIGPIPE) and wakes it if it sleeps.</summary>
    public void QueueSignal(SignalInfo info)
    {
        int sig = info.Signo;
        if (sig == Signals.SIGKILL)
        {
            Process.KillBySignal(sig);
            return;
        }
        // Blocked signals are kept even when ignored: the disposition may change before they are unblocked.
        if ((Blocked & Signals.Bit(sig)) == 0 && LinuxProcess.IsIgnored(sig, Process.GetAction(sig)))
            return;
        pending.Add(info);
        Wake();
    }

    internal void DiscardPending(int sig) => pending.Discard(sig);

    /// <summary>Takes the lowest pending signal in <paramref name="allowed"/>, this thread's before the process's.</summary>
    internal SignalInfo? Dequeue(ulong allowed)
    {
        if (pending.Take(allowed) is SignalInfo mine)
            return mine;
        return Process.TakeShared(allowed);
    }

    /// <summary>
    /// A signal caused by the instruction at <paramref name="pc"/> (SIGSEGV, SIGILL, SIGTRAP, SIGBUS).
    /// It runs the guest's handler when one is installed and the signal is not blocked; otherwise the
    /// process dies (as force_sig_fault does), with a one-line report of signal, PC and encoding.
    /// </summary>
    public void RaiseSynchronous(int signal, int code, ulong pc, string detail, ulong faultAddress = 0)
    {
        State.Pc = pc;
        var action = Process.GetAction(signal);
        if (!action.IsHandler || (Blocked & Signals.Bit(signal)) != 0)
        {
            Die(signal, detail);
            return;
        }
        var info = new SignalInfo(signal, code, Address: Signals.IsFault(signal) ? (signal is Signals.SIGSEGV or Signals.SIGBUS ? faultAddress : pc) : 0);
        if (!SetupFrame(info, action, signal is Signals.SIGSEGV or Signals.SIGBUS ? faultAddress : 0))
            Die(Signals.SIGSEGV, $"{detail}; the signal frame could not be written (sp 0x{State.Sp:x})");
    }

    /// <summary>Delivers signals queued for this thread, if any are unblocked.</summary>
    void DeliverPendingSignals()
    {
        if (((Pending | Process.SharedPending) & ~Blocked) == 0 && restartable is null && maskAfterSuspend is null)
            return;
        DeliverSlow();
    }

    void DeliverSlow()
    {
        while (!Exited && !Process.HasExited)
        {
            var taken = Dequeue(~Blocked);
            if (taken is not SignalInfo info)
                break;
            int sig = info.Signo;
            var action = Process.GetAction(sig);
            if (LinuxProcess.IsIgnored(sig, action) || (action.IsDefault && Signals.DefaultStops(sig)))
                continue;
            if (action.IsDefault)
            {
                Process.KillBySignal(sig);
                Exited = true;
                return;
            }
            if (restartable is var (pc, x0) && (action.Flags & SignalAction.SA_RESTART) != 0)
            {
                State.Pc = pc;
                State.X[0] = x0;
            }
            restartable = null;
            if (!SetupFrame(info, action, 0))
            {
                Die(Signals.SIGSEGV, $"the frame for {Signals.Name(sig)} could not be written (sp 0x{State.Sp:x})");
                return;
            }
        }
        // No handler ran: an interrupted restartable call is simply made again.
        if (restartable is var (rpc, rx0))
        {
            State.Pc = rpc;
            State.X[0] = rx0;
            restartable = null;
        }
        if (maskAfterSuspend is ulong m)
        {
            Blocked = m;
            maskAfterSuspend = null;
        }
    }

    /// <summary>Marks the system call just made (its svc precedes State.Pc) as restartable after a signal.</summary>
    internal void InterruptedRestartable(ulong x0) => restartable = (State.Pc - 4, x0);

    /// <summary>rt_sigsuspend: the mask to restore once a handler has run (saved in its frame).</summary>
    internal void SuspendWithMask(ulong temporary)
    {
        maskAfterSuspend ??= Blocked;
        Blocked = temporary & ~Signals.Unblockable;
    }

    /// <summary>Puts back the mask a temporary one (ppoll, pselect6) replaced, when no signal ended the wait.</summary>
    internal void RestoreMaskAfterSuspend()
    {
        if (maskAfterSuspend is ulong m)
        {
            Blocked = m;
            maskAfterSuspend = null;
        }
    }

    /// <summary>
    /// setup_rt_frame: pushes the frame (on the alternate stack with SA_ONSTACK), points x0-x2 at
    /// signo, siginfo and ucontext, x29 at the frame record, x30 at the restorer, pc at the handler,
    /// and blocks sa_mask and the signal. False when the stack cannot be written.
    /// </summary>
    bool SetupFrame(SignalInfo info, SignalAction action, ulong faultAddress)
    {
        int sig = info.Signo;
        ulong sp = State.Sp;
        var alt = AltStack;
        if ((action.Flags & SignalAction.SA_ONSTACK) != 0 && alt.Enabled && !alt.Contains(sp))
            sp = alt.Sp + alt.Size;
        ulong record = (sp - SignalFrame.FrameRecordSize) & ~15UL;
        ulong frame = record - SignalFrame.FrameSize;
        // __save_altstack saves the stack as it is (sigreturn reinstates it), then SS_AUTODISARM clears it.
        var saved = alt;
        var image = SignalFrame.Build(State, info, maskAfterSuspend ?? Blocked, saved, faultAddress);
        Span<byte> fr = stackalloc byte[16];
        BitConverter.TryWriteBytes(fr, State.X[29]);
        BitConverter.TryWriteBytes(fr[8..], State.X[30]);
        try
        {
            Process.Memory.WriteBytes(frame, image);
            Process.Memory.WriteBytes(record, fr);
        }
        catch (GuestFault)
        {
            return false;
        }
        if ((alt.Flags & SignalFrame.AltStack.SS_AUTODISARM) != 0)
            AltStack = SignalFrame.AltStack.Disabled;
        State.X[0] = (ulong)sig;
        State.X[1] = frame + SignalFrame.InfoOffset;
        State.X[2] = frame + SignalFrame.UcontextOffset;
        State.X[29] = record;
        State.X[30] = (action.Flags & SignalAction.SA_RESTORER) != 0 ? action.Restorer : LinuxProcess.SigreturnTrampoline;
        State.Sp = frame;
        State.Pc = action.Handler;
        State.ExclusiveArmed = false;
        ulong mask = Blocked | action.Mask;
        if ((action.Flags & SignalAction.SA_NODEFER) == 0)
            mask |= Signals.Bit(sig);
        Blocked = mask & ~Signals.Unblockable;
        maskAfterSuspend = null;
        if ((action.Flags & SignalAction.SA_RESETHAND) != 0)
            Process.SetAction(sig, default);
        return true;
    }

    /// <summary>rt_sigreturn: takes the registers, mask and alternate stack back from the frame at SP.</summary>
    internal void ReturnFromSignal()
    {
        ulong frame = State.Sp;
        var image = new byte[SignalFrame.FrameSize];
        SignalFrame.Restored? r = null;
        if ((frame & 15) == 0)
        {
            try
            {
                Process.Memory.ReadBytes(frame, image);
                r = SignalFrame.Restore(image, State);
            }
            catch (GuestFault)
            {
            }
        }
        if (r is null)
        {
            State.Pc -= 4;
            RaiseSynchronous(Signals.SIGSEGV, Signals.SI_KERNEL, State.Pc, $"rt_sigreturn with a bad signal frame at sp 0x{frame:x}");
            return;
        }
        Process.SystemRegisters.Write(State, UserModeSystemRegisters.Fpsr, r.Fpsr);
        Process.SystemRegisters.Write(State, UserModeSystemRegisters.Fpcr, r.Fpcr);
        Blocked = r.Mask;
        // restore_altstack: as sigaltstack(&uc_stack, NULL); a bad value is ignored.
        SetAltStack(r.Stack);
    }

    /// <summary>sigaltstack's checks and update; 0 or -errno.</summary>
    internal long SetAltStack(SignalFrame.AltStack requested)
    {
        if (AltStack.Contains(State.Sp))
            return -Errno.EPERM;
        int mode = requested.Flags & ~SignalFrame.AltStack.SS_AUTODISARM;
        if (mode is not (0 or SignalFrame.AltStack.SS_ONSTACK or SignalFrame.AltStack.SS_DISABLE))
            return -Errno.EINVAL;
        if (mode == SignalFrame.AltStack.SS_DISABLE)
        {
            AltStack = SignalFrame.AltStack.Disabled;
            return 0;
        }
        if (requested.Size < SignalFrame.UapiMinSigStackSize)
            return -Errno.ENOMEM;
        AltStack = new SignalFrame.AltStack(requested.Sp, requested.Flags & SignalFrame.AltStack.SS_AUTODISARM, requested.Size);
        return 0;
    }

    /// <summary>What sigaltstack reports as the current stack (flags say whether SP is on it).</summary>
    internal SignalFrame.AltStack CurrentAltStack()
    {
        var a = AltStack;
        if (!a.Enabled)
            return SignalFrame.AltStack.Disabled with { Sp = a.Sp, Size = a.Size };
        return a with { Flags = a.Contains(State.Sp) ? SignalFrame.AltStack.SS_ONSTACK : a.Flags };
    }

    /// <summary>The default action of a fatal signal: report it and end the process with 128 + signal.</summary>
    void Die(int signal, string detail)
    {
        uint? word = Process.Memory.Fetch(State.Pc);
        string encoding = word is uint w ? $"0x{w:x8}" : "unreadable";
        Process.Options.Log($"a64jit: guest killed by {Signals.Name(signal)} at pc 0x{State.Pc:x} (instruction {encoding}): {detail}");
        Process.ExitBySignal(signal);
        Exited = true;
    }
}
