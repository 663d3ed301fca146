namespace A64Jit.Hypervisor.Mmu;

/// <summary>
/// Why a translation failed, in the terms an abort syndrome (ESR, HPFAR) or PAR_EL1 needs.
/// </summary>
/// <param name="Kind">The fault group.</param>
/// <param name="Level">The lookup level, −1..3, as the Arm ARM numbers it. For a stage-2 fault it is the stage-2 level,
/// also when that fault happened while fetching a stage-1 descriptor.</param>
/// <param name="Stage2">The fault happened at stage 2 (PAR_EL1.S).</param>
/// <param name="S1Ptw">A stage-2 fault taken while reading a stage-1 descriptor (ESR.S1PTW, PAR_EL1.PTW).</param>
/// <param name="Ipa">For a stage-2 fault, the IPA that stage 2 could not translate: the stage-1 descriptor's address
/// when <paramref name="S1Ptw"/> is set, the access's IPA otherwise. HPFAR_EL2 is formed from it.</param>
public readonly record struct TranslationFault(FaultKind Kind, int Level, bool Stage2 = false, bool S1Ptw = false, ulong Ipa = 0)
{
    /// <summary>No fault.</summary>
    public static TranslationFault None => default;

    /// <summary>True for every kind but <see cref="FaultKind.None"/>.</summary>
    public bool IsFault => Kind != FaultKind.None;
}
