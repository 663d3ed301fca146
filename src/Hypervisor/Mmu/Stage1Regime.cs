namespace A64Jit.Hypervisor.Mmu;

/// <summary>
/// The registers of one stage-1 translation regime, gathered by the caller. Build it with <see cref="El10"/>,
/// <see cref="El20"/> or <see cref="El2"/>; each knows its TCR layout.
/// </summary>
/// <remarks>
/// Stage 1 also behaves as disabled for EL1&amp;0 when HCR_EL2.{E2H,TGE} = {0,1}; the caller expresses that by
/// passing SCTLR_EL1 with M clear. HCR_EL2.DC is expressed with <see cref="DefaultCacheable"/>.
/// </remarks>
public readonly record struct Stage1Regime
{
    /// <summary>Which regime these registers describe.</summary>
    public TranslationRegimeKind Kind { get; init; }

    /// <summary>SCTLR_EL1 or SCTLR_EL2: M (bit 0), I (bit 12) and WXN (bit 19) are used.</summary>
    public ulong Sctlr { get; init; }

    /// <summary>TCR_EL1, or TCR_EL2 (in the EL1 layout when E2H=1, in its own layout when E2H=0).</summary>
    public ulong Tcr { get; init; }

    /// <summary>TTBR0_EL1 or TTBR0_EL2.</summary>
    public ulong Ttbr0 { get; init; }

    /// <summary>TTBR1_EL1 or TTBR1_EL2; unused by the EL2 regime.</summary>
    public ulong Ttbr1 { get; init; }

    /// <summary>MAIR_EL1 or MAIR_EL2.</summary>
    public ulong Mair { get; init; }

    /// <summary>
    /// HCR_EL2.DC for the EL1&amp;0 regime: stage 1 behaves as disabled and its output is Normal Write-Back memory.
    /// </summary>
    public bool DefaultCacheable { get; init; }

    /// <summary>The EL1&amp;0 regime (TCR_EL1 layout, two VA ranges, ASIDs).</summary>
    public static Stage1Regime El10(ulong sctlr, ulong tcr, ulong ttbr0, ulong ttbr1, ulong mair) =>
        new() { Kind = TranslationRegimeKind.El10, Sctlr = sctlr, Tcr = tcr, Ttbr0 = ttbr0, Ttbr1 = ttbr1, Mair = mair };

    /// <summary>The EL2&amp;0 regime with HCR_EL2.E2H=1 (TCR_EL2 in the TCR_EL1 layout, two VA ranges, ASIDs).</summary>
    public static Stage1Regime El20(ulong sctlr, ulong tcr, ulong ttbr0, ulong ttbr1, ulong mair) =>
        new() { Kind = TranslationRegimeKind.El20, Sctlr = sctlr, Tcr = tcr, Ttbr0 = ttbr0, Ttbr1 = ttbr1, Mair = mair };

    /// <summary>The EL2 regime with HCR_EL2.E2H=0 (TCR_EL2 in its own layout, one VA range, no ASID, no EL0).</summary>
    public static Stage1Regime El2(ulong sctlr, ulong tcr, ulong ttbr0, ulong mair) =>
        new() { Kind = TranslationRegimeKind.El2, Sctlr = sctlr, Tcr = tcr, Ttbr0 = ttbr0, Mair = mair };

    /// <summary>SCTLR.M, unless HCR_EL2.DC turns stage 1 off.</summary>
    public bool MmuEnabled => (Sctlr & 1) != 0 && !DefaultCacheable;

    /// <summary>True for EL1&amp;0 and EL2&amp;0: VA[55] selects TTBR0 or TTBR1, and EL0 has its own permissions.</summary>
    public bool HasTwoRanges => Kind != TranslationRegimeKind.El2;

    /// <summary>SCTLR.WXN: writable memory is execute-never.</summary>
    public bool Wxn => ((Sctlr >> 19) & 1) != 0;

    /// <summary>SCTLR.I: instruction fetches with stage 1 off are cacheable.</summary>
    public bool InstructionCacheEnabled => ((Sctlr >> 12) & 1) != 0;

    /// <summary>
    /// The ASID non-global entries are tagged with: from TTBR1 when TCR.A1 (bit 22) is set, else TTBR0; 16 bits when
    /// TCR.AS (bit 36) is set, else 8. Zero in the EL2 regime, which has no ASID.
    /// </summary>
    public ushort Asid
    {
        get
        {
            if (!HasTwoRanges)
                return 0;
            ulong ttbr = ((Tcr >> 22) & 1) != 0 ? Ttbr1 : Ttbr0;
            ulong asid = ttbr >> 48;
            return (ushort)(((Tcr >> 36) & 1) != 0 ? asid : asid & 0xFF);
        }
    }

    /// <summary>The output (IPA or PA) size TCR.IPS (EL1 layout) or TCR_EL2.PS selects, bounded by PARange.</summary>
    public int OutputBits => AddressSize.FromPs(HasTwoRanges ? (uint)(Tcr >> 32) & 7 : (uint)(Tcr >> 16) & 7);

    /// <summary>The walk parameters for the VA range that VA[55] selects (always TTBR0 in the EL2 regime).</summary>
    internal VaRange RangeFor(ulong va)
    {
        if (!HasTwoRanges)
        {
            return new VaRange(
                Upper: false, TxSz: (int)(Tcr & 0x3F), GranuleShift: Granule.FromTg0((uint)(Tcr >> 14) & 3),
                WalkDisabled: false, Tbi: Bit(20), Tbid: Bit(29), Hpd: Bit(24), Ttbr: Ttbr0);
        }
        if (((va >> 55) & 1) == 0)
        {
            return new VaRange(
                Upper: false, TxSz: (int)(Tcr & 0x3F), GranuleShift: Granule.FromTg0((uint)(Tcr >> 14) & 3),
                WalkDisabled: Bit(7), Tbi: Bit(37), Tbid: Bit(51), Hpd: Bit(41), Ttbr: Ttbr0);
        }
        return new VaRange(
            Upper: true, TxSz: (int)((Tcr >> 16) & 0x3F), GranuleShift: Granule.FromTg1((uint)(Tcr >> 30) & 3),
            WalkDisabled: Bit(23), Tbi: Bit(38), Tbid: Bit(52), Hpd: Bit(42), Ttbr: Ttbr1);
    }

    bool Bit(int n) => ((Tcr >> n) & 1) != 0;
}

/// <summary>
/// The TCR fields for one VA range: its size (TxSZ), granule, EPDx, TBIx, TBIDx, HPDx, and its TTBR.
/// </summary>
internal readonly record struct VaRange(
    bool Upper, int TxSz, int GranuleShift, bool WalkDisabled, bool Tbi, bool Tbid, bool Hpd, ulong Ttbr)
{
    /// <summary>
    /// The highest VA bit that takes part in translation (Arm ARM AArch64.AddrTop): 55 when the top byte is ignored,
    /// which TBI asks for data accesses and, unless TBID is set, for instruction fetches too; 63 otherwise.
    /// </summary>
    internal int AddressTop(AccessKind kind) => Tbi && (!Tbid || kind != AccessKind.Execute) ? 55 : 63;
}
