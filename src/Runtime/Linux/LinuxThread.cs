using A64Jit.IR;
using A64Jit.Runtime.Cpu;

namespace A64Jit.Runtime.Linux;

/// <summary>
/// One guest thread: its CPU state, run on one host thread. The loop runs blocks through the
/// process's engine and turns block exits into Linux behaviour: SVC into a system call, BRK into
/// SIGTRAP, UNDEF into SIGILL, a bad access into SIGSEGV or SIGBUS.
/// </summary>
public sealed partial class LinuxThread
{
    public LinuxProcess Process { get; }
    public CpuState State { get; }
    public GuestContext Context { get; }
    public int Tid { get; private set; }

    /// <summary>Set when this thread has exited (exit, or the process exited).</summary>
    public bool Exited { get; set; }

    public LinuxThread(LinuxProcess process, CpuState state, int tid)
    {
        Process = process;
        State = state;
        Tid = tid;
        Context = new GuestContext(state, process.Memory, process.SystemRegisters);
        Context.CacheMaintenanceRequested += OnCacheMaintenance;
    }

    static readonly uint InstructionCacheInvalidate = SysRegEncoding.Pack(1, 3, 7, 5, 1);

    /// <summary>
    /// IC IVAU drops the translations of the line's page: code written through another mapping of the same
    /// memory (a second view of a shared file) raises no write event on the executable page, but the guest
    /// must invalidate the instruction cache before it runs the new code, as the architecture requires.
    /// </summary>
    void OnCacheMaintenance(uint encoding, ulong address)
    {
        if (encoding == InstructionCacheInvalidate)
            Process.Engine.InvalidatePage(address);
    }

    public void Run()
    {
        while (!Exited && !Process.HasExited)
        {
            var exit = Process.Engine.Step(Context);
            switch (exit.Reason)
            {
                case ExitReason.Continue:
                    break;
                case ExitReason.Exception:
                    HandleException(exit);
                    break;
                case ExitReason.Fault:
                    HandleFault(exit);
                    break;
            }
            DeliverPendingSignals();
        }
    }

    void HandleException(BlockExit exit)
    {
        switch (exit.Exception)
        {
            case ExceptionKind.SupervisorCall:
                State.Pc = exit.NextPc;
                DoSyscall();
                break;
            case ExceptionKind.Breakpoint:
                RaiseSynchronous(Signals.SIGTRAP, Signals.TRAP_BRKPT, exit.Pc, $"brk #0x{exit.Immediate:x}");
                break;
            case ExceptionKind.WaitForEvent:
                // WFE/WFI at EL0 are hints: a spinning thread gives others the host CPU.
                State.Pc = exit.NextPc;
                Thread.Yield();
                break;
            case ExceptionKind.InstructionAbort:
                // A mapped page without execute permission is an access error, an unmapped one a mapping error.
                bool mapped = (Process.Memory.FlagsAt(exit.Pc) & Memory.PageFlags.Mapped) != 0;
                RaiseSynchronous(Signals.SIGSEGV, mapped ? Signals.SEGV_ACCERR : Signals.SEGV_MAPERR, exit.Pc,
                    mapped ? "instruction fetch from non-executable memory" : "instruction fetch from unmapped memory", faultAddress: exit.Pc);
                break;
            default:
                // UNDEF, HLT, HVC, SMC and WFI-style exits all reach user space as SIGILL.
                RaiseSynchronous(Signals.SIGILL, Signals.ILL_ILLOPC, exit.Pc, DescribeUndefined(exit));
                break;
        }
    }

    void HandleFault(BlockExit exit)
    {
        var fault = exit.Fault!;
        switch (fault.Kind)
        {
            case GuestFaultKind.Undefined:
                RaiseSynchronous(Signals.SIGILL, Signals.ILL_ILLOPC, exit.Pc, fault.Message);
                break;
            case GuestFaultKind.Alignment:
                RaiseSynchronous(Signals.SIGBUS, Signals.BUS_ADRALN, exit.Pc, fault.Message, fault.Address);
                break;
            default:
                RaiseSynchronous(Signals.SIGSEGV, fault.Kind == GuestFaultKind.Unmapped ? Signals.SEGV_MAPERR : Signals.SEGV_ACCERR,
                    exit.Pc, fault.Message, fault.Address);
                break;
        }
    }

    string DescribeUndefined(BlockExit exit)
    {
        if (exit.Exception != ExceptionKind.Undefined)
            return $"{exit.Exception} #0x{exit.Immediate:x}";
        var enc = Frontend.Decoding.Decoder.Decode(exit.Immediate);
        if (enc is null)
            return "unallocated encoding";
        // A lifted line that raised UNDEF is UNDEFINED here (UDF, an EL0-forbidden operand); an unlifted one is ours to add.
        return Frontend.Lifting.HandlerTable.IsLifted(enc) ? $"{enc.Name} is UNDEFINED here" : $"{enc.Name} is not implemented";
    }

    void DoSyscall()
    {
        var args = new SyscallArgs(State.X[0], State.X[1], State.X[2], State.X[3], State.X[4], State.X[5]);
        long result = InvokeSyscall((int)State.X[8], args);
        if (result == -Errno.ERESTARTSYS)
        {
            InterruptedRestartable(args.A0);
            result = -Errno.EINTR;
        }
        if (result != Syscalls.NoReturnValue)
            State.X[0] = (ulong)result;
    }

    /// <summary>Runs one system call for this thread (State.Pc already past the svc); returns the result, -errno or NoReturnValue.</summary>
    public long InvokeSyscall(int number, SyscallArgs args)
    {
        var entry = SyscallTable.Find(number);
        if (entry is null)
        {
            Process.UnknownSyscall(number, State.Pc - 4);
            return -Errno.ENOSYS;
        }
        try
        {
            return entry.Handler(this, args);
        }
        catch (GuestFault)
        {
            // A bad pointer handed to the kernel is EFAULT, not a signal.
            return -Errno.EFAULT;
        }
        catch (Exception e) when (e is OverflowException or ArgumentException)
        {
            // A size or count beyond what a64jit can hand to the host in one piece.
            return -Errno.EINVAL;
        }
    }
}
