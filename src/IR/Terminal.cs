namespace A64Jit.IR;

/// <summary>How a block ends. Every block has exactly one terminal.</summary>
public abstract record Terminal
{
    /// <summary>
    /// Continue at a known guest address (B, fall-through; BL with Kind = Call, whose return address is the
    /// block's EndPc). Chaining may patch this into a direct jump.
    /// </summary>
    public sealed record Link(ulong Target, BranchKind Kind = BranchKind.Jump) : Terminal;

    /// <summary>Continue at a computed address (BR, BLR, RET): back to the dispatcher's lookup.</summary>
    public sealed record Indirect(Inst Target, BranchKind Kind) : Terminal;

    /// <summary>A conditional: evaluate Condition (u1) and take one of two terminals.</summary>
    public sealed record If(Inst Condition, Terminal Then, Terminal Else) : Terminal;

    /// <summary>
    /// Full-system mode: leave to the runtime and continue at NextPc there, never through a chained jump or the
    /// lookup in compiled code. Ends a block after an instruction that may change what translation depends on
    /// (a system-register write, ISB), so the runtime looks at the translation key again.
    /// </summary>
    public sealed record Exit(ulong NextPc) : Terminal;

    /// <summary>Raise a guest exception at Pc (SVC, BRK, UDF, unallocated encodings, ...); NextPc is the preferred return.</summary>
    public sealed record Exception(ExceptionKind Kind, ulong Pc, ulong NextPc, uint Immediate) : Terminal;
}

public enum BranchKind : byte
{
    Jump,
    Call,
    Return,
}

public enum ExceptionKind : byte
{
    SupervisorCall,
    HypervisorCall,
    SecureMonitorCall,
    Breakpoint,
    Halt,
    /// <summary>An unallocated or unsupported encoding (UNDEF); Immediate is the instruction word.</summary>
    Undefined,
    /// <summary>The instruction could not be fetched (Pc is its address).</summary>
    InstructionAbort,
    /// <summary>WFI/WFE: the guest waits for an interrupt (Immediate 0) or an event (1); SEV/SEVL (2) signal one. NextPc is where it resumes.</summary>
    WaitForEvent,
    /// <summary>ERET: return from an exception (the system slow path restores PSTATE and PC); UNDEFINED at EL0.</summary>
    ExceptionReturn,
    /// <summary>An FP/SIMD instruction while CPACR_EL1/CPTR_EL2 trap them (system mode); Immediate is the instruction word.</summary>
    FpAccessTrap,
}
