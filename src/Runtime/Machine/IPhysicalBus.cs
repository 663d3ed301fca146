namespace A64Jit.Runtime.Machine;

/// <summary>
/// What a CPU reaches through its MMU: RAM (directly, through host addresses) and device registers.
/// <see cref="PhysicalMemory"/> is the machine's; lockstep puts a recording or replaying one in front of it.
/// </summary>
public unsafe interface IPhysicalBus : Hypervisor.Mmu.IPhysicalMemory
{
    bool IsRam(ulong pa, int size);
    byte* HostAddress(ulong pa);
    /// <summary>A little-endian read; false when nothing answers at the address (an external abort).</summary>
    bool TryRead(ulong pa, int size, out ulong value);
    bool TryWrite(ulong pa, int size, ulong value);
    /// <summary>Marks a RAM page as holding translated code; true when it was not marked before.</summary>
    bool MarkCode(ulong pa);
    bool IsCodePage(ulong pa);
    /// <summary>Called before a store made through a host address (atomics) changes RAM.</summary>
    void NoteStore(ulong pa, int size);
}
