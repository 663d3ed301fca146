using A64Jit.Hypervisor.Exceptions;

namespace A64Jit.Hypervisor.Cpu;

// Physical and virtual IRQ/FIQ and the virtual SError: routing (HCR_EL2.IMO/FMO/AMO, TGE) and masking (el2.md 4.2).
// The machine has no physical SError source; a hypervisor injects virtual ones with HCR_EL2.VSE.
public sealed partial class SystemCpu
{
    /// <summary>The event register WFE waits on: set by SEV/SEVL and by exception entry and return.</summary>
    public bool EventRegister { get; set; }

    /// <summary>
    /// The period of the generic timer's event stream at the current EL (CNTKCTL_EL1, or CNTHCTL_EL2 at EL2: EVNTEN in
    /// bit 2, EVNTI in bits 7..4: an event each time counter bit EVNTI flips), in counter ticks; null when off.
    /// </summary>
    public ulong? EventStreamTicks(ulong control) => (control & 4) != 0 ? 1UL << (int)(((control >> 4) & 15) + 1) : null;

    /// <summary>The GIC's physical IRQ and FIQ outputs for this CPU.</summary>
    public volatile bool IrqLine, FiqLine;

    /// <summary>Is any interrupt pending for this CPU, masked or not (what wakes a WFI)?</summary>
    public bool AnyInterruptPending
    {
        get
        {
            ulong hcr = EffectiveHcr;
            return IrqLine || FiqLine || (HasEl2 && (hcr & (HcrVi | HcrVf | HcrVse)) != 0 && !Tge);
        }
    }

    /// <summary>The interrupt to take now, with its target EL; null when none is pending or all are masked.</summary>
    public (int Target, ExceptionType Type)? DeliverableInterrupt()
    {
        ulong hcr = EffectiveHcr;
        // TGE routes every physical interrupt to EL2 (with E2H=1 the effective IMO/FMO read as 0, but the host owns them).
        bool tge = HasEl2 && Tge;
        if (IrqLine && Deliverable(tge || (HasEl2 && (hcr & HcrImo) != 0) ? 2 : 1, Pstate.I) is int irq)
            return (irq, ExceptionType.Irq);
        if (FiqLine && Deliverable(tge || (HasEl2 && (hcr & HcrFmo) != 0) ? 2 : 1, Pstate.F) is int fiq)
            return (fiq, ExceptionType.Fiq);
        // Virtual interrupts (HCR_EL2.VI/VF with IMO/FMO, not under TGE) go to EL1 and are masked by PSTATE there.
        if (HasEl2 && El <= 1)
        {
            if ((hcr & (HcrImo | HcrVi)) == (HcrImo | HcrVi) && (State.Pstate & Pstate.I) == 0)
                return (1, ExceptionType.Irq);
            if ((hcr & (HcrFmo | HcrVf)) == (HcrFmo | HcrVf) && (State.Pstate & Pstate.F) == 0)
                return (1, ExceptionType.Fiq);
            if ((hcr & (HcrAmo | HcrVse)) == (HcrAmo | HcrVse) && (State.Pstate & Pstate.A) == 0)
                return (1, ExceptionType.SError);
        }
        return null;
    }

    /// <summary>
    /// Takes an interrupt <see cref="DeliverableInterrupt"/> returned. A virtual SError clears HCR_EL2.VSE and reports
    /// EC 0x2F with an ISS of 0 (VSESR_EL2 belongs to FEAT_RAS, which is not implemented), as QEMU does.
    /// </summary>
    public void TakeInterrupt(int target, ExceptionType type, ulong preferredReturn)
    {
        if (type != ExceptionType.SError)
        {
            TakeException(target, type, preferredReturn);
            return;
        }
        State.SysRegs[HcrDef.Slot] &= ~HcrVse;
        TakeException(target, type, preferredReturn, Syndrome.Make(ExceptionClass.SError, 0));
    }

    /// <summary>
    /// A physical interrupt routed to <paramref name="target"/>: never taken above it, always taken from below
    /// when the target is EL2, and otherwise masked by the PSTATE bit.
    /// </summary>
    int? Deliverable(int target, ulong maskBit)
    {
        int el = El;
        if (target < el)
            return null;
        if (target == 2 && el < 2)
            return target;
        return (State.Pstate & maskBit) == 0 ? target : null;
    }

    /// <summary>ISR_EL1: pending SError (bit 8), IRQ (bit 7) and FIQ (bit 6), virtual ones when routed as such.</summary>
    public ulong InterruptStatus()
    {
        ulong hcr = EffectiveHcr;
        bool virtualIrq = HasEl2 && El == 1 && (hcr & HcrImo) != 0;
        bool virtualFiq = HasEl2 && El == 1 && (hcr & HcrFmo) != 0;
        bool irq = virtualIrq ? (hcr & HcrVi) != 0 : IrqLine;
        bool fiq = virtualFiq ? (hcr & HcrVf) != 0 : FiqLine;
        bool serror = HasEl2 && El == 1 && (hcr & (HcrAmo | HcrVse)) == (HcrAmo | HcrVse);
        return (serror ? 0x100UL : 0) | (irq ? 0x80UL : 0) | (fiq ? 0x40UL : 0);
    }
}
