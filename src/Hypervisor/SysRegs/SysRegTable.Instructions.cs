using A64Jit.Hypervisor.Cpu;

namespace A64Jit.Hypervisor.SysRegs;

// System instructions (op0=1, el2.md 1.9): AT, TLBI, and the cache maintenance that reaches the slow
// path (DC ZVA and the by-address forms have their own IR operations).
public static partial class SysRegTable
{
    static void AddInstructions()
    {
        // AT: the result goes to PAR_EL1 (the walker answers through the CPU's hooks).
        (string Name, uint Op1, uint Crm, uint Op2, AtOperation Op)[] at =
        [
            ("AT_S1E1R", 0, 8, 0, AtOperation.S1E1R), ("AT_S1E1W", 0, 8, 1, AtOperation.S1E1W),
            ("AT_S1E0R", 0, 8, 2, AtOperation.S1E0R), ("AT_S1E0W", 0, 8, 3, AtOperation.S1E0W),
            ("AT_S1E1RP", 0, 9, 0, AtOperation.S1E1RP), ("AT_S1E1WP", 0, 9, 1, AtOperation.S1E1WP),
            ("AT_S1E2R", 4, 8, 0, AtOperation.S1E2R), ("AT_S1E2W", 4, 8, 1, AtOperation.S1E2W),
            ("AT_S12E1R", 4, 8, 4, AtOperation.S12E1R), ("AT_S12E1W", 4, 8, 5, AtOperation.S12E1W),
            ("AT_S12E0R", 4, 8, 6, AtOperation.S12E0R), ("AT_S12E0W", 4, 8, 7, AtOperation.S12E0W),
        ];
        foreach (var (name, op1, crm, op2, op) in at)
            Special(name, E(1, op1, 7, crm, op2), null, (c, va) => c.AddressTranslate(op, va), minEl: op1 == 4 ? 2 : 1,
                traps: op1 == 0 ? SysRegTraps.AddressTranslation : SysRegTraps.None);

        // TLBI: by-address forms drop that page, the others everything (over-invalidation is always permitted).
        // EL1 forms: CRm 3 (Inner Shareable) and 7 (local; FEAT_TLBIOS is not implemented); EL2 forms with op1=4.
        foreach (uint crm in new uint[] { 3, 7 })
        {
            foreach (var (op2, name) in new[] { (0u, "VMALLE1"), (1u, "VAE1"), (2u, "ASIDE1"), (3u, "VAAE1"), (5u, "VALE1"), (7u, "VAALE1") })
                Special($"TLBI_{name}{TlbiSuffix(crm)}", E(1, 0, 8, crm, op2), null, ByAddress(op2 is 1 or 3 or 5 or 7), traps: SysRegTraps.Tlb,
                    effects: SysRegEffects.Maintenance);
            foreach (var (op2, name) in new[] { (0u, "ALLE2"), (1u, "VAE2"), (4u, "ALLE1"), (5u, "VALE2"), (6u, "VMALLS12E1") })
                Special($"TLBI_{name}{TlbiSuffix(crm)}", E(1, 4, 8, crm, op2), null, ByAddress(op2 is 1 or 5), minEl: 2, effects: SysRegEffects.Maintenance);
        }
        foreach (var (crm, suffix) in new[] { (0u, "IS"), (4u, "") })
        {
            Special($"TLBI_IPAS2E1{suffix}", E(1, 4, 8, crm, 1), null, (c, v) => c.TlbInvalidate(), minEl: 2, effects: SysRegEffects.Maintenance);
            Special($"TLBI_IPAS2LE1{suffix}", E(1, 4, 8, crm, 5), null, (c, v) => c.TlbInvalidate(), minEl: 2, effects: SysRegEffects.Maintenance);
        }

        // Cache maintenance the lifter sends here: by set/way (no caches are modelled, so nothing to do beyond
        // the trap checks), DC IVAC (an EL1 invalidate by address: memory is always coherent), IC IALLU(IS).
        Special("DC_ISW", E(1, 0, 7, 6, 2), null, (_, _) => { }, traps: SysRegTraps.SetWay);
        Special("DC_CSW", E(1, 0, 7, 10, 2), null, (_, _) => { }, traps: SysRegTraps.SetWay);
        Special("DC_CISW", E(1, 0, 7, 14, 2), null, (_, _) => { }, traps: SysRegTraps.SetWay);
        Special("DC_IVAC", E(1, 0, 7, 6, 1), null, (c, va) => c.CheckDataAddress(va), traps: SysRegTraps.PointOfCoherency);
        Special("IC_IALLUIS", E(1, 0, 7, 1, 0), null, (_, _) => { }, traps: SysRegTraps.PointOfUnification);
        Special("IC_IALLU", E(1, 0, 7, 5, 0), null, (_, _) => { }, traps: SysRegTraps.PointOfUnification);

        // DC ZVA and the by-address maintenance EL0 may use have IR operations of their own, which perform
        // them; these lines give their EL0 gates and EL2 traps (SystemCpu.CheckSystemInstruction).
        Special("DC_ZVA", E(1, 3, 7, 4, 1), null, (_, _) => { }, minEl: 0, traps: SysRegTraps.ZeroBlock, gate: El0Gate.Dze);
        foreach (var (name, crm, traps) in new[]
        {
            ("DC_CVAC", 10u, SysRegTraps.PointOfCoherency), ("DC_CVAU", 11u, SysRegTraps.PointOfUnification),
            ("DC_CVAP", 12u, SysRegTraps.PointOfCoherency), ("DC_CIVAC", 14u, SysRegTraps.PointOfCoherency),
            ("IC_IVAU", 5u, SysRegTraps.PointOfUnification),
        })
            Special(name, E(1, 3, 7, crm, 1), null, (c, va) => c.CheckDataAddress(va), minEl: 0, traps: traps, gate: El0Gate.Uci);
    }

    static string TlbiSuffix(uint crm) => crm switch { 3 => "IS", 1 => "OS", _ => "" };

    /// <summary>A TLBI by VA drops that page's translations (for every ASID: over-invalidation is permitted); the others drop all.</summary>
    static Action<SystemCpu, ulong> ByAddress(bool byVa) =>
        byVa ? (c, v) => c.TlbInvalidatePage(SystemCpu.TlbiAddress(v)) : (c, _) => c.TlbInvalidate();
}
