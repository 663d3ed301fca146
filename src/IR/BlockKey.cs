namespace A64Jit.IR;

/// <summary>
/// What identifies a translated block: its guest (virtual) start address, the physical address its code
/// was fetched from, and the translation key it was compiled under (architecture decision 2). In user mode
/// the physical address is the virtual one and the key is 0. A block is reused only when all three match,
/// so a remapped page or a different exception level never runs another context's translation.
/// </summary>
public readonly record struct BlockKey(ulong Pc, ulong PhysicalPc, uint Translation)
{
    /// <summary>The user-mode key of <paramref name="pc"/>: flat memory, one translation context.</summary>
    public static BlockKey Flat(ulong pc) => new(pc, pc, 0);

    /// <summary>The physical page the block's first instruction lies in (invalidation is by physical page).</summary>
    public ulong PhysicalPage => PhysicalPc >> 12;

    public override string ToString() => PhysicalPc == Pc && Translation == 0 ? $"0x{Pc:x}" : $"0x{Pc:x} (pa 0x{PhysicalPc:x}, key {Translation})";
}
