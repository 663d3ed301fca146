namespace A64Jit.Hypervisor.Mmu;

/// <summary>The kinds of fault a translation can report; each has its own DFSC/IFSC group (el2.md 6.7).</summary>
public enum FaultKind : byte
{
    None,
    /// <summary>A table base, next-level table or output address beyond the configured output size.</summary>
    AddressSize,
    /// <summary>An invalid descriptor, an address outside the configured input range, or a disabled walk.</summary>
    Translation,
    /// <summary>A leaf with AF=0 (no hardware access-flag update: FEAT_HAFDBS is not implemented).</summary>
    AccessFlag,
    /// <summary>The mapping does not allow the access.</summary>
    Permission,
    /// <summary>A descriptor read hit no memory.</summary>
    SynchronousExternalOnWalk,
}
