using A64Jit.IR;

namespace A64Jit.Runtime.Linux;

/// <summary>
/// The AArch64 ID registers as this CPU advertises them. They, AT_HWCAP and AT_HWCAP2 must list
/// exactly what is implemented; features are added here as their instructions are lifted.
/// </summary>
public sealed class IdRegisters
{
    /// <summary>MIDR_EL1: implementer 0 ("reserved for software use"), architecture 0xF, part 0.</summary>
    public ulong Midr { get; init; } = 0x000F_0000;
    public ulong IdAa64Isar0 { get; init; }
    public ulong IdAa64Isar1 { get; init; }
    public ulong IdAa64Pfr0 { get; init; } = 0x0000_0000_0000_0011; // EL0 and EL1 in AArch64 only; FP and AdvSIMD implemented (0)
    public ulong IdAa64Mmfr0 { get; init; }

    public static IdRegisters Default { get; } = new();

    public ulong Read(uint encoding)
    {
        var (_, _, _, crm, op2) = SysRegEncoding.Unpack(encoding);
        return (crm, op2) switch
        {
            (0, 0) => Midr,
            (0, 5) => 0x8000_0000, // MPIDR_EL1: RES1 bit 31, uniprocessor affinity 0
            (4, 0) => IdAa64Pfr0,
            (6, 0) => IdAa64Isar0,
            (6, 1) => IdAa64Isar1,
            (7, 0) => IdAa64Mmfr0,
            _ => 0, // the rest of the ID space reads as zero (RAZ) at EL0 under Linux
        };
    }
}
