namespace A64Jit.Hypervisor.Mmu;

/// <summary>
/// The AArch64 VMSA translation table walker: stage 1 for the EL1&amp;0, EL2&amp;0 and EL2 regimes, stage 2 for
/// EL1&amp;0, with 4, 16 and 64 KiB granules and 48-bit addresses. It reads descriptors and never writes them
/// (FEAT_HAFDBS is not implemented). Used by the soft TLB's miss path and by the AT instructions.
/// </summary>
public static partial class PageTableWalker
{
    /// <summary>
    /// Translates a VA through stage 1 and, when <paramref name="s2"/> is given and enabled, through stage 2 for the
    /// output and for every stage-1 descriptor fetch. Checks the access after each stage: a stage-1 permission fault
    /// comes before any stage-2 fault on the output.
    /// </summary>
    /// <param name="s1">The stage-1 regime.</param>
    /// <param name="va">The full 64-bit VA, tag byte included.</param>
    /// <param name="kind">The access.</param>
    /// <param name="unprivileged">An EL0 access, or an LDTR/STTR-style unprivileged one.</param>
    /// <param name="pan">PSTATE.PAN applies (false for AT S1E1R/W, which ignore it).</param>
    /// <param name="mem">Physical memory holding the tables.</param>
    /// <param name="s2">The stage-2 regime, if EL2 is present.</param>
    public static TranslationResult Translate(
        in Stage1Regime s1, ulong va, AccessKind kind, bool unprivileged, bool pan, IPhysicalMemory mem,
        in Stage2Regime? s2 = null) =>
        Run(s1, va, kind, unprivileged, pan, mem, s2, translateOutput: true);

    /// <summary>
    /// Stage 1 only: the output is the IPA (AT S1E0*/S1E1* with HCR_EL2.VM=1). When <paramref name="s2"/> is given
    /// and enabled, stage-1 descriptor fetches still go through it and can fault with S1PTW.
    /// </summary>
    public static TranslationResult TranslateStage1(
        in Stage1Regime s1, ulong va, AccessKind kind, bool unprivileged, bool pan, IPhysicalMemory mem,
        in Stage2Regime? s2 = null) =>
        Run(s1, va, kind, unprivileged, pan, mem, s2, translateOutput: false);

    /// <summary>Stage 2 only (IPA → PA), walked whether or not <see cref="Stage2Regime.Enabled"/> is set.</summary>
    public static TranslationResult TranslateStage2(in Stage2Regime s2, ulong ipa, AccessKind kind, IPhysicalMemory mem)
    {
        var fault = WalkStage2(s2, ipa, mem, out var leaf);
        if (fault.IsFault)
            return TranslationResult.Failed(ipa, fault);
        var result = new TranslationResult
        {
            InputAddress = ipa,
            IntermediateAddress = ipa,
            PhysicalAddress = leaf.Output,
            SizeLog2 = leaf.SizeLog2,
            Stage1Permissions = PagePermissions.All,
            Stage2Permissions = leaf.Permissions,
            Stage2Level = leaf.Level,
            Stage2Applied = true,
            Attributes = leaf.Attributes,
            Shareability = leaf.Shareability,
            Vmid = s2.Vmid,
        };
        return Checked(result, ipa, kind, unprivileged: false, pan: false);
    }

    static TranslationResult Run(
        in Stage1Regime s1, ulong va, AccessKind kind, bool unprivileged, bool pan, IPhysicalMemory mem,
        in Stage2Regime? s2, bool translateOutput)
    {
        Stage2Regime? active = s2 is { Enabled: true } ? s2 : null;
        var fault = WalkStage1(s1, va, kind, mem, active, out var first);
        if (fault.IsFault)
            return TranslationResult.Failed(va, fault);
        if (!AccessPermissions.Allows(first.Permissions, first.El0Accessible, kind, unprivileged, pan))
            return TranslationResult.Failed(va, new TranslationFault(FaultKind.Permission, first.Level));

        var result = new TranslationResult
        {
            InputAddress = va,
            IntermediateAddress = first.Output,
            PhysicalAddress = first.Output,
            SizeLog2 = first.SizeLog2,
            Stage1Permissions = first.Permissions,
            Stage2Permissions = PagePermissions.All,
            El0Accessible = first.El0Accessible,
            Stage1Level = first.Level,
            Attributes = first.Attributes,
            Shareability = first.Shareability,
            NotGlobal = first.NotGlobal,
            Asid = s1.Asid,
            Vmid = s2?.Vmid ?? 0,
        };
        if (active is not Stage2Regime stage2 || !translateOutput)
            return result;

        fault = WalkStage2(stage2, first.Output, mem, out var second);
        if (fault.IsFault)
            return TranslationResult.Failed(va, fault);
        byte attributes = MemoryAttributes.Combine(first.Attributes, second.Attributes);
        result = result with
        {
            PhysicalAddress = second.Output,
            SizeLog2 = Math.Min(first.SizeLog2, second.SizeLog2),
            Stage2Permissions = second.Permissions,
            Stage2Level = second.Level,
            Stage2Applied = true,
            Attributes = attributes,
            Shareability = MemoryAttributes.CombineShareability(attributes, first.Shareability, second.Shareability),
        };
        return Checked(result, va, kind, unprivileged, pan);
    }

    static TranslationResult Checked(in TranslationResult result, ulong input, AccessKind kind, bool unprivileged, bool pan)
    {
        var fault = result.PermissionFault(input, kind, unprivileged, pan);
        return fault.IsFault ? TranslationResult.Failed(input, fault) : result;
    }
}
