using A64Jit.Hypervisor.Cpu;
using A64Jit.Hypervisor.Exceptions;
using A64Jit.Hypervisor.Mmu;

namespace A64Jit.Runtime.Machine;

// The translation: the regime of the current EL, a soft TLB in front of the page-table walker, and the
// aborts a failed translation raises.
public sealed partial class Mmu
{
    const int TlbEntries = 1024;

    /// <summary>One cached translation of a 4 KiB page (the mapping may be larger).</summary>
    struct TlbEntry
    {
        /// <summary>Page number, regime and a valid bit; 0 is empty.</summary>
        public ulong Tag;
        public TranslationResult Result;
    }

    readonly TlbEntry[] tlb = new TlbEntry[TlbEntries];

    /// <summary>The translation regimes (for TLB tags): EL1&amp;0, EL2&amp;0, EL2.</summary>
    enum Regime { El10 = 1, El20 = 2, El2 = 3 }

    Regime CurrentRegime(int el) => el == 2 ? (cpu.E2h ? Regime.El20 : Regime.El2)
        : el == 0 && cpu.E2h && cpu.Tge ? Regime.El20 : Regime.El10;

    static ulong Tag(ulong va, Regime regime) => ((va >> 12) << 2) | (ulong)regime;

    static AccessKind Kind(MemoryAccess access) => (AccessKind)access;

    /// <summary>PSTATE.PAN applies to privileged data accesses (EL1, and EL2 in the EL2&amp;0 regime).</summary>
    bool Pan(int el, MemoryAccess access) => access != MemoryAccess.Execute && !AsEl0(el) && (cpu.State.Pstate & Pstate.Pan) != 0;

    /// <summary>Set while an LDTR/STTR runs: accesses are checked as EL0's.</summary>
    bool unprivileged;

    /// <summary>Makes the accesses until the returned scope ends unprivileged ones (an LDTR/STTR at EL1, or at EL2 in the host regime).</summary>
    public UnprivilegedScope Unprivileged()
    {
        int el = cpu.El;
        bool applies = el == 1 || (el == 2 && cpu.E2h && cpu.Tge);
        var scope = new UnprivilegedScope(this, unprivileged);
        unprivileged |= applies;
        return scope;
    }

    public readonly struct UnprivilegedScope(Mmu mmu, bool previous) : IDisposable
    {
        public void Dispose() => mmu.unprivileged = previous;
    }

    /// <summary>Is an LDTR/STTR access in progress?</summary>
    public bool InUnprivilegedAccess => unprivileged;

    /// <summary>Is the access checked as EL0's?</summary>
    bool AsEl0(int el) => el == 0 || unprivileged;

    ulong? Lookup(ulong va, MemoryAccess access)
    {
        int el = cpu.El;
        ref var entry = ref tlb[(va >> 12) & (TlbEntries - 1)];
        if (entry.Tag != Tag(va, CurrentRegime(el)) || entry.Result.PermissionFault(va, Kind(access), AsEl0(el), Pan(el, access)).IsFault)
            return null;
        return entry.Result.PhysicalBase | (va & entry.Result.OffsetMask);
    }

    /// <summary>Drops every cached translation (a TLBI, or a write to a register translation depends on).</summary>
    public void Flush() => Array.Clear(tlb);

    /// <summary>Drops the cached translation of the page of <paramref name="va"/> (a TLBI by address).</summary>
    public void FlushPage(ulong va) => tlb[(va >> 12) & (TlbEntries - 1)] = default;

    ulong? Walk(ulong va, MemoryAccess access, out SyndromeFault? fault)
    {
        int el = cpu.El;
        var regime = CurrentRegime(el);
        var (s1, s2) = Regimes(regime);
        var result = PageTableWalker.Translate(s1, va, Kind(access), AsEl0(el), Pan(el, access), Bus, s2);
        if (!result.Success)
        {
            fault = AbortFor(va, access, result.Fault);
            return null;
        }
        fault = null;
        tlb[(va >> 12) & (TlbEntries - 1)] = new TlbEntry { Tag = Tag(va, regime), Result = result };
        return result.PhysicalAddress;
    }

    /// <summary>The stage-1 registers of a regime, and stage 2 when EL2 exists (enabled by HCR_EL2.VM).</summary>
    (Stage1Regime S1, Stage2Regime? S2) Regimes(Regime regime)
    {
        switch (regime)
        {
            case Regime.El20:
                return (Stage1Regime.El20(cpu.Reg("SCTLR_EL2"), cpu.Reg("TCR_EL2"), cpu.Reg("TTBR0_EL2"), cpu.Reg("TTBR1_EL2"), cpu.Reg("MAIR_EL2")), null);
            case Regime.El2:
                return (Stage1Regime.El2(cpu.Reg("SCTLR_EL2"), cpu.Reg("TCR_EL2"), cpu.Reg("TTBR0_EL2"), cpu.Reg("MAIR_EL2")), null);
            default:
                ulong sctlr = cpu.Reg("SCTLR_EL1");
                // HCR_EL2.TGE=1 (with E2H=0): stage 1 of EL1&0 behaves as disabled (el2.md 2.1).
                if (cpu.HasEl2 && cpu.Tge)
                    sctlr &= ~1UL;
                var s1 = Stage1Regime.El10(sctlr, cpu.Reg("TCR_EL1"), cpu.Reg("TTBR0_EL1"), cpu.Reg("TTBR1_EL1"), cpu.Reg("MAIR_EL1"));
                if (!cpu.HasEl2)
                    return (s1, null);
                var s2 = new Stage2Regime(cpu.Reg("VTCR_EL2"), cpu.Reg("VTTBR_EL2")) { Enabled = (cpu.EffectiveHcr & SystemCpu.HcrVm) != 0 };
                return (s1, s2);
        }
    }

    /// <summary>The abort a failed translation raises: stage-2 faults go to EL2 with the IPA (HPFAR_EL2), others by the default rules.</summary>
    static SyndromeFault AbortFor(ulong va, MemoryAccess access, in TranslationFault fault)
    {
        uint fsc = FaultStatus.Code(fault);
        string what = access == MemoryAccess.Execute ? "fetch from" : access == MemoryAccess.Write ? "write to" : "read from";
        string message = $"{what} 0x{va:x}: {fault.Kind} fault at level {fault.Level}{(fault.Stage2 ? " (stage 2)" : "")}";
        return Abort(va, access, fsc, message, fault.Stage2 ? 2 : 0, fault.Stage2 ? fault.Ipa : null, fault.S1Ptw);
    }

    /// <summary>AT: the PAR_EL1 value of a translation (el2.md 6.2); a stage-2 fault on a stage-1 walk from EL1 is a data abort instead.</summary>
    public ulong AddressTranslate(AtOperation op, ulong va)
    {
        int el = cpu.El;
        bool host = cpu.E2h && cpu.Tge;
        bool write = op is AtOperation.S1E1W or AtOperation.S1E0W or AtOperation.S1E1WP or AtOperation.S1E2W or AtOperation.S12E1W or AtOperation.S12E0W;
        bool unprivileged = op is AtOperation.S1E0R or AtOperation.S1E0W or AtOperation.S12E0R or AtOperation.S12E0W;
        bool pan = op is AtOperation.S1E1RP or AtOperation.S1E1WP && (cpu.State.Pstate & Pstate.Pan) != 0;
        var kind = write ? AccessKind.Write : AccessKind.Read;
        var regime = op is AtOperation.S1E2R or AtOperation.S1E2W ? (cpu.E2h ? Regime.El20 : Regime.El2)
            : host && el == 2 ? Regime.El20 : Regime.El10;
        var (s1, s2) = Regimes(regime);
        bool twoStages = op is AtOperation.S12E1R or AtOperation.S12E1W or AtOperation.S12E0R or AtOperation.S12E0W;
        var result = twoStages
            ? PageTableWalker.Translate(s1, va, kind, unprivileged, pan, Bus, s2)
            : PageTableWalker.TranslateStage1(s1, va, kind, unprivileged, pan, Bus, s2);
        // A stage-2 fault during an AT at EL1 is a data abort to EL2 (el2.md case 33); an abort raised by an AT or
        // cache-maintenance instruction has CM and WnR set.
        if (!result.Success && result.Fault.Stage2 && el == 1)
        {
            var f = result.Fault;
            throw Abort(va, MemoryAccess.Write, FaultStatus.Code(f), $"AT at 0x{va:x}: stage-2 {f.Kind} fault at level {f.Level}", 2, f.Ipa, f.S1Ptw, maintenance: true);
        }
        return Par.FromResult(result);
    }
}
