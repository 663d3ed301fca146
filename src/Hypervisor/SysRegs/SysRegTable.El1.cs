using A64Jit.Hypervisor.Cpu;
using static A64Jit.Hypervisor.SysRegs.SysRegTraps;

namespace A64Jit.Hypervisor.SysRegs;

// EL1 registers (el2.md 1.4) and the PSTATE fields.
public static partial class SysRegTable
{
    const SysRegEffects Translation = SysRegEffects.Translation;

    static void AddEl1Registers()
    {
        // RES1 bits of SCTLR_EL1 (Armv8.0: 29, 28, 23, 22, 20, 11) as QEMU's reset leaves them, MMU and caches off.
        Stored("SCTLR_EL1", E(3, 0, 1, 0, 0), reset: 0x30D0_0800, traps: VirtualMemory, vhe: "SCTLR_EL2", effects: Translation);
        Stored("ACTLR_EL1", E(3, 0, 1, 0, 1), traps: AuxControl);
        Stored("CPACR_EL1", E(3, 0, 1, 0, 2), vhe: "CPTR_EL2");
        Stored("TTBR0_EL1", E(3, 0, 2, 0, 0), traps: VirtualMemory, vhe: "TTBR0_EL2", effects: Translation);
        Stored("TTBR1_EL1", E(3, 0, 2, 0, 1), traps: VirtualMemory, vhe: "TTBR1_EL2", effects: Translation);
        Stored("TCR_EL1", E(3, 0, 2, 0, 2), traps: VirtualMemory, vhe: "TCR_EL2", effects: Translation);
        Stored("SPSR_EL1", E(3, 0, 4, 0, 0), vhe: "SPSR_EL2");
        Stored("ELR_EL1", E(3, 0, 4, 0, 1), vhe: "ELR_EL2");
        Stored("AFSR0_EL1", E(3, 0, 5, 1, 0), traps: VirtualMemory, vhe: "AFSR0_EL2");
        Stored("AFSR1_EL1", E(3, 0, 5, 1, 1), traps: VirtualMemory, vhe: "AFSR1_EL2");
        Stored("ESR_EL1", E(3, 0, 5, 2, 0), traps: VirtualMemory, vhe: "ESR_EL2");
        Stored("FAR_EL1", E(3, 0, 6, 0, 0), traps: VirtualMemory, vhe: "FAR_EL2");
        Stored("PAR_EL1", E(3, 0, 7, 4, 0));
        Stored("MAIR_EL1", E(3, 0, 10, 2, 0), traps: VirtualMemory, vhe: "MAIR_EL2", effects: Translation);
        Stored("AMAIR_EL1", E(3, 0, 10, 3, 0), traps: VirtualMemory, vhe: "AMAIR_EL2");
        Stored("VBAR_EL1", E(3, 0, 12, 0, 0), vhe: "VBAR_EL2", writeMask: ~0x7FFUL);
        Stored("CONTEXTIDR_EL1", E(3, 0, 13, 0, 1), traps: VirtualMemory, vhe: "CONTEXTIDR_EL2");
        Stored("TPIDR_EL1", E(3, 0, 13, 0, 4));
        Stored("CNTKCTL_EL1", E(3, 0, 14, 1, 0), vhe: "CNTHCTL_EL2");
        Stored("CSSELR_EL1", E(3, 2, 0, 0, 0), traps: Id2, writeMask: 0xF);

        // Banked stack pointers: the live one is the CPU's SP; the others sit in these slots.
        Stored("SP_EL0", E(3, 0, 4, 1, 0));
        Special("SPSel", E(3, 0, 4, 2, 0), c => c.State.Pstate & Pstate.SpSel, (c, v) => c.SetSpSel((v & 1) != 0));
        Special("CurrentEL", E(3, 0, 4, 2, 2), c => (ulong)c.El << 2, null);
        Special("PAN", E(3, 0, 4, 2, 3), c => c.State.Pstate & Pstate.Pan, (c, v) => c.SetPstateBit(Pstate.Pan, v));
        Special("UAO", E(3, 0, 4, 2, 4), c => c.State.Pstate & Pstate.Uao, (c, v) => c.SetPstateBit(Pstate.Uao, v));
        Special("ISR_EL1", E(3, 0, 12, 1, 0), c => c.InterruptStatus(), null);
    }

    static void AddEl0Registers()
    {
        Special("DAIF", E(3, 3, 4, 2, 1), c => c.State.Pstate & Pstate.Daif, (c, v) => c.SetDaif(v),
            minEl: 0, gate: El0Gate.Uma, effects: SysRegEffects.Interrupts);
        Special("DIT", E(3, 3, 4, 2, 5), c => c.State.Pstate & Pstate.Dit, (c, v) => c.SetPstateBit(Pstate.Dit, v), minEl: 0);
        Special("SSBS", E(3, 3, 4, 2, 6), c => c.State.Pstate & Pstate.Ssbs, (c, v) => c.SetPstateBit(Pstate.Ssbs, v), minEl: 0);
        Special("NZCV", E(3, 3, 4, 2, 0), c => c.State.Nzcv, (c, v) => c.State.Nzcv = (uint)v & 0xF000_0000, minEl: 0);
        // FPCR: AHP, DN, FZ, RMode, FZ16; the trap enables read as zero (no FP exception trapping).
        Special("FPCR", E(3, 3, 4, 4, 0), c => c.State.Fpcr, (c, v) => c.State.Fpcr = (uint)v & 0x07F8_0000, minEl: 0).FpAccess = true;
        Special("FPSR", E(3, 3, 4, 4, 1), c => c.State.Fpsr, (c, v) => c.State.Fpsr = (uint)v & 0xF800_009F, minEl: 0).FpAccess = true;
        Special("TPIDR_EL0", E(3, 3, 13, 0, 2), c => c.State.TpidrEl0, (c, v) => c.State.TpidrEl0 = v, minEl: 0);
        Special("TPIDRRO_EL0", E(3, 3, 13, 0, 3), c => c.State.TpidrroEl0, (c, v) => c.WriteTpidrro(v), minEl: 0);
        // CTR_EL0: 64-byte lines, PIPT I-cache; DCZID_EL0: DC ZVA on 64-byte blocks.
        Fixed("CTR_EL0", E(3, 3, 0, 0, 1), 0x8444_C004, minEl: 0, traps: Id2, gate: El0Gate.Uct);
        Add(new SysRegDef
        {
            Name = "DCZID_EL0", Encoding = E(3, 3, 0, 0, 7), MinEl = 0, ReadOnly = true, Read = c => c.DczidValue(), Constant = 4,
            ValueTraps = SysRegTraps.ZeroBlock, ValueGate = El0Gate.Dze,
        }, storage: false);

        // The generic timer (el2.md 8.1): counters and the EL1 physical and virtual timers.
        Device("CNTFRQ_EL0", E(3, 3, 14, 0, 0), minEl: 0, gate: El0Gate.AnyCount, effects: SysRegEffects.None);
        Device("CNTPCT_EL0", E(3, 3, 14, 0, 1), minEl: 0, gate: El0Gate.PhysicalCount, traps: PhysicalCounter, readOnly: true);
        Device("CNTVCT_EL0", E(3, 3, 14, 0, 2), minEl: 0, gate: El0Gate.VirtualCount, readOnly: true);
        Device("CNTP_TVAL_EL0", E(3, 3, 14, 2, 0), minEl: 0, gate: El0Gate.PhysicalTimer, traps: PhysicalTimer, vhe: "CNTHP_TVAL_EL2");
        Device("CNTP_CTL_EL0", E(3, 3, 14, 2, 1), minEl: 0, gate: El0Gate.PhysicalTimer, traps: PhysicalTimer, vhe: "CNTHP_CTL_EL2");
        Device("CNTP_CVAL_EL0", E(3, 3, 14, 2, 2), minEl: 0, gate: El0Gate.PhysicalTimer, traps: PhysicalTimer, vhe: "CNTHP_CVAL_EL2");
        Device("CNTV_TVAL_EL0", E(3, 3, 14, 3, 0), minEl: 0, gate: El0Gate.VirtualTimer, vhe: "CNTHV_TVAL_EL2");
        Device("CNTV_CTL_EL0", E(3, 3, 14, 3, 1), minEl: 0, gate: El0Gate.VirtualTimer, vhe: "CNTHV_CTL_EL2");
        Device("CNTV_CVAL_EL0", E(3, 3, 14, 3, 2), minEl: 0, gate: El0Gate.VirtualTimer, vhe: "CNTHV_CVAL_EL2");
    }

    static void AddIdRegisters()
    {
        Special("MIDR_EL1", E(3, 0, 0, 0, 0), c => c.ReadMidr(), null);
        Special("MPIDR_EL1", E(3, 0, 0, 0, 5), c => c.ReadMpidr(), null);
        Special("REVIDR_EL1", E(3, 0, 0, 0, 6), _ => 0, null, traps: Id1);
        Special("AIDR_EL1", E(3, 1, 0, 0, 7), _ => 0, null, traps: Id1);
        Special("CLIDR_EL1", E(3, 1, 0, 0, 1), c => c.Config.Clidr, null, traps: Id2);
        Special("CCSIDR_EL1", E(3, 1, 0, 0, 0), c => c.Config.Ccsidr(c.State.SysRegs[Named("CSSELR_EL1").Slot]), null, traps: Id2);
        // Group 3 (CRn=0, CRm=1..7): the AArch32 and AArch64 feature registers; unassigned ones read as zero.
        for (uint crm = 1; crm <= 7; crm++)
            for (uint op2 = 0; op2 <= 7; op2++)
            {
                uint enc = E(3, 0, 0, crm, op2);
                Special(IdName(crm, op2), enc, c => c.Config.IdRegister(enc), null, traps: Id3);
            }
    }

    static string IdName(uint crm, uint op2) => (crm, op2) switch
    {
        (4, 0) => "ID_AA64PFR0_EL1", (4, 1) => "ID_AA64PFR1_EL1", (4, 4) => "ID_AA64ZFR0_EL1", (4, 5) => "ID_AA64SMFR0_EL1",
        (5, 0) => "ID_AA64DFR0_EL1", (5, 1) => "ID_AA64DFR1_EL1", (5, 4) => "ID_AA64AFR0_EL1", (5, 5) => "ID_AA64AFR1_EL1",
        (6, 0) => "ID_AA64ISAR0_EL1", (6, 1) => "ID_AA64ISAR1_EL1", (6, 2) => "ID_AA64ISAR2_EL1",
        (7, 0) => "ID_AA64MMFR0_EL1", (7, 1) => "ID_AA64MMFR1_EL1", (7, 2) => "ID_AA64MMFR2_EL1",
        _ => $"S3_0_C0_C{crm}_{op2}",
    };

    static void AddDebugRegisters()
    {
        // Self-hosted debug, present as storage so the kernel's resets and saves work; no debug events are raised.
        Stored("MDSCR_EL1", E(2, 0, 0, 2, 2));
        Stored("MDCCINT_EL1", E(2, 0, 0, 2, 0));
        Special("MDRAR_EL1", E(2, 0, 1, 0, 0), _ => 0, null);
        Special("OSLAR_EL1", E(2, 0, 1, 0, 4), null, (c, v) => c.OsLock = (v & 1) != 0);
        // OSLSR_EL1: OSLM = 0b10 (the OS lock is implemented), OSLK in bit 1.
        Special("OSLSR_EL1", E(2, 0, 1, 1, 4), c => 0x8 | (c.OsLock ? 2UL : 0), null);
        Stored("OSDLR_EL1", E(2, 0, 1, 3, 4), writeMask: 1);
        // Two breakpoints and two watchpoints (ID_AA64DFR0_EL1.BRPs = WRPs = 1).
        for (uint n = 0; n < 2; n++)
        {
            Stored($"DBGBVR{n}_EL1", E(2, 0, 0, n, 4));
            Stored($"DBGBCR{n}_EL1", E(2, 0, 0, n, 5));
            Stored($"DBGWVR{n}_EL1", E(2, 0, 0, n, 6));
            Stored($"DBGWCR{n}_EL1", E(2, 0, 0, n, 7));
        }
        Stored("DBGCLAIMSET_EL1", E(2, 0, 7, 8, 6));
        Stored("DBGCLAIMCLR_EL1", E(2, 0, 7, 9, 6));
    }
}
