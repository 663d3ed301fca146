namespace A64Jit.Hypervisor.Mmu;

/// <summary>One stage's successful translation: its output address and what its leaf says.</summary>
/// <param name="Output">The stage's output address (IPA for stage 1 under a stage 2, else PA).</param>
/// <param name="Level">The leaf's level.</param>
/// <param name="SizeLog2">log2 of the leaf's page or block size.</param>
/// <param name="Permissions">The stage's permissions, before PAN.</param>
/// <param name="El0Accessible">Stage 1 lets EL0 read (the PAN condition).</param>
/// <param name="Attributes">MAIR-format attributes.</param>
/// <param name="Shareability">SH as this stage reports it.</param>
/// <param name="NotGlobal">The stage-1 leaf's nG bit, in a regime with ASIDs.</param>
internal readonly record struct StageOutput(
    ulong Output, int Level, int SizeLog2, PagePermissions Permissions, bool El0Accessible, byte Attributes,
    byte Shareability, bool NotGlobal);
