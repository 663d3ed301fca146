namespace A64Jit.Hypervisor.Mmu;

/// <summary>HPFAR_EL2: the faulting IPA page of a stage-2 fault.</summary>
public static class Hpfar
{
    /// <summary>
    /// FIPA (bits [43:4]) = IPA[51:12] of <paramref name="fault"/>; 0 for a fault that is not at stage 2.
    /// For an S1PTW fault the IPA is that of the stage-1 descriptor.
    /// </summary>
    public static ulong FromFault(in TranslationFault fault) =>
        fault.Stage2 ? ((fault.Ipa >> 12) & AddressSize.Bits(39, 0)) << 4 : 0;
}
