namespace A64Jit.Hypervisor.Mmu;

/// <summary>PAR_EL1 as an AT instruction writes it (el2.md 6.3).</summary>
public static class Par
{
    const ulong F = 1, Ptw = 1UL << 8, S = 1UL << 9, Ns = 1UL << 9, Res1 = 1UL << 11;

    /// <summary>
    /// The PAR_EL1 value for an AT result. Success: ATTR in [63:56], PA[47:12], SH in [8:7], NS (bit 9, set: every
    /// output here is Non-secure, as QEMU reports it) and bit 11 (RES1). Fault: F=1, FST in [6:1], PTW (bit 8) for
    /// a stage-2 fault on a stage-1 walk, S (bit 9) for a stage-2 fault, and bit 11.
    /// </summary>
    public static ulong FromResult(in TranslationResult result)
    {
        if (!result.Success)
        {
            var fault = result.Fault;
            return Res1 | (fault.Stage2 ? S : 0) | (fault.S1Ptw ? Ptw : 0) | ((ulong)FaultStatus.Code(fault) << 1) | F;
        }
        return ((ulong)result.Attributes << 56)
            | (result.PhysicalAddress & AddressSize.Bits(47, 12))
            | Res1 | Ns
            | ((ulong)(result.Shareability & 3) << 7);
    }
}
