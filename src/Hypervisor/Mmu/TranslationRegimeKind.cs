namespace A64Jit.Hypervisor.Mmu;

/// <summary>The three stage-1 translation regimes a non-secure AArch64 CPU with EL2 has (el2.md 6.1).</summary>
public enum TranslationRegimeKind : byte
{
    /// <summary>EL1&amp;0: TTBR0/TTBR1_EL1 and TCR_EL1, two VA ranges, ASIDs, may have a stage 2.</summary>
    El10,
    /// <summary>EL2&amp;0 (HCR_EL2.E2H=1): TTBR0/TTBR1_EL2 with TCR_EL2 in the TCR_EL1 layout, two VA ranges, ASIDs.</summary>
    El20,
    /// <summary>EL2 (HCR_EL2.E2H=0): TTBR0_EL2 only, TCR_EL2 in its own layout, one VA range, no EL0, no ASID.</summary>
    El2,
}
