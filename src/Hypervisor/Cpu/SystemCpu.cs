using A64Jit.Hypervisor.Exceptions;
using A64Jit.Hypervisor.SysRegs;

namespace A64Jit.Hypervisor.Cpu;

/// <summary>
/// The system side of one CPU: exception levels, PSTATE, the system registers, exception entry and return.
/// Compiled code and the interpreter run instructions on <see cref="State"/>; whatever needs the
/// architecture's rules (an MRS/MSR, an exception, an ERET) comes here. The partial files hold the
/// register accesses, the exceptions and the interrupts.
/// </summary>
public sealed partial class SystemCpu(IArchState state, SystemCpuConfig config, ISystemHooks hooks)
{
    public IArchState State { get; } = state;
    public SystemCpuConfig Config { get; } = config;
    public ISystemHooks Hooks { get; } = hooks;

    /// <summary>Device models owning system registers, asked in order.</summary>
    public IReadOnlyList<ISysRegDevice> Devices { get; set; } = [];

    public ulong Vpidr { get; set; }
    public ulong Vmpidr { get; set; }
    /// <summary>The OS lock (OSLAR_EL1/OSLSR_EL1); set at reset.</summary>
    public bool OsLock { get; set; } = true;

    public bool HasEl2 => Config.HasEl2;
    public int El => Pstate.El(State.Pstate);

    static readonly SysRegDef HcrDef = SysRegTable.Named("HCR_EL2");
    public static readonly int SpEl0 = SysRegTable.Named("SP_EL0").Slot, SpEl1 = SysRegTable.Named("SP_EL1").Slot, SpEl2 = SysRegTable.Named("SP_EL2").Slot;

    /// <summary>The storage of a register by name (for the slow path's own use: exception entry, the MMU).</summary>
    public ref ulong Reg(string name) => ref State.SysRegs[SysRegTable.Named(name).Slot];

    public ulong Hcr => HasEl2 ? State.SysRegs[HcrDef.Slot] : 0;

    // HCR_EL2 bits (el2.md 3.1).
    public const ulong HcrVm = 1UL << 0, HcrFmo = 1UL << 3, HcrImo = 1UL << 4, HcrAmo = 1UL << 5, HcrVf = 1UL << 6,
        HcrVi = 1UL << 7, HcrVse = 1UL << 8, HcrTwi = 1UL << 13, HcrTwe = 1UL << 14, HcrTid1 = 1UL << 16, HcrTid2 = 1UL << 17,
        HcrTid3 = 1UL << 18, HcrTsc = 1UL << 19, HcrTsw = 1UL << 22, HcrTpcp = 1UL << 23, HcrTpu = 1UL << 24, HcrTdz = 1UL << 28, HcrTacr = 1UL << 21, HcrTtlb = 1UL << 25,
        HcrTvm = 1UL << 26, HcrTge = 1UL << 27, HcrHcd = 1UL << 29, HcrTrvm = 1UL << 30, HcrRw = 1UL << 31,
        HcrE2h = 1UL << 34, HcrAt = 1UL << 44, HcrNv = 1UL << 42;

    public bool E2h => (Hcr & HcrE2h) != 0;
    public bool Tge => (Hcr & HcrTge) != 0;

    /// <summary>HCR_EL2 as every trap and routing decision sees it, with TGE folded in (el2.md 2.4).</summary>
    public ulong EffectiveHcr
    {
        get
        {
            ulong hcr = Hcr;
            if ((hcr & HcrTge) == 0)
                return hcr;
            const ulong clearedByTge = HcrVf | HcrVi | HcrVse | HcrTid1 | HcrTid3 | HcrTsc | HcrTacr | HcrTsw | HcrTtlb | HcrTvm | HcrHcd | HcrTrvm;
            hcr &= ~clearedByTge;
            if ((hcr & HcrE2h) != 0)
                hcr &= ~(HcrVm | HcrFmo | HcrImo | HcrAmo | HcrTwi | HcrTwe | HcrTid2);
            else
                hcr |= HcrFmo | HcrImo | HcrAmo;
            return hcr;
        }
    }

    /// <summary>
    /// The translation key of the current state (architecture decision 2): what translated code depends on.
    /// Bits 1..0 EL, bit 2 E2H, bit 3 TGE, bit 4 PSTATE.SP (SPSel), bit 5 FP/SIMD instructions trap
    /// (<see cref="KeyFpTraps"/>), bit 6 SCTLR_ELx.A of the current regime (<see cref="KeyAlignment"/>). The
    /// lifter builds the last two into the code, so code that runs without them pays no check.
    /// </summary>
    public uint TranslationKey => (uint)El | (E2h ? 4u : 0) | (Tge ? 8u : 0) | ((State.Pstate & Pstate.SpSel) != 0 ? 16u : 0)
        | (FpTrapTarget() != 0 ? KeyFpTraps : 0) | ((CurrentSctlr & SctlrA) != 0 ? KeyAlignment : 0);

    public const uint KeyFpTraps = 32, KeyAlignment = 64;
    const ulong SctlrA = 1UL << 1;

    /// <summary>Key bits a register write can change (the lowering keeps the block's end after such a write).</summary>
    public static bool ChangesKey(SysRegDef def) => def.Name is "HCR_EL2" or "SPSel" or "CPACR_EL1" or "CPTR_EL2" or "SCTLR_EL1" or "SCTLR_EL2";

    static readonly int CpacrSlot = SysRegTable.Named("CPACR_EL1").Slot, CptrSlot = SysRegTable.Named("CPTR_EL2").Slot,
        SctlrEl1Slot = SysRegTable.Named("SCTLR_EL1").Slot, SctlrEl2Slot = SysRegTable.Named("SCTLR_EL2").Slot;

    /// <summary>The SCTLR of the current translation regime: SCTLR_EL2 at EL2 and in the EL2&amp;0 regime (E2H and TGE), else SCTLR_EL1.</summary>
    ulong CurrentSctlr
    {
        get
        {
            int el = El;
            bool el2Regime = el == 2 || (el == 0 && HasEl2 && E2h && Tge);
            return State.SysRegs[el2Regime ? SctlrEl2Slot : SctlrEl1Slot];
        }
    }

    /// <summary>
    /// Where an FP/SIMD instruction at the current EL traps (Arm ARM CheckFPAdvSIMDEnabled64): 1 by CPACR_EL1.FPEN
    /// (ignored under E2H and TGE), 2 by CPTR_EL2 (FPEN in the CPACR layout when E2H=1, else TFP), 0 when it runs.
    /// </summary>
    public int FpTrapTarget()
    {
        int el = El;
        ulong hcr = EffectiveHcr;
        bool host = (hcr & (HcrE2h | HcrTge)) == (HcrE2h | HcrTge);
        if (!host && el <= 1)
        {
            ulong fpen = (State.SysRegs[CpacrSlot] >> 20) & 3;
            if (fpen is 0 or 2 || (fpen == 1 && el == 0))
                return 1;
        }
        if (!HasEl2)
            return 0;
        ulong cptr = State.SysRegs[CptrSlot];
        if ((hcr & HcrE2h) != 0)
        {
            ulong fpen = (cptr >> 20) & 3;
            return fpen is 0 or 2 || (fpen == 1 && el == 0 && (hcr & HcrTge) != 0) ? 2 : 0;
        }
        return (cptr & (1UL << 10)) != 0 ? 2 : 0;
    }

    /// <summary>The FP/SIMD access trap, for an instruction that has one while <see cref="FpTrapTarget"/> says it traps.</summary>
    public SyndromeFault FpAccessTrap() =>
        new(Syndrome.FpAccess, FpTrapTarget() == 2 ? 2 : 0, null, $"FP/SIMD access at EL{El} trapped");

    public void TlbInvalidatePage(ulong va) => Hooks.TranslationChanged(va);

    /// <summary>Puts the CPU in its reset state at <paramref name="el"/> (EL1 or EL2, h, interrupts masked).</summary>
    public void Reset(int el)
    {
        foreach (var def in SysRegTable.All)
            if (def.Slot >= 0)
                State.SysRegs[def.Slot] = def.Reset;
        Vpidr = Config.Midr;
        Vmpidr = Config.Mpidr;
        OsLock = true;
        State.Pstate = Pstate.WithEl(Pstate.Daif | Pstate.SpSel, el);
        State.Nzcv = 0;
        Hooks.TranslationChanged();
    }

    /// <summary>The EL whose stack pointer is live for a PSTATE value (0 when SPSel is 0).</summary>
    static int StackEl(ulong pstate) => (pstate & Pstate.SpSel) != 0 ? Pstate.El(pstate) : 0;

    int BankSlot(int el) => el switch { 0 => SpEl0, 1 => SpEl1, _ => SpEl2 };

    /// <summary>Changes PSTATE, moving the live SP to its bank and loading the new one (the banked SPs' sync).</summary>
    public void SetPstate(ulong pstate)
    {
        int from = StackEl(State.Pstate), to = StackEl(pstate);
        if (from != to)
        {
            State.SysRegs[BankSlot(from)] = State.Sp;
            State.Sp = State.SysRegs[BankSlot(to)];
        }
        ulong old = State.Pstate;
        State.Pstate = pstate;
        if (((old ^ pstate) & (Pstate.ElMask | Pstate.Pan)) != 0)
            Hooks.PrivilegeChanged();
    }

    public void SetSpSel(bool useElx) => SetPstate(useElx ? State.Pstate | Pstate.SpSel : State.Pstate & ~Pstate.SpSel);

    public void SetPstateBit(ulong bit, ulong value) => SetPstate((value & bit) != 0 ? State.Pstate | bit : State.Pstate & ~bit);

    public void SetDaif(ulong value)
    {
        State.Pstate = (State.Pstate & ~Pstate.Daif) | (value & Pstate.Daif);
        Hooks.InterruptsChanged();
    }

    public void WriteTpidrro(ulong value)
    {
        if (El == 0)
            throw Undefined("TPIDRRO_EL0 is read-only at EL0");
        State.TpidrroEl0 = value;
    }

    /// <summary>MIDR_EL1 read: EL1 (and EL0) see VPIDR_EL2 when EL2 exists (el2.md 1.3).</summary>
    public ulong ReadMidr() => HasEl2 && El < 2 ? Vpidr : Config.Midr;

    public ulong ReadMpidr() => HasEl2 && El < 2 ? Vmpidr : Config.Mpidr;

    public void AddressTranslate(AtOperation op, ulong va)
    {
        ulong par = Hooks.AddressTranslate(op, va);
        Reg("PAR_EL1") = par;
    }

    public void TlbInvalidate() => Hooks.TranslationChanged();

    /// <summary>The VA a TLBI by address names: VA[55:12] in bits 43..0 of the operand, sign-extended from bit 55.</summary>
    public static ulong TlbiAddress(ulong operand) => (ulong)((long)((operand & 0xFFF_FFFF_FFFF) << 20) >> 8);

    public void CheckDataAddress(ulong va) => Hooks.CheckDataAddress(va);
}
