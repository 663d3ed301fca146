namespace A64Jit.Hypervisor.Mmu;

/// <summary>
/// Translation granule arithmetic. A granule is named by its page shift (12, 14 or 16); each table level resolves
/// <c>shift − 3</c> address bits, and level 3 maps one page.
/// </summary>
internal static class Granule
{
    /// <summary>Page shift for a TCR.TG0 or VTCR_EL2.TG0 value: 00 = 4 KiB, 01 = 64 KiB, 10 = 16 KiB.</summary>
    /// <remarks>The reserved value 11 is an IMPLEMENTATION DEFINED choice among the implemented sizes; we pick 4 KiB.</remarks>
    internal static int FromTg0(uint tg0) => tg0 switch
    {
        1 => 16,
        2 => 14,
        _ => 12,
    };

    /// <summary>Page shift for a TCR.TG1 value: 01 = 16 KiB, 10 = 4 KiB, 11 = 64 KiB (a different code from TG0).</summary>
    /// <remarks>The reserved value 00 is an IMPLEMENTATION DEFINED choice; we pick 4 KiB.</remarks>
    internal static int FromTg1(uint tg1) => tg1 switch
    {
        1 => 14,
        3 => 16,
        _ => 12,
    };

    /// <summary>Bits of input address resolved by each table level.</summary>
    internal static int Stride(int granuleShift) => granuleShift - 3;

    /// <summary>log2 of the region one entry at <paramref name="level"/> covers (a block or page size).</summary>
    internal static int LevelShift(int granuleShift, int level) => granuleShift + (3 - level) * Stride(granuleShift);

    /// <summary>
    /// The level a stage-1 walk starts at for an input of <paramref name="inputBits"/> bits
    /// (Arm ARM AArch64.S1StartLevel): the fewest levels whose strides cover the bits above the page offset.
    /// </summary>
    internal static int Stage1StartLevel(int granuleShift, int inputBits) =>
        3 - (inputBits - 1 - granuleShift) / Stride(granuleShift);

    /// <summary>
    /// Whether a block descriptor is legal at <paramref name="level"/> with a 48-bit output address: levels 1 and 2
    /// for 4 KiB, level 2 only for 16 KiB and 64 KiB (their level-1 blocks need 52-bit addresses).
    /// </summary>
    internal static bool BlockAllowed(int granuleShift, int level) =>
        granuleShift == 12 ? level is 1 or 2 : level == 2;
}
