namespace A64Jit.Hypervisor.Mmu;

/// <summary>Physical address sizes: the implemented one and those TCR.IPS / TCR_EL2.PS / VTCR_EL2.PS select.</summary>
public static class AddressSize
{
    /// <summary>PA bits of our CPU: ID_AA64MMFR0_EL1.PARange = 0b0101.</summary>
    public const int ImplementedPaBits = 48;

    /// <summary>
    /// The effective output size for a {I}PS field value: 32, 36, 40, 42, 44, 48 (or 52) bits, never more than
    /// <see cref="ImplementedPaBits"/>. A value above PARange (including the reserved 0b111) behaves as PARange.
    /// </summary>
    public static int FromPs(uint ps)
    {
        int bits = ps switch
        {
            0 => 32,
            1 => 36,
            2 => 40,
            3 => 42,
            4 => 44,
            _ => 48,
        };
        return Math.Min(bits, ImplementedPaBits);
    }

    /// <summary>A mask of bits [hi:lo].</summary>
    internal static ulong Bits(int hi, int lo) => (ulong.MaxValue >> (63 - hi)) & (ulong.MaxValue << lo);
}
