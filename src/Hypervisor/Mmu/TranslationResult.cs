namespace A64Jit.Hypervisor.Mmu;

/// <summary>
/// The outcome of a translation: on success the output address, the mapping it lies in (so a TLB can cache it or 4K
/// pieces of it), the permissions of that mapping before PAN, its memory attributes and its TLB tags; on failure
/// the fault.
/// </summary>
public readonly struct TranslationResult
{
    /// <summary>The fault; <see cref="FaultKind.None"/> on success.</summary>
    public TranslationFault Fault { get; init; }

    /// <summary>True when the address translated and the access was permitted.</summary>
    public bool Success => !Fault.IsFault;

    /// <summary>The input address as given (VA, or IPA for a stage-2-only translation).</summary>
    public ulong InputAddress { get; init; }

    /// <summary>
    /// The intermediate physical address: stage 1's output. Equal to <see cref="PhysicalAddress"/> when no stage 2
    /// was applied.
    /// </summary>
    public ulong IntermediateAddress { get; init; }

    /// <summary>The final output address.</summary>
    public ulong PhysicalAddress { get; init; }

    /// <summary>
    /// log2 of the size of the region that translates linearly with identical attributes around the input address:
    /// the page or block size, or the smaller of the stage-1 and stage-2 sizes when both stages applied.
    /// </summary>
    public int SizeLog2 { get; init; }

    /// <summary>Mask of the offset bits inside the mapping.</summary>
    public ulong OffsetMask => (1UL << SizeLog2) - 1;

    /// <summary>The input address of the start of the mapping (the top byte, if ignored by TBI, is kept).</summary>
    public ulong InputBase => InputAddress & ~OffsetMask;

    /// <summary>The IPA of the start of the mapping.</summary>
    public ulong IntermediateBase => IntermediateAddress & ~OffsetMask;

    /// <summary>The PA of the start of the mapping.</summary>
    public ulong PhysicalBase => PhysicalAddress & ~OffsetMask;

    /// <summary>Stage-1 permissions (all when stage 1 is disabled), before PAN.</summary>
    public PagePermissions Stage1Permissions { get; init; }

    /// <summary>Stage-2 permissions (all when no stage 2 applied).</summary>
    public PagePermissions Stage2Permissions { get; init; }

    /// <summary>The permissions of the combined mapping, before PAN: stage 1 intersected with stage 2.</summary>
    public PagePermissions Permissions => Stage1Permissions & Stage2Permissions;

    /// <summary>
    /// Stage 1 gives EL0 read access (AP[1] after APTable), so PSTATE.PAN forbids privileged data accesses.
    /// Always false when stage 1 is disabled or in the EL2 regime, which have no EL0 permissions.
    /// </summary>
    public bool El0Accessible { get; init; }

    /// <summary>The stage-1 leaf level (where a stage-1 permission fault is reported); 0 when stage 1 was off.</summary>
    public int Stage1Level { get; init; }

    /// <summary>The stage-2 leaf level (where a stage-2 permission fault is reported); 0 without stage 2.</summary>
    public int Stage2Level { get; init; }

    /// <summary>Whether stage 2 took part.</summary>
    public bool Stage2Applied { get; init; }

    /// <summary>The memory attributes in MAIR format, combined across stages.</summary>
    public byte Attributes { get; init; }

    /// <summary>Device or Normal.</summary>
    public MemoryType MemoryType => MemoryAttributes.TypeOf(Attributes);

    /// <summary>Shareability as PAR_EL1.SH reports it (00 Non-, 10 Outer, 11 Inner Shareable), combined across stages.</summary>
    public byte Shareability { get; init; }

    /// <summary>The stage-1 leaf had nG=1: a TLB entry for it matches only <see cref="Asid"/>.</summary>
    public bool NotGlobal { get; init; }

    /// <summary>The regime's current ASID (meaningful when <see cref="NotGlobal"/>).</summary>
    public ushort Asid { get; init; }

    /// <summary>The VMID of the stage-2 regime given to the walker, or 0 without one.</summary>
    public ushort Vmid { get; init; }

    /// <summary>
    /// Whether the mapping allows an access. <paramref name="unprivileged"/> is an EL0 access (or LDTR/STTR);
    /// <paramref name="pan"/> is PSTATE.PAN for privileged data accesses (pass false for AT S1E1R/W, which ignore it).
    /// </summary>
    public bool Permits(AccessKind kind, bool unprivileged, bool pan) =>
        Success && !PermissionFault(InputAddress, kind, unprivileged, pan).IsFault;

    /// <summary>
    /// The permission fault an access to <paramref name="address"/> (an input address inside this mapping) would
    /// take, or <see cref="TranslationFault.None"/>. Stage 1 is checked first, as the architecture orders them;
    /// a stage-2 fault carries the access's IPA.
    /// </summary>
    public TranslationFault PermissionFault(ulong address, AccessKind kind, bool unprivileged, bool pan)
    {
        if (!AccessPermissions.Allows(Stage1Permissions, El0Accessible, kind, unprivileged, pan))
            return new TranslationFault(FaultKind.Permission, Stage1Level);
        if (!AccessPermissions.Allows(Stage2Permissions, false, kind, unprivileged, pan))
        {
            ulong ipa = IntermediateBase | (address & OffsetMask);
            return new TranslationFault(FaultKind.Permission, Stage2Level, Stage2: true, Ipa: ipa);
        }
        return TranslationFault.None;
    }

    /// <summary>A failed translation of <paramref name="input"/>.</summary>
    public static TranslationResult Failed(ulong input, in TranslationFault fault) =>
        new() { InputAddress = input, Fault = fault };

    /// <inheritdoc/>
    public override string ToString() =>
        Success
            ? $"{InputAddress:X} -> {PhysicalAddress:X} (2^{SizeLog2}, {Permissions}, attr {Attributes:X2}, sh {Shareability})"
            : $"{InputAddress:X}: {Fault}";
}
