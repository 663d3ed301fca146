namespace A64Jit.Hypervisor.Mmu;

/// <summary>
/// The registers of the stage-2 translation (IPA → PA) of the EL1&amp;0 regime.
/// </summary>
/// <param name="Vtcr">VTCR_EL2: T0SZ[5:0], SL0[7:6], TG0[15:14], PS[18:16] and VS[19] are used.</param>
/// <param name="Vttbr">VTTBR_EL2: BADDR[47:1] and VMID[63:48].</param>
public readonly record struct Stage2Regime(ulong Vtcr, ulong Vttbr)
{
    /// <summary>
    /// Set by the caller when HCR_EL2.VM (or DC) is 1. <see cref="PageTableWalker.Translate"/> ignores a stage 2 that is
    /// not enabled; <see cref="PageTableWalker.TranslateStage2"/> walks it regardless.
    /// </summary>
    public bool Enabled { get; init; }

    /// <summary>The VMID: VTTBR_EL2[63:48] with 16-bit VMIDs (VTCR_EL2.VS=1), else VTTBR_EL2[55:48].</summary>
    public ushort Vmid => (ushort)(((Vtcr >> 19) & 1) != 0 ? Vttbr >> 48 : (Vttbr >> 48) & 0xFF);

    /// <summary>The IPA size, 64 − VTCR_EL2.T0SZ.</summary>
    public int InputBits => 64 - TxSz;

    /// <summary>The PA size VTCR_EL2.PS selects, bounded by PARange.</summary>
    public int OutputBits => AddressSize.FromPs((uint)(Vtcr >> 16) & 7);

    internal int TxSz => (int)(Vtcr & 0x3F);

    internal int GranuleShift => Granule.FromTg0((uint)(Vtcr >> 14) & 3);

    /// <summary>
    /// The start level VTCR_EL2.SL0 selects for this granule, or null when the combination is reserved
    /// (Arm ARM AArch64.S2InvalidSL) or cannot translate an IPA of <see cref="InputBits"/> bits with at most 16
    /// concatenated tables at that level (AArch64.S2InconsistentSL).
    /// </summary>
    internal int? StartLevel
    {
        get
        {
            int g = GranuleShift, stride = Granule.Stride(g);
            uint sl0 = (uint)(Vtcr >> 6) & 3;
            int? start = g switch
            {
                // 4 KiB: SL0 0/1/2 start at level 2/1/0 (level 0 needs PARange >= 44 bits, which we have);
                // SL0=3 (level 3) needs FEAT_TTST.
                12 => sl0 == 3 ? null : 2 - (int)sl0,
                // 16 KiB and 64 KiB: SL0 0/1/2 start at level 3/2/1; SL0=3 needs 52-bit tables (16 KiB) or is reserved.
                _ => sl0 == 3 ? null : 3 - (int)sl0,
            };
            if (start is not int level)
                return null;
            // The start level must resolve more bits than the next level could, and at most 4 bits (16 tables) more
            // than one table can.
            int minBits = (3 - level) * stride + g + 1;
            int maxBits = minBits + (stride - 1) + 4;
            return InputBits >= minBits && InputBits <= maxBits ? level : null;
        }
    }
}
