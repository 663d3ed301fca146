namespace A64Jit.IR;

/// <summary>Why execution left a block, and where it goes next.</summary>
public readonly record struct BlockExit(
    ExitReason Reason,
    ulong NextPc,
    ulong Pc = 0,
    ExceptionKind Exception = default,
    uint Immediate = 0,
    int InstructionsRetired = 0,
    GuestFault? Fault = null)
{
    public override string ToString() => Reason switch
    {
        ExitReason.Continue => $"continue at 0x{NextPc:x}",
        ExitReason.Exception => $"{Exception} imm=0x{Immediate:x} at 0x{Pc:x}",
        _ => $"fault at 0x{Pc:x}: {Fault?.Message}",
    };
}

public enum ExitReason : byte
{
    /// <summary>Normal flow: continue at NextPc.</summary>
    Continue,
    /// <summary>A terminal raised an exception (SVC, BRK, UNDEF, ...); Exception says which.</summary>
    Exception,
    /// <summary>An instruction faulted; Pc is its address and Fault says why.</summary>
    Fault,
}
