using A64Jit.Hypervisor.Exceptions;

namespace A64Jit.Hypervisor.Cpu;

/// <summary>Which kind of vector an exception uses (the offset within a group of four).</summary>
public enum ExceptionType : uint
{
    Synchronous = 0x000,
    Irq = 0x080,
    Fiq = 0x100,
    SError = 0x180,
}

// Exception entry and return (el2.md 4.1 to 4.5).
public sealed partial class SystemCpu
{
    /// <summary>
    /// The EL a synchronous exception is taken to: <paramref name="requested"/> when the cause names one
    /// (an EL2 trap), else the default rules: EL2 at EL2, EL2 from EL0 under TGE, otherwise EL1.
    /// </summary>
    public int RouteSynchronous(int requested)
    {
        if (requested != 0)
            return Math.Max(requested, El);
        int el = El;
        if (el == 2 || (el == 0 && HasEl2 && Tge))
            return 2;
        return 1;
    }

    /// <summary>When set, every exception entry and return is described here (boot --trace).</summary>
    public Action<string>? Trace { get; set; }

    /// <summary>Takes an exception to <paramref name="target"/>: saves state in its SPSR/ELR/ESR/FAR, builds the new PSTATE, jumps to the vector.</summary>
    public void TakeException(int target, ExceptionType type, ulong preferredReturn, uint? esr = null, ulong? far = null, ulong? faultIpa = null)
    {
        int from = El;
        Trace?.Invoke($"exception {type} EL{from} -> EL{target} elr 0x{preferredReturn:x}" +
            (esr is { } s ? $" esr 0x{s:x8}" : "") + (far is { } a ? $" far 0x{a:x}" : "") + (faultIpa is { } i ? $" ipa 0x{i:x}" : ""));
        string el = target == 2 ? "EL2" : "EL1";
        ulong spsr = State.Pstate | State.Nzcv;
        ulong offset = from == target ? ((State.Pstate & Pstate.SpSel) != 0 ? 0x200UL : 0) : 0x400UL;
        Reg("SPSR_" + el) = spsr;
        Reg("ELR_" + el) = preferredReturn;
        if (esr is { } e)
            Reg("ESR_" + el) = e;
        if (far is { } f)
            Reg("FAR_" + el) = f;
        if (faultIpa is { } ipa && target == 2)
            Reg("HPFAR_EL2") = (ipa >> 12) << 4;

        ulong sctlr = target == 2 ? Reg("SCTLR_EL2") : Reg("SCTLR_EL1");
        ulong pstate = Pstate.WithEl(Pstate.Daif | Pstate.SpSel, target) | (State.Pstate & (Pstate.Dit | Pstate.Pan));
        // PAN is set on entry when SCTLR.SPAN is 0, for EL1 and for the EL2&0 host (el2.md 4.4).
        bool spanApplies = target == 1 || (E2h && Tge);
        if (spanApplies && (sctlr & (1UL << 23)) == 0)
            pstate |= Pstate.Pan;
        if ((sctlr & (1UL << 44)) != 0)
            pstate |= Pstate.Ssbs;
        SetPstate(pstate);
        State.ClearExclusive();
        EventRegister = true;
        State.Pc = Reg("VBAR_" + el) + offset + (ulong)type;
    }

    /// <summary>Takes a synchronous exception raised by the slow path in the middle of the instruction at <paramref name="pc"/>.</summary>
    public void TakeFault(SyndromeFault fault, ulong pc)
    {
        int target = RouteSynchronous(fault.TargetEl);
        uint esr = fault.Esr;
        // An abort's EC says whether it came from a lower EL or the same one.
        uint ec = esr >> 26;
        if ((ec == ExceptionClass.DataAbortLower || ec == ExceptionClass.DataAbortSame) && target == El)
            esr = (esr & 0x03FF_FFFF) | (ExceptionClass.DataAbortSame << 26);
        else if (ec == ExceptionClass.DataAbortSame)
            esr = (esr & 0x03FF_FFFF) | (ExceptionClass.DataAbortLower << 26);
        if ((ec == ExceptionClass.InstructionAbortLower || ec == ExceptionClass.InstructionAbortSame) && target == El)
            esr = (esr & 0x03FF_FFFF) | (ExceptionClass.InstructionAbortSame << 26);
        else if (ec == ExceptionClass.InstructionAbortSame)
            esr = (esr & 0x03FF_FFFF) | (ExceptionClass.InstructionAbortLower << 26);
        TakeException(target, ExceptionType.Synchronous, pc, esr, fault.FaultAddress, fault.FaultIpa);
    }

    /// <summary>
    /// ERET at EL1 or EL2 (the caller raises UNDEFINED at EL0): restores PSTATE from SPSR and jumps to ELR,
    /// or, for an illegal return, stays at this EL with PSTATE.IL set (el2.md 4.5).
    /// </summary>
    public void ExceptionReturn()
    {
        int el = El;
        string suffix = el == 2 ? "EL2" : "EL1";
        ulong spsr = Reg("SPSR_" + suffix);
        ulong elr = Reg("ELR_" + suffix);
        int target = Pstate.El(spsr);
        ulong mode = spsr & 0x1F;
        bool illegal = (spsr & Pstate.NotAArch64) != 0
            || (mode & 2) != 0
            || mode == 1
            || target > el
            || (target == 2 && !HasEl2)
            || (target == 1 && el == 2 && Tge);
        const ulong restored = Pstate.Daif | Pstate.Pan | Pstate.Uao | Pstate.Ssbs | Pstate.Dit | Pstate.Ss;
        ulong pstate = illegal
            ? (State.Pstate & (Pstate.ElMask | Pstate.SpSel)) | (spsr & restored) | Pstate.Il
            : spsr & (restored | Pstate.ElMask | Pstate.SpSel | Pstate.Il);
        State.Nzcv = (uint)(spsr & Pstate.Nzcv);
        Trace?.Invoke($"eret EL{el} -> {Pstate.Mode(pstate)} pc 0x{elr:x}{(illegal ? " (illegal return)" : "")}");
        SetPstate(pstate);
        State.ClearExclusive();
        EventRegister = true;
        State.Pc = elr;
        Hooks.InterruptsChanged();
    }
}
