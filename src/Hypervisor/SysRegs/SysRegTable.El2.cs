using A64Jit.Hypervisor.Cpu;

namespace A64Jit.Hypervisor.SysRegs;

// EL2 registers (el2.md 1.6) and the _EL12/_EL02 aliases (1.7).
public static partial class SysRegTable
{
    static void AddEl2Registers()
    {
        const SysRegEffects both = SysRegEffects.Translation | SysRegEffects.Interrupts;
        Special("VPIDR_EL2", E(3, 4, 0, 0, 0), c => c.Vpidr, (c, v) => c.Vpidr = v, minEl: 2);
        Special("VMPIDR_EL2", E(3, 4, 0, 0, 5), c => c.Vmpidr, (c, v) => c.Vmpidr = v, minEl: 2);
        // SCTLR_EL2 RES1 bits of the E2H=0 layout (29, 28, 23, 22, 18, 16, 11, 5, 4), MMU off.
        Stored("SCTLR_EL2", E(3, 4, 1, 0, 0), minEl: 2, reset: 0x30C5_0830, effects: Translation);
        Stored("ACTLR_EL2", E(3, 4, 1, 0, 1), minEl: 2);
        Stored("HCR_EL2", E(3, 4, 1, 1, 0), minEl: 2, effects: both);
        Stored("MDCR_EL2", E(3, 4, 1, 1, 1), minEl: 2);
        Stored("CPTR_EL2", E(3, 4, 1, 1, 2), minEl: 2);
        Stored("HSTR_EL2", E(3, 4, 1, 1, 3), minEl: 2);
        Stored("HACR_EL2", E(3, 4, 1, 1, 7), minEl: 2);
        Stored("TTBR0_EL2", E(3, 4, 2, 0, 0), minEl: 2, effects: Translation);
        Stored("TTBR1_EL2", E(3, 4, 2, 0, 1), minEl: 2, effects: Translation);
        Stored("TCR_EL2", E(3, 4, 2, 0, 2), minEl: 2, effects: Translation);
        Stored("VTTBR_EL2", E(3, 4, 2, 1, 0), minEl: 2, effects: Translation);
        Stored("VTCR_EL2", E(3, 4, 2, 1, 2), minEl: 2, effects: Translation);
        Stored("SPSR_EL2", E(3, 4, 4, 0, 0), minEl: 2);
        Stored("ELR_EL2", E(3, 4, 4, 0, 1), minEl: 2);
        Stored("SP_EL1", E(3, 4, 4, 1, 0), minEl: 2);
        Stored("SP_EL2", E(3, 6, 4, 1, 0), minEl: 3);
        Stored("AFSR0_EL2", E(3, 4, 5, 1, 0), minEl: 2);
        Stored("AFSR1_EL2", E(3, 4, 5, 1, 1), minEl: 2);
        Stored("ESR_EL2", E(3, 4, 5, 2, 0), minEl: 2);
        Stored("FAR_EL2", E(3, 4, 6, 0, 0), minEl: 2);
        Stored("HPFAR_EL2", E(3, 4, 6, 0, 4), minEl: 2);
        Stored("MAIR_EL2", E(3, 4, 10, 2, 0), minEl: 2, effects: Translation);
        Stored("AMAIR_EL2", E(3, 4, 10, 3, 0), minEl: 2);
        Stored("VBAR_EL2", E(3, 4, 12, 0, 0), minEl: 2, writeMask: ~0x7FFUL);
        Stored("CONTEXTIDR_EL2", E(3, 4, 13, 0, 1), minEl: 2);
        Stored("TPIDR_EL2", E(3, 4, 13, 0, 2), minEl: 2);
        Device("CNTVOFF_EL2", E(3, 4, 14, 0, 3), minEl: 2);
        Device("CNTHCTL_EL2", E(3, 4, 14, 1, 0), minEl: 2);
        Device("CNTHP_TVAL_EL2", E(3, 4, 14, 2, 0), minEl: 2);
        Device("CNTHP_CTL_EL2", E(3, 4, 14, 2, 1), minEl: 2);
        Device("CNTHP_CVAL_EL2", E(3, 4, 14, 2, 2), minEl: 2);
        Device("CNTHV_TVAL_EL2", E(3, 4, 14, 3, 0), minEl: 2);
        Device("CNTHV_CTL_EL2", E(3, 4, 14, 3, 1), minEl: 2);
        Device("CNTHV_CVAL_EL2", E(3, 4, 14, 3, 2), minEl: 2);
    }

    static void AddAliases()
    {
        string[] el1 = ["SCTLR", "CPACR", "TTBR0", "TTBR1", "TCR", "SPSR", "ELR", "AFSR0", "AFSR1", "ESR", "FAR", "MAIR", "AMAIR",
            "VBAR", "CONTEXTIDR", "CNTKCTL"];
        foreach (var name in el1)
        {
            var target = Named(name + "_EL1");
            var (op0, _, crn, crm, op2) = IR.SysRegEncoding.Unpack(target.Encoding);
            Alias(name + "_EL12", E(op0, 5, crn, crm, op2), target.Name);
        }
        foreach (var timer in new[] { "CNTP", "CNTV" })
            foreach (var reg in new[] { "TVAL", "CTL", "CVAL" })
            {
                var target = Named($"{timer}_{reg}_EL0");
                var (op0, _, crn, crm, op2) = IR.SysRegEncoding.Unpack(target.Encoding);
                Alias($"{timer}_{reg}_EL02", E(op0, 5, crn, crm, op2), target.Name);
            }
    }

    static void AddGicRegisters()
    {
        // The GICv3 CPU interface (el2.md 1.8); the SGI generation registers trap to EL2 under IMO/FMO.
        Device("ICC_PMR_EL1", E(3, 0, 4, 6, 0));
        Device("ICC_IAR0_EL1", E(3, 0, 12, 8, 0), readOnly: true);
        Device("ICC_EOIR0_EL1", E(3, 0, 12, 8, 1), writeOnly: true);
        Device("ICC_HPPIR0_EL1", E(3, 0, 12, 8, 2), readOnly: true);
        Device("ICC_BPR0_EL1", E(3, 0, 12, 8, 3));
        for (uint n = 0; n < 4; n++)
        {
            Device($"ICC_AP0R{n}_EL1", E(3, 0, 12, 8, 4 + n));
            Device($"ICC_AP1R{n}_EL1", E(3, 0, 12, 9, n));
        }
        Device("ICC_DIR_EL1", E(3, 0, 12, 11, 1), writeOnly: true);
        Device("ICC_RPR_EL1", E(3, 0, 12, 11, 3), readOnly: true);
        Device("ICC_SGI1R_EL1", E(3, 0, 12, 11, 5), writeOnly: true, traps: SysRegTraps.InterruptRouting);
        Device("ICC_ASGI1R_EL1", E(3, 0, 12, 11, 6), writeOnly: true, traps: SysRegTraps.InterruptRouting);
        Device("ICC_SGI0R_EL1", E(3, 0, 12, 11, 7), writeOnly: true, traps: SysRegTraps.InterruptRouting);
        Device("ICC_IAR1_EL1", E(3, 0, 12, 12, 0), readOnly: true);
        Device("ICC_EOIR1_EL1", E(3, 0, 12, 12, 1), writeOnly: true);
        Device("ICC_HPPIR1_EL1", E(3, 0, 12, 12, 2), readOnly: true);
        Device("ICC_BPR1_EL1", E(3, 0, 12, 12, 3));
        Device("ICC_CTLR_EL1", E(3, 0, 12, 12, 4));
        Device("ICC_SRE_EL1", E(3, 0, 12, 12, 5));
        Device("ICC_IGRPEN0_EL1", E(3, 0, 12, 12, 6));
        Device("ICC_IGRPEN1_EL1", E(3, 0, 12, 12, 7));
        Device("ICC_SRE_EL2", E(3, 4, 12, 9, 5), minEl: 2);
        AddGicVirtualization();
    }

    /// <summary>
    /// The GICv3 virtualization controls (ICH_*_EL2) a hypervisor programs: four list registers, five bits of
    /// priority. They are held as registers here; the virtual CPU interface that acts on them (virtual
    /// interrupts delivered to EL1) is not modelled yet, so the list registers stay empty (ELRSR all ones).
    /// </summary>
    static void AddGicVirtualization()
    {
        for (uint n = 0; n < 4; n++)
        {
            Stored($"ICH_AP0R{n}_EL2", E(3, 4, 12, 8, n), minEl: 2);
            Stored($"ICH_AP1R{n}_EL2", E(3, 4, 12, 9, n), minEl: 2);
            Stored($"ICH_LR{n}_EL2", E(3, 4, 12, 12, n), minEl: 2);
        }
        Stored("ICH_HCR_EL2", E(3, 4, 12, 11, 0), minEl: 2);
        Stored("ICH_VMCR_EL2", E(3, 4, 12, 11, 7), minEl: 2);
        // ICH_VTR_EL2: PRIbits = PREbits = 4 (five bits), A3V, ListRegs = 3 (four list registers).
        Fixed("ICH_VTR_EL2", E(3, 4, 12, 11, 1), (4UL << 29) | (4UL << 26) | (1UL << 21) | 3, minEl: 2);
        Fixed("ICH_MISR_EL2", E(3, 4, 12, 11, 2), 0, minEl: 2);
        Fixed("ICH_EISR_EL2", E(3, 4, 12, 11, 3), 0, minEl: 2);
        Fixed("ICH_ELRSR_EL2", E(3, 4, 12, 11, 5), 0xF, minEl: 2);
    }
}
