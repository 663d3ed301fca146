namespace A64Jit.IR;

/// <summary>What an operation does besides computing its result. Passes may move or drop only pure operations.</summary>
[Flags]
public enum Effects : ushort
{
    Pure = 0,
    ReadsGuestState = 1 << 0,
    WritesGuestState = 1 << 1,
    ReadsMemory = 1 << 2,
    WritesMemory = 1 << 3,
    /// <summary>May end the block with a guest exception (a fault, a trap, an UNDEF).</summary>
    MayRaise = 1 << 4,
    /// <summary>Reads FPCR and accumulates exception flags into FPSR.</summary>
    FpEnvironment = 1 << 5,
    /// <summary>Orders memory accesses; nothing may move across it.</summary>
    Barrier = 1 << 6,
    /// <summary>Marks a point the runtime observes (instruction boundaries).</summary>
    Marker = 1 << 7,
}
