namespace A64Jit.Hypervisor.Mmu;

public static partial class PageTableWalker
{
    const int MinTxSz = 16; // 48-bit VAs (no FEAT_LVA)
    const int MaxTxSz = 39; // no FEAT_TTST

    /// <summary>
    /// The stage-1 walk (Arm ARM AArch64.S1Translate up to, not including, the permission check): the disabled
    /// case, the TxSZ and VA-range checks, EPDx, the base address, the walk, then the leaf's permissions and
    /// attributes.
    /// </summary>
    static TranslationFault WalkStage1(
        in Stage1Regime s1, ulong va, AccessKind kind, IPhysicalMemory mem, in Stage2Regime? s2, out StageOutput output)
    {
        output = default;
        var range = s1.RangeFor(va);
        int top = range.AddressTop(kind);
        if (!s1.MmuEnabled)
            return FlatStage1(s1, va, kind, top, out output);

        // A TxSZ outside 16..39 may either behave as the nearest limit or fault; we fault, as QEMU and KVM do.
        if (range.TxSz < MinTxSz || range.TxSz > MaxTxSz)
            return new TranslationFault(FaultKind.Translation, 0);
        int inputBits = 64 - range.TxSz;
        // VA bits [top:inputBits] must all equal the range's select: zeros for TTBR0, ones for TTBR1
        // (AArch64.VAIsOutOfRange). A VA in neither range is a level-0 translation fault.
        ulong rangeBits = va & AddressSize.Bits(top, inputBits);
        if (rangeBits != (range.Upper ? AddressSize.Bits(top, inputBits) : 0))
            return new TranslationFault(FaultKind.Translation, 0);
        // TCR.EPDx: no walk for this range; a TLB miss is a level-0 translation fault.
        if (range.WalkDisabled)
            return new TranslationFault(FaultKind.Translation, 0);

        int g = range.GranuleShift;
        int start = Granule.Stage1StartLevel(g, inputBits);
        int outputBits = s1.OutputBits;
        ulong baseAddress = range.Ttbr & AddressSize.Bits(47, 1);
        if ((baseAddress >> outputBits) != 0)
            return new TranslationFault(FaultKind.AddressSize, 0);
        // The first table is aligned to its own size (AArch64.S1TTBaseAddress); lower BADDR bits are ignored.
        int firstTableBits = inputBits - Granule.LevelShift(g, start) + 3;
        baseAddress &= ~((1UL << firstTableBits) - 1);

        var setup = new WalkSetup(inputBits, g, start, baseAddress, outputBits, Stage2: false, Hpd: range.Hpd);
        var fault = TableWalk.Run(setup, va, mem, s2, out var leaf);
        if (fault.IsFault)
            return fault;

        var permissions = AccessPermissions.Stage1(
            s1.HasTwoRanges, leaf.Descriptor, leaf.ApTable, leaf.PxnTable, leaf.UxnTable, s1.Wxn);
        int attrIndex = (int)(leaf.Descriptor >> 2) & 7;
        byte attributes = (byte)(s1.Mair >> (attrIndex * 8));
        output = new StageOutput(
            Output: leaf.OutputAddress & AddressSize.Bits(47, 0),
            Level: leaf.Level,
            SizeLog2: leaf.SizeLog2,
            Permissions: permissions,
            El0Accessible: (permissions & PagePermissions.UserRead) != 0,
            Attributes: attributes,
            Shareability: MemoryAttributes.Shareability(attributes, (uint)(leaf.Descriptor >> 8) & 3),
            NotGlobal: s1.HasTwoRanges && ((leaf.Descriptor >> 11) & 1) != 0);
        return TranslationFault.None;
    }

    /// <summary>
    /// Stage 1 disabled (AArch64.S1DisabledOutput): VA = output address, all permissions, no PAN. The VA bits from
    /// the address top down to the implemented PA size must be zero, else a level-0 address size fault. Data is
    /// Device-nGnRnE and instruction fetches are Normal (Write-Through when SCTLR.I=1, else Non-cacheable), both
    /// Outer Shareable; under HCR_EL2.DC both are Normal Write-Back, Non-shareable.
    /// </summary>
    static TranslationFault FlatStage1(in Stage1Regime s1, ulong va, AccessKind kind, int top, out StageOutput output)
    {
        output = default;
        if ((va & AddressSize.Bits(top, AddressSize.ImplementedPaBits)) != 0)
            return new TranslationFault(FaultKind.AddressSize, 0);
        byte attributes = s1.DefaultCacheable ? MemoryAttributes.NormalWriteBack
            : kind != AccessKind.Execute ? MemoryAttributes.DeviceNGnRnE
            : s1.InstructionCacheEnabled ? MemoryAttributes.NormalWriteThrough
            : MemoryAttributes.NormalNonCacheable;
        byte shareability = s1.DefaultCacheable ? MemoryAttributes.NonShareable : MemoryAttributes.OuterShareable;
        output = new StageOutput(
            Output: va & AddressSize.Bits(AddressSize.ImplementedPaBits - 1, 0),
            Level: 0,
            SizeLog2: 12,
            Permissions: PagePermissions.All,
            El0Accessible: false,
            Attributes: attributes,
            Shareability: shareability,
            NotGlobal: false);
        return TranslationFault.None;
    }
}
