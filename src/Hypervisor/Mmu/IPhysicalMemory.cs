namespace A64Jit.Hypervisor.Mmu;

/// <summary>The guest's physical address space as the table walker sees it: 64-bit little-endian reads only.</summary>
public interface IPhysicalMemory
{
    /// <summary>Reads the 64-bit word at <paramref name="pa"/> (8-byte aligned by the walker).</summary>
    /// <returns>False when no RAM answers at <paramref name="pa"/>; the walk then takes a synchronous external abort.</returns>
    bool TryReadU64(ulong pa, out ulong value);
}
