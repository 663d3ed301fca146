namespace A64Jit.IR;

/// <summary>
/// What executing IR needs from the machine: guest registers, memory, and the system-register slow path.
/// The Runtime implements it; the reference interpreter and helpers called from compiled code use it.
/// Memory and system-register methods signal guest faults by throwing <see cref="GuestFault"/>.
/// </summary>
public interface IGuestContext
{
    ulong GetX(int index);
    void SetX(int index, ulong value);
    ulong Sp { get; set; }
    uint Nzcv { get; set; }
    UInt128 GetV(int index);
    void SetV(int index, UInt128 value);
    uint Fpcr { get; set; }
    uint Fpsr { get; set; }

    ulong ReadSysReg(uint encoding, ulong pc);
    void WriteSysReg(uint encoding, ulong value, ulong pc);

    /// <summary>The storage of a system register (full-system mode: what a lowered access reads and writes).</summary>
    ulong GetSysRegSlot(int slot) => throw new NotSupportedException("this context has no system-register storage");
    void SetSysRegSlot(int slot, ulong value) => throw new NotSupportedException("this context has no system-register storage");

    /// <summary>Profiling: adds one to counter <paramref name="counter"/>.</summary>
    void Count(int counter) { }

    byte Read8(ulong address);
    ushort Read16(ulong address);
    uint Read32(ulong address);
    ulong Read64(ulong address);
    UInt128 Read128(ulong address);
    void Write8(ulong address, byte value);
    void Write16(ulong address, ushort value);
    void Write32(ulong address, uint value);
    void Write64(ulong address, ulong value);
    void Write128(ulong address, UInt128 value);

    /// <summary>LDTR/STTR: an access checked as EL0 would make it (in user mode, every access is).</summary>
    ulong ReadUnprivileged(ulong address, int size) => size switch
    {
        1 => Read8(address),
        2 => Read16(address),
        4 => Read32(address),
        _ => Read64(address),
    };

    void WriteUnprivileged(ulong address, int size, ulong value)
    {
        switch (size)
        {
            case 1: Write8(address, (byte)value); break;
            case 2: Write16(address, (ushort)value); break;
            case 4: Write32(address, (uint)value); break;
            default: Write64(address, value); break;
        }
    }

    ulong LoadExclusive(ulong address, int size);
    UInt128 LoadExclusive128(ulong address);
    /// <summary>Returns true when the store happened (the monitor held and memory still had the loaded value).</summary>
    bool StoreExclusive(ulong address, int size, ulong value);
    bool StoreExclusive128(ulong address, UInt128 value);
    void ClearExclusive();
    ulong AtomicRmw(AtomicOp op, ulong address, int size, ulong operand);
    ulong CompareAndSwap(ulong address, int size, ulong expected, ulong desired);
    UInt128 CompareAndSwap128(ulong address, UInt128 expected, UInt128 desired);
    /// <summary>DC ZVA; <paramref name="aux"/> is the IR's Aux (encoding and Rt, for a trap's syndrome).</summary>
    void ZeroBlock(uint aux, ulong address);
    /// <summary>DC/IC by address; <paramref name="aux"/> is the IR's Aux (encoding and Rt).</summary>
    void CacheMaintenance(uint aux, ulong address);
}

/// <summary>A synchronous guest exception raised while executing an instruction (data abort, trap, alignment).</summary>
public class GuestFault(GuestFaultKind kind, ulong address, bool isWrite, string message) : Exception(message)
{
    public GuestFaultKind Kind { get; } = kind;
    public ulong Address { get; } = address;
    public bool IsWrite { get; } = isWrite;
}

public enum GuestFaultKind
{
    /// <summary>No mapping at the address (SIGSEGV, SEGV_MAPERR).</summary>
    Unmapped,
    /// <summary>Mapped, but the access is not permitted (SIGSEGV, SEGV_ACCERR).</summary>
    Permission,
    /// <summary>Misaligned where alignment is required (SIGBUS, BUS_ADRALN).</summary>
    Alignment,
    /// <summary>The system-register access is UNDEFINED at this level.</summary>
    Undefined,
    /// <summary>Full-system mode: an exception with its own syndrome (a trap, an MMU fault), taken by the machine.</summary>
    Architectural,
}
