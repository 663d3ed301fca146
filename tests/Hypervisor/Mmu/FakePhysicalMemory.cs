using A64Jit.Hypervisor.Mmu;

namespace A64Jit.Tests.Hypervisor.Mmu;

/// <summary>
/// A sparse physical memory for walker tests: RAM over [0, 4 GiB) unless told otherwise, reading as zero where
/// nothing was written; reads outside RAM fail (a synchronous external abort for the walker). Remembers the
/// addresses the walker read so a test can check which descriptors it fetched.
/// </summary>
sealed class FakePhysicalMemory : IPhysicalMemory
{
    readonly Dictionary<ulong, ulong> words = [];
    readonly ulong ramBase, ramEnd;

    public FakePhysicalMemory(ulong ramBase = 0, ulong ramSize = 1UL << 32)
    {
        this.ramBase = ramBase;
        ramEnd = ramBase + ramSize;
    }

    /// <summary>Every address read, in order.</summary>
    public List<ulong> Reads { get; } = [];

    public void Write(ulong pa, ulong value)
    {
        Assert.That(pa % 8, Is.Zero, "descriptors are 8-byte aligned");
        words[pa] = value;
    }

    /// <summary>Writes entry <paramref name="index"/> of the table at <paramref name="table"/>.</summary>
    public void Entry(ulong table, ulong index, ulong descriptor) => Write(table + index * 8, descriptor);

    public bool TryReadU64(ulong pa, out ulong value)
    {
        Reads.Add(pa);
        if (pa < ramBase || pa >= ramEnd)
        {
            value = 0;
            return false;
        }
        words.TryGetValue(pa, out value); // RAM nobody wrote reads as zero
        return true;
    }
}
