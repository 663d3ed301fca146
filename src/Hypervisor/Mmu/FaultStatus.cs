namespace A64Jit.Hypervisor.Mmu;

/// <summary>The 6-bit fault status code of a translation fault: ESR_ELx.ISS.DFSC/IFSC and PAR_EL1.FST (el2.md 6.7).</summary>
public static class FaultStatus
{
    /// <summary>The status code for <paramref name="fault"/>; 0 for <see cref="FaultKind.None"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A level the fault kind cannot have.</exception>
    public static byte Code(in TranslationFault fault)
    {
        int level = fault.Level;
        return fault.Kind switch
        {
            FaultKind.None => 0,
            // Level -1 only exists with 52-bit (LPA2) tables; its codes sit apart from the 0..3 group.
            FaultKind.AddressSize => level == -1 ? (byte)0x29 : Group(0x00, level),
            FaultKind.Translation => level == -1 ? (byte)0x2B : Group(0x04, level),
            FaultKind.AccessFlag => Group(0x08, level),
            FaultKind.Permission => Group(0x0C, level),
            FaultKind.SynchronousExternalOnWalk => level == -1 ? (byte)0x13 : Group(0x14, level),
            _ => throw new ArgumentOutOfRangeException(nameof(fault), fault.Kind, "unknown fault kind"),
        };
    }

    static byte Group(int first, int level) =>
        level is >= 0 and <= 3
            ? (byte)(first + level)
            : throw new ArgumentOutOfRangeException(nameof(level), level, "translation levels are -1..3");
}
