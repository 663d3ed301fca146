namespace A64Jit.Hypervisor.Mmu;

/// <summary>The memory type of a mapping: Device (no speculation, no merging, alignment enforced) or Normal.</summary>
public enum MemoryType : byte
{
    Device,
    Normal,
}
