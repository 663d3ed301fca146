using A64Jit.Hypervisor.Cpu;
using A64Jit.Hypervisor.Exceptions;

namespace A64Jit.Runtime.Machine;

/// <summary>What an access does, for translation and permission checks.</summary>
public enum MemoryAccess : byte { Read, Write, Execute }

/// <summary>
/// One CPU's MMU: picks the translation regime of the current EL (el2.md 6.1), translates through a soft
/// TLB whose misses walk the page tables (the same walker AT uses), and turns faults into aborts with
/// their syndrome. With stage 1 off, a VA is its PA.
/// </summary>
public sealed partial class Mmu(SystemCpu cpu, Func<IPhysicalBus> bus)
{
    /// <summary>Physical memory, for the page-table walks.</summary>
    IPhysicalBus Bus => bus();

    /// <summary>Translates <paramref name="va"/> for an access at the current EL, or throws the abort it takes.</summary>
    public ulong Translate(ulong va, MemoryAccess access)
    {
        if (Lookup(va, access) is { } pa)
            return pa;
        return Walk(va, access, out var fault) ?? throw fault!;
    }

    /// <summary>The PA an instruction fetch at <paramref name="va"/> reaches, or null when it faults.</summary>
    public ulong? TryTranslateFetch(ulong va) => Lookup(va, MemoryAccess.Execute) ?? Walk(va, MemoryAccess.Execute, out _);

    /// <summary>The instruction abort a fetch at <paramref name="pc"/> takes (translation fault, or an external abort off RAM).</summary>
    public SyndromeFault FetchFault(ulong pc)
    {
        if (Walk(pc, MemoryAccess.Execute, out var fault) is ulong pa)
            return Abort(pc, MemoryAccess.Execute, FaultStatusExternal, $"instruction fetch from 0x{pc:x} (pa 0x{pa:x}) outside RAM");
        return fault!;
    }

    const uint FaultStatusExternal = 0x10, FaultStatusAlignment = 0x21;

    public SyndromeFault ExternalAbort(ulong va, ulong pa, bool write) =>
        Abort(va, write ? MemoryAccess.Write : MemoryAccess.Read, FaultStatusExternal, $"{(write ? "write to" : "read from")} 0x{va:x}: nothing at physical address 0x{pa:x}");

    public SyndromeFault AlignmentFault(ulong va, bool write) =>
        Abort(va, write ? MemoryAccess.Write : MemoryAccess.Read, FaultStatusAlignment, $"misaligned access at 0x{va:x}");

    /// <summary>An abort with fault status <paramref name="fsc"/>; the EC is fixed to "same EL" or "lower EL" when it is taken.</summary>
    internal static SyndromeFault Abort(ulong va, MemoryAccess access, uint fsc, string message, int targetEl = 0, ulong? ipa = null, bool s1ptw = false,
        bool maintenance = false)
    {
        uint ec = access == MemoryAccess.Execute ? ExceptionClass.InstructionAbortLower : ExceptionClass.DataAbortLower;
        uint iss = fsc | (access == MemoryAccess.Write ? 1u << 6 : 0) | (s1ptw ? 1u << 7 : 0) | (maintenance ? 1u << 8 : 0);
        return new SyndromeFault(Syndrome.Make(ec, iss), targetEl, va, message, ipa);
    }
}
