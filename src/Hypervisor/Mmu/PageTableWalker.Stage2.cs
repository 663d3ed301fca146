namespace A64Jit.Hypervisor.Mmu;

public static partial class PageTableWalker
{
    /// <summary>
    /// The stage-2 walk (Arm ARM AArch64.S2Translate without the permission check): VTCR_EL2 checks, the IPA range,
    /// the base address, the walk, then the leaf's S2AP/XN permissions and MemAttr. Every fault it returns is marked
    /// stage 2 and carries <paramref name="ipa"/>.
    /// </summary>
    internal static TranslationFault WalkStage2(in Stage2Regime s2, ulong ipa, IPhysicalMemory mem, out StageOutput output)
    {
        output = default;
        // A T0SZ out of range, a reserved SL0, or an SL0 that cannot cover the IPA size: a level-0 translation fault.
        if (s2.TxSz < MinTxSz || s2.TxSz > MaxTxSz || s2.StartLevel is not int start)
            return Stage2Fault(FaultKind.Translation, 0, ipa);
        int inputBits = s2.InputBits;
        if ((ipa >> inputBits) != 0)
            return Stage2Fault(FaultKind.Translation, 0, ipa);

        int g = s2.GranuleShift;
        int outputBits = s2.OutputBits;
        ulong baseAddress = s2.Vttbr & AddressSize.Bits(47, 1);
        if ((baseAddress >> outputBits) != 0)
            return Stage2Fault(FaultKind.AddressSize, 0, ipa);
        // Concatenated first-level tables: the base is aligned to their total size.
        int firstTableBits = inputBits - Granule.LevelShift(g, start) + 3;
        baseAddress &= ~((1UL << firstTableBits) - 1);

        var setup = new WalkSetup(inputBits, g, start, baseAddress, outputBits, Stage2: true, Hpd: true);
        var fault = TableWalk.Run(setup, ipa, mem, null, out var leaf);
        if (fault.IsFault)
            return fault;

        byte attributes = MemoryAttributes.FromStage2MemAttr((uint)(leaf.Descriptor >> 2) & 0xF);
        output = new StageOutput(
            Output: leaf.OutputAddress,
            Level: leaf.Level,
            SizeLog2: leaf.SizeLog2,
            Permissions: AccessPermissions.Stage2(leaf.Descriptor),
            El0Accessible: false,
            Attributes: attributes,
            Shareability: MemoryAttributes.Shareability(attributes, (uint)(leaf.Descriptor >> 8) & 3),
            NotGlobal: false);
        return TranslationFault.None;
    }

    static TranslationFault Stage2Fault(FaultKind kind, int level, ulong ipa) =>
        new(kind, level, Stage2: true, Ipa: ipa);
}
