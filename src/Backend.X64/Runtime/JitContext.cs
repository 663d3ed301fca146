using System.Runtime.InteropServices;

namespace A64Jit.Backend.X64;

/// <summary>
/// One guest CPU's state as compiled code sees it, reached through the pinned context register (r15).
/// The first part is the architectural state (the Runtime's CpuState is a view of it, so the
/// interpreter and compiled code share one copy); the second is what emitted code needs from the
/// runtime: the guest memory mapping, the dispatch table, the shared stubs and the exit record.
/// A plain unmanaged struct in native memory so its offsets are fixed; <see cref="ContextLayout"/> names them.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct JitContext
{
    // ---- Architectural state ------------------------------------------------------------------
    public fixed ulong X[31];
    public ulong Sp;
    public ulong Pc;
    /// <summary>NZCV in Arm layout: N bit 31, Z bit 30, C bit 29, V bit 28.</summary>
    public uint Nzcv;
    public uint Fpcr;
    public uint Fpsr;
    uint padding0;
    public ulong TpidrEl0;
    public ulong TpidrroEl0;
    /// <summary>Guest instructions retired; compiled blocks add their count on entry.</summary>
    public long InstructionsRetired;
    /// <summary>V0..V31, two qwords each (low first), 16-byte aligned.</summary>
    public fixed ulong V[64];

    // ---- Runtime ------------------------------------------------------------------------------
    /// <summary>Host address of guest address 0 (user mode: one flat reservation).</summary>
    public byte* MemoryBase;
    /// <summary>One byte of guest page flags per 4 KiB page (read 1, write 2, execute 4, mapped 8).</summary>
    public byte* PageFlags;
    public ulong PageCount;
    /// <summary>One past the highest guest address of flat memory (guarded accesses compare with it).</summary>
    public ulong MemorySize;
    /// <summary>The indirect-branch table: <see cref="DispatchTable.Entries"/> pairs of (guest pc, host address).</summary>
    public DispatchEntry* DispatchTable;
    /// <summary>Shared code: the indirect-branch lookup and the return to the caller of the entry trampoline.</summary>
    public nint LookupStub;
    public nint ExitStub;
    /// <summary>GCHandle of the managed <see cref="JitThread"/> helpers use.</summary>
    public nint Owner;
    /// <summary>Nonzero asks compiled code to return at the next block entry (a signal, an exit, a flush).</summary>
    public int Interrupt;
    /// <summary>Set by a helper that raised a guest fault (or failed): compiled code leaves the block.</summary>
    public int HelperStatus;
    /// <summary>The exception an exception terminal raised: kind, immediate, and the address of its instruction.</summary>
    public uint ExceptionKind;
    public uint ExceptionImmediate;
    public ulong ExceptionPc;
    /// <summary>Where compiled code saves and reloads MXCSR to read the host's floating-point exception flags.</summary>
    public uint MxcsrScratch;
    /// <summary>Top of the return stack (an index that wraps at <see cref="ContextLayout.ReturnStackSize"/>).</summary>
    public uint ReturnTop;
    /// <summary>Return-stack prediction: the guest return address each call pushed, and the address of a
    /// cell in the caller's code that holds the host entry of that return address's block.</summary>
    public fixed ulong ReturnPc[16];
    public fixed ulong ReturnCell[16];

    // ---- Full-system state (unused in user mode) --------------------------------------------------
    /// <summary>Full-system mode: the CPU's inline TLB (<see cref="InlineTlb"/>), checked by compiled loads and stores.</summary>
    public InlineTlbEntry* Tlb;
    /// <summary>Profiling counters (--profile): what a Count operation increments; null when profiling is off.</summary>
    public long* ProfileCounters;
    /// <summary>PSTATE other than NZCV, in SPSR layout: M[3:0] = EL and SPSel, DAIF in bits 9..6, PAN, UAO, ...</summary>
    public ulong Pstate;
    /// <summary>System-register storage, indexed by the Hypervisor's register table (its slots).</summary>
    public fixed ulong SysRegs[SystemRegisterSlots];

    /// <summary>Room for the system-register table's storage slots.</summary>
    public const int SystemRegisterSlots = 256;
}

/// <summary>One slot of the dispatch table: a guest pc and the host entry of its block (0 when empty).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DispatchEntry
{
    public ulong GuestPc;
    public nint Host;
}

/// <summary>Byte offsets of the fields of <see cref="JitContext"/> that emitted code addresses.</summary>
public static class ContextLayout
{
    public static readonly int XRegisters = Offset(nameof(JitContext.X));
    public static readonly int Sp = Offset(nameof(JitContext.Sp));
    public static readonly int Pc = Offset(nameof(JitContext.Pc));
    public static readonly int Nzcv = Offset(nameof(JitContext.Nzcv));
    public static readonly int Fpcr = Offset(nameof(JitContext.Fpcr));
    public static readonly int Fpsr = Offset(nameof(JitContext.Fpsr));
    public static readonly int InstructionsRetired = Offset(nameof(JitContext.InstructionsRetired));
    public static readonly int VRegisters = Offset(nameof(JitContext.V));
    public static readonly int MemoryBase = Offset(nameof(JitContext.MemoryBase));
    public static readonly int PageFlags = Offset(nameof(JitContext.PageFlags));
    public static readonly int PageCount = Offset(nameof(JitContext.PageCount));
    public static readonly int MemorySize = Offset(nameof(JitContext.MemorySize));
    public static readonly int DispatchTable = Offset(nameof(JitContext.DispatchTable));
    public static readonly int LookupStub = Offset(nameof(JitContext.LookupStub));
    public static readonly int ExitStub = Offset(nameof(JitContext.ExitStub));
    public static readonly int Interrupt = Offset(nameof(JitContext.Interrupt));
    public static readonly int HelperStatus = Offset(nameof(JitContext.HelperStatus));
    public static readonly int ExceptionKind = Offset(nameof(JitContext.ExceptionKind));
    public static readonly int ExceptionImmediate = Offset(nameof(JitContext.ExceptionImmediate));
    public static readonly int ExceptionPc = Offset(nameof(JitContext.ExceptionPc));
    public static readonly int MxcsrScratch = Offset(nameof(JitContext.MxcsrScratch));
    public static readonly int ReturnTop = Offset(nameof(JitContext.ReturnTop));
    public static readonly int ReturnPc = Offset(nameof(JitContext.ReturnPc));
    public static readonly int ReturnCell = Offset(nameof(JitContext.ReturnCell));
    public static readonly int ProfileCounters = Offset(nameof(JitContext.ProfileCounters));
    public static readonly int Tlb = Offset(nameof(JitContext.Tlb));
    public static readonly int SysRegs = Offset(nameof(JitContext.SysRegs));

    /// <summary>Offset of system-register slot <paramref name="slot"/>.</summary>
    public static int SysReg(int slot) => SysRegs + 8 * slot;
    public const int ReturnStackSize = 16;

    /// <summary>
    /// Empties the return stack (after a flush its cells are gone). An empty entry still names a valid
    /// cell, <paramref name="emptyCell"/>, which leads to the lookup, so a guest return to any address is safe.
    /// </summary>
    public static unsafe void ClearReturnStack(JitContext* ctx, nint emptyCell)
    {
        for (int i = 0; i < ReturnStackSize; i++)
        {
            ctx->ReturnPc[i] = ulong.MaxValue;
            ctx->ReturnCell[i] = (ulong)emptyCell;
        }
    }

    static ContextLayout()
    {
        // movdqa on the vector registers needs them 16-byte aligned (the context itself is 64-byte aligned).
        if (VRegisters % 16 != 0)
            throw new InvalidOperationException($"JitContext.V is at {VRegisters}, not 16-byte aligned");
    }

    public static int X(int index) => XRegisters + index * 8;
    public static int V(int index) => VRegisters + index * 16;

    static int Offset(string field) => (int)Marshal.OffsetOf<JitContext>(field);

    /// <summary>A zeroed context in native memory, 64-byte aligned; free with <see cref="Free"/>.</summary>
    public static unsafe JitContext* Allocate()
    {
        var ctx = (JitContext*)NativeMemory.AlignedAlloc((nuint)sizeof(JitContext), 64);
        *ctx = default;
        return ctx;
    }

    public static unsafe void Free(JitContext* ctx) => NativeMemory.AlignedFree(ctx);
}
