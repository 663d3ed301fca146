using A64Jit.IR;
using A64Jit.Runtime.Linux;

namespace A64Jit.Runtime.Machine;

/// <summary>
/// The ID registers of the full-system CPU: the user-level features of <see cref="IdRegisters"/> (the one
/// place that lists what is implemented) plus the system ones: EL0/EL1 (and EL2) in AArch64 only, the GICv3
/// system-register interface, 48-bit PAs with 16-bit ASIDs and all three granules, PAN with AT S1E1RP
/// (PAN2), VHE and 16-bit VMIDs when EL2 exists, UAO; no PMU, SVE, MTE, PAuth, RAS, AMU or SPE.
/// </summary>
public static class SystemIdRegisters
{
    public static Func<uint, ulong> For(bool el2)
    {
        var user = IdRegisters.Default;
        ulong pfr0 = user.IdAa64Pfr0 | IdRegisters.Field(8, el2 ? 1UL : 0) | IdRegisters.Field(24, 1);
        // MMFR0: PARange 48 bits (5), ASIDBits 16 (2), TGran16 supported (1), TGran64 (0) and TGran4 (0) supported.
        ulong mmfr0 = IdRegisters.Field(0, 5) | IdRegisters.Field(4, 2) | IdRegisters.Field(20, 1);
        // MMFR1: VMIDBits 16 (2), VH, PAN2 (AT S1E1RP/WP).
        ulong mmfr1 = IdRegisters.Field(20, 2) | (el2 ? IdRegisters.Field(4, 2) | IdRegisters.Field(8, 1) : 0);
        // MMFR2: UAO.
        ulong mmfr2 = IdRegisters.Field(4, 1);
        // DFR0: Armv8.0 debug (6), 2 breakpoints and 2 watchpoints (BRPs = WRPs = 1), no PMU.
        ulong dfr0 = IdRegisters.Field(0, 6) | IdRegisters.Field(12, 1) | IdRegisters.Field(20, 1);
        return encoding =>
        {
            var (_, _, _, crm, op2) = SysRegEncoding.Unpack(encoding);
            return (crm, op2) switch
            {
                (4, 0) => pfr0,
                (4, 1) => user.IdAa64Pfr1,
                (5, 0) => dfr0,
                (6, 0) => user.IdAa64Isar0,
                (6, 1) => user.IdAa64Isar1,
                (6, 2) => user.IdAa64Isar2,
                (7, 0) => mmfr0,
                (7, 1) => mmfr1,
                (7, 2) => mmfr2,
                _ => 0,
            };
        };
    }
}
