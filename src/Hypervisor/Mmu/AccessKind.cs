namespace A64Jit.Hypervisor.Mmu;

/// <summary>What the access that needs a translation wants to do with the memory.</summary>
public enum AccessKind : byte
{
    Read,
    Write,
    Execute,
}
