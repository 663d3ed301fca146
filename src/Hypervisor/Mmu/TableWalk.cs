namespace A64Jit.Hypervisor.Mmu;

/// <summary>Where a walk starts and how it indexes: the part of a stage's setup the level loop needs.</summary>
/// <param name="InputBits">Input address size, 64 − TxSZ.</param>
/// <param name="GranuleShift">12, 14 or 16.</param>
/// <param name="StartLevel">The level of the first table.</param>
/// <param name="TableBase">The first table's address, already aligned to that table's size.</param>
/// <param name="OutputBits">Output size: table and output addresses above it are address size faults.</param>
/// <param name="Stage2">A stage-2 walk: faults are marked stage 2 and table attributes do not exist.</param>
/// <param name="Hpd">TCR.HPDx: table attributes are ignored.</param>
internal readonly record struct WalkSetup(
    int InputBits, int GranuleShift, int StartLevel, ulong TableBase, int OutputBits, bool Stage2, bool Hpd);

/// <summary>A leaf a walk reached, with the stage-1 table attributes gathered above it.</summary>
internal readonly record struct WalkLeaf(
    ulong Descriptor, int Level, ulong OutputAddress, int SizeLog2, uint ApTable, bool PxnTable, bool UxnTable);

/// <summary>
/// The level-by-level descriptor walk shared by both stages (Arm ARM AArch64.S1Walk / AArch64.S2Walk with 48-bit
/// descriptors and no hardware access-flag or dirty-state updates).
/// </summary>
internal static class TableWalk
{
    const ulong ValidBit = 1, TableBit = 2, AccessFlagBit = 1UL << 10;

    /// <summary>
    /// Walks from <see cref="WalkSetup.TableBase"/> to a leaf for <paramref name="input"/>. Descriptor addresses of a
    /// stage-1 walk are IPAs and go through <paramref name="fetchStage2"/> when it is given.
    /// </summary>
    /// <returns>The fault, with the level of the descriptor that caused it; <see cref="TranslationFault.None"/> and
    /// the leaf on success.</returns>
    internal static TranslationFault Run(
        in WalkSetup setup, ulong input, IPhysicalMemory mem, in Stage2Regime? fetchStage2, out WalkLeaf leaf)
    {
        leaf = default;
        int g = setup.GranuleShift, stride = Granule.Stride(g);
        int level = setup.StartLevel;
        ulong table = setup.TableBase;
        uint apTable = 0;
        bool pxnTable = false, uxnTable = false;
        while (true)
        {
            int shift = Granule.LevelShift(g, level);
            // The first table resolves whatever input bits remain above the levels below it (with stage-2
            // concatenation up to 4 more than a page-sized table); the others resolve one stride each.
            int indexBits = level == setup.StartLevel ? setup.InputBits - shift : stride;
            ulong index = (input >> shift) & ((1UL << indexBits) - 1);
            ulong descriptorAddress = table | (index << 3);
            if (!ReadDescriptor(setup, input, descriptorAddress, level, mem, fetchStage2, out ulong descriptor, out var fault))
                return fault;

            if ((descriptor & ValidBit) == 0)
                return Fault(setup, input, FaultKind.Translation, level);
            bool tableOrPage = (descriptor & TableBit) != 0;
            if (level < 3 && tableOrPage)
            {
                ulong next = descriptor & AddressSize.Bits(47, g);
                if ((next >> setup.OutputBits) != 0)
                    return Fault(setup, input, FaultKind.AddressSize, level);
                if (!setup.Stage2 && !setup.Hpd)
                {
                    apTable |= (uint)(descriptor >> 61) & 3;
                    pxnTable |= ((descriptor >> 59) & 1) != 0;
                    uxnTable |= ((descriptor >> 60) & 1) != 0;
                }
                table = next;
                level++;
                continue;
            }
            // Bits[1:0] = 01 is reserved at level 3, and a block only exists where the granule allows one.
            if (level == 3 ? !tableOrPage : !Granule.BlockAllowed(g, level))
                return Fault(setup, input, FaultKind.Translation, level);
            ulong output = descriptor & AddressSize.Bits(47, shift);
            if ((output >> setup.OutputBits) != 0)
                return Fault(setup, input, FaultKind.AddressSize, level);
            if ((descriptor & AccessFlagBit) == 0)
                return Fault(setup, input, FaultKind.AccessFlag, level);
            leaf = new WalkLeaf(descriptor, level, output | (input & ((1UL << shift) - 1)), shift, apTable, pxnTable, uxnTable);
            return TranslationFault.None;
        }
    }

    /// <summary>A fault of this walk's stage: stage-2 faults carry the IPA being translated.</summary>
    internal static TranslationFault Fault(in WalkSetup setup, ulong input, FaultKind kind, int level) =>
        setup.Stage2
            ? new TranslationFault(kind, level, Stage2: true, Ipa: input)
            : new TranslationFault(kind, level);

    /// <summary>
    /// Reads one descriptor. For a stage-1 walk under a stage 2, the descriptor's IPA is first translated by stage 2
    /// as a read; a fault there becomes a stage-2 fault with S1PTW set, at the stage-2 level, carrying the
    /// descriptor's IPA. Stage 2 not allowing the read is a stage-2 permission fault. (HCR_EL2.PTW, which also
    /// faults walks that reach stage-2 Device memory, is not modelled.)
    /// </summary>
    static bool ReadDescriptor(
        in WalkSetup setup, ulong input, ulong address, int level, IPhysicalMemory mem, in Stage2Regime? fetchStage2,
        out ulong descriptor, out TranslationFault fault)
    {
        ulong pa = address;
        if (fetchStage2 is Stage2Regime s2)
        {
            fault = PageTableWalker.WalkStage2(s2, address, mem, out var leaf);
            if (!fault.IsFault && (leaf.Permissions & PagePermissions.PrivilegedRead) == 0)
                fault = new TranslationFault(FaultKind.Permission, leaf.Level);
            if (fault.IsFault)
            {
                descriptor = 0;
                fault = fault with { Stage2 = true, S1Ptw = true, Ipa = address };
                return false;
            }
            pa = leaf.Output;
        }
        if (!mem.TryReadU64(pa, out descriptor))
        {
            fault = Fault(setup, input, FaultKind.SynchronousExternalOnWalk, level);
            return false;
        }
        fault = TranslationFault.None;
        return true;
    }
}
