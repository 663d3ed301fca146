using A64Jit.Hypervisor.Cpu;
using A64Jit.Hypervisor.Exceptions;
using A64Jit.IR;
using A64Jit.Runtime.Cpu;
using A64Jit.Runtime.Engines;

namespace A64Jit.Runtime.Machine;

/// <summary>
/// The run loop of one machine CPU: runs blocks through the engine and does what compiled code leaves to
/// the slow path: interrupts (taken between blocks), exceptions (SVC, HVC, SMC, aborts, traps), ERET,
/// WFI (sleeps until an interrupt), and the firmware calls (PSCI).
/// </summary>
public sealed class MachineCpu(VirtMachine machine, int index, SystemContext context)
{
    public int Index { get; } = index;
    public SystemContext Context { get; } = context;
    public SystemCpu Cpu => Context.Cpu;
    public CpuState State => Context.State;

    /// <summary>Set by a device when this CPU's interrupt state may have changed (wakes a WFI).</summary>
    readonly AutoResetEvent wake = new(false);

    /// <summary>Called (from any thread) when an interrupt line changed: leave compiled code and wake from WFI.</summary>
    public void Kick()
    {
        State.RequestInterrupt();
        wake.Set();
    }

    public void Run(IEngine engine)
    {
        while (!machine.Stopped)
        {
            if ((State.Pstate & Pstate.Il) != 0)
            {
                // The instruction after an illegal exception return raises Illegal Execution State (el2.md 4.5).
                Cpu.TakeException(Cpu.RouteSynchronous(0), ExceptionType.Synchronous, State.Pc, Syndrome.Make(ExceptionClass.IllegalState, 0));
                continue;
            }
            if (Cpu.DeliverableInterrupt() is { } irq)
            {
                interrupts++;
                Cpu.TakeInterrupt(irq.Target, irq.Type, State.Pc);
                continue;
            }
            var exit = engine.Step(Context);
            steps++;
            switch (exit.Reason)
            {
                case ExitReason.Exception:
                    HandleException(exit);
                    break;
                case ExitReason.Fault:
                    HandleFault(exit);
                    break;
            }
        }
    }

    long steps, interrupts, exceptions, faults, waits;

    /// <summary>What the run loop did, for --stats.</summary>
    public string Exits => $"{steps:N0} engine steps, {interrupts:N0} interrupts, {exceptions:N0} exception exits, {faults:N0} faults, {waits:N0} WFI";

    void HandleFault(BlockExit exit)
    {
        faults++;
        var fault = exit.Fault!;
        // The IR's own faults (a misaligned exclusive or ordered access) become the aborts they are architecturally.
        var syndrome = fault as SyndromeFault ?? fault.Kind switch
        {
            GuestFaultKind.Alignment => Context.Mmu.AlignmentFault(fault.Address, fault.IsWrite),
            GuestFaultKind.Undefined => SystemCpu.Undefined(fault.Message),
            _ => Context.Mmu.ExternalAbort(fault.Address, fault.Address, fault.IsWrite),
        };
        Cpu.Trace?.Invoke($"fault at 0x{exit.Pc:x}: {syndrome.Message}");
        Cpu.TakeFault(syndrome, exit.Pc);
    }

    void HandleException(BlockExit exit)
    {
        exceptions++;
        int el = Cpu.El;
        switch (exit.Exception)
        {
            case ExceptionKind.SupervisorCall:
                Cpu.TakeException(Cpu.RouteSynchronous(0), ExceptionType.Synchronous, exit.NextPc, Syndrome.Make(ExceptionClass.Svc, exit.Immediate));
                break;
            case ExceptionKind.HypervisorCall:
                if (el == 0 || (Cpu.HasEl2 && (Cpu.Hcr & SystemCpu.HcrHcd) != 0))
                    Undefined(exit.Pc);
                else if (Cpu.HasEl2)
                    Cpu.TakeException(2, ExceptionType.Synchronous, exit.NextPc, Syndrome.Make(ExceptionClass.Hvc, exit.Immediate));
                else
                    FirmwareCall(exit.NextPc);
                break;
            case ExceptionKind.SecureMonitorCall:
                if (el == 0 || !Cpu.HasEl2)
                    Undefined(exit.Pc);
                else if (el == 1 && (Cpu.EffectiveHcr & SystemCpu.HcrTsc) != 0)
                    Cpu.TakeException(2, ExceptionType.Synchronous, exit.Pc, Syndrome.Make(ExceptionClass.Smc, exit.Immediate));
                else
                    FirmwareCall(exit.NextPc);
                break;
            case ExceptionKind.Breakpoint:
                Cpu.TakeException(Cpu.RouteSynchronous(0), ExceptionType.Synchronous, exit.Pc, Syndrome.Make(ExceptionClass.Brk, exit.Immediate));
                break;
            case ExceptionKind.ExceptionReturn:
                if (el == 0)
                    Undefined(exit.Pc);
                else
                    Cpu.ExceptionReturn();
                break;
            case ExceptionKind.InstructionAbort when (exit.Pc & 3) != 0:
                // A misaligned PC (a branch to an address with bit 0 or 1 set): PC alignment fault, FAR = the PC.
                Cpu.TakeFault(new SyndromeFault(Syndrome.Make(ExceptionClass.PcAlignment, 0), 0, exit.Pc, $"PC 0x{exit.Pc:x} is not aligned"), exit.Pc);
                break;
            case ExceptionKind.InstructionAbort:
                Cpu.TakeFault(Context.FetchFault(exit.Pc), exit.Pc);
                break;
            case ExceptionKind.WaitForEvent:
                WaitForInterrupt(exit, isEvent: exit.Immediate != 0);
                break;
            case ExceptionKind.FpAccessTrap:
                Cpu.TakeFault(Cpu.FpAccessTrap(), exit.Pc);
                break;
            default:
                // UNDEF, and HLT (halting debug is not enabled, so HLT is UNDEFINED).
                Undefined(exit.Pc);
                break;
        }
    }

    void Undefined(ulong pc) => Cpu.TakeException(Cpu.RouteSynchronous(0), ExceptionType.Synchronous, pc, Syndrome.Undefined);

    /// <summary>
    /// WFI/WFE: trapped to EL2 under HCR_EL2.TWI/TWE when nothing is pending; else WFI sleeps until an interrupt is
    /// pending, and WFE until then, an event (the event register), or the timer's event stream. SEV/SEVL set the register.
    /// </summary>
    void WaitForInterrupt(BlockExit exit, bool isEvent)
    {
        if (exit.Immediate == 2)
        {
            Cpu.EventRegister = true;
            State.Pc = exit.NextPc;
            return;
        }
        ulong trapBit = isEvent ? SystemCpu.HcrTwe : SystemCpu.HcrTwi;
        if (Cpu.El < 2 && Cpu.HasEl2 && (Cpu.EffectiveHcr & trapBit) != 0 && !Cpu.AnyInterruptPending)
        {
            Cpu.TakeException(2, ExceptionType.Synchronous, exit.Pc, Syndrome.Wfx(isEvent));
            return;
        }
        State.Pc = exit.NextPc;
        if (isEvent)
        {
            if (Cpu.EventRegister)
            {
                Cpu.EventRegister = false;
                return;
            }
            if (Cpu.AnyInterruptPending)
                return;
            waits++;
            var period = machine.EventStreamPeriod(Cpu);
            wake.WaitOne(period ?? machine.SleepBound());
            return;
        }
        waits++;
        while (!machine.Stopped && !Cpu.AnyInterruptPending)
            wake.WaitOne(machine.SleepBound());
    }

    /// <summary>HVC (no EL2) or SMC (EL2 present) as the firmware's conduit: PSCI and SMCCC calls.</summary>
    void FirmwareCall(ulong next)
    {
        State.Pc = next;
        machine.FirmwareCall(this);
    }
}
