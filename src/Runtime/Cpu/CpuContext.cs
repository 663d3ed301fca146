using A64Jit.IR;
using A64Jit.Runtime.Memory;

namespace A64Jit.Runtime.Cpu;

/// <summary>
/// One guest CPU as the engines see it: its registers (<see cref="CpuState"/>) and a view of memory and
/// system registers. User mode (<see cref="GuestContext"/>) has flat, page-protected memory; full-system
/// mode has an MMU in front of physical memory and devices. The engines ask it for instruction words,
/// for the identity of the code at a PC (<see cref="CodeKey"/>) and, for the JIT's inline memory path,
/// for the flat memory when there is one.
/// </summary>
public abstract unsafe partial class CpuContext(CpuState state) : IGuestContext
{
    public CpuState State { get; } = state;

    public ulong GetX(int index) => State.X[index];
    public void SetX(int index, ulong value) => State.X[index] = value;
    public ulong Sp { get => State.Sp; set => State.Sp = value; }
    public uint Nzcv { get => State.Nzcv; set => State.Nzcv = value; }
    public UInt128 GetV(int index) => State.V[index];
    public void SetV(int index, UInt128 value) => State.V[index] = value;
    public uint Fpcr { get => State.Fpcr; set => State.Fpcr = value; }
    public uint Fpsr { get => State.Fpsr; set => State.Fpsr = value; }

    /// <summary>Full-system translation (see the lifter's system mode): WFI waits, system-register writes end blocks.</summary>
    public virtual bool SystemMode => false;

    /// <summary>Flat guest memory whose page table compiled code may check inline; null when every access needs the slow path.</summary>
    public virtual GuestMemory? FlatMemory => null;

    /// <summary>The instruction word at a guest address, or null when it cannot be fetched (the lifter ends the block there).</summary>
    public abstract uint? Fetch(ulong pc);

    /// <summary>The translation key of the current state (0 in user mode; see <see cref="BlockKey"/>).</summary>
    public virtual uint TranslationKey => 0;

    /// <summary>Counts changes of address translation (TLB flushes): translations looked up by VA alone go stale then.</summary>
    public virtual long TranslationEpoch => 0;

    /// <summary>Pages whose VA translation was invalidated one by one (TLBI by address) since the engine last looked; it empties the list.</summary>
    public virtual List<ulong>? StaleCodePages => null;

    /// <summary>What identifies the code at <paramref name="pc"/> now; null when it cannot be fetched.</summary>
    public virtual BlockKey? CodeKey(ulong pc) => BlockKey.Flat(pc);

    /// <summary>The run-time checks the translation of <paramref name="key"/> turns on (system mode: FP traps, SCTLR.A); none in user mode.</summary>
    public virtual Frontend.Lifting.LiftChecks LiftChecks(BlockKey key) => Frontend.Lifting.LiftChecks.None;

    /// <summary>The JIT's lowering of system-register accesses for a block compiled under <paramref name="key"/> (user mode: none).</summary>
    public virtual void LowerSystemRegisters(Block block, BlockKey key) { }

    /// <summary>A checked host pointer for an aligned atomic or exclusive access (throws the guest's fault).</summary>
    protected abstract byte* AtomicPointer(ulong address, int size, bool write);

    public ulong GetSysRegSlot(int slot) => State.SysRegs[slot];
    public void SetSysRegSlot(int slot, ulong value) => State.SysRegs[slot] = value;
    public virtual void Count(int counter) { }

    public abstract ulong ReadSysReg(uint encoding, ulong pc);
    public abstract void WriteSysReg(uint encoding, ulong value, ulong pc);
    public abstract byte Read8(ulong address);
    public abstract ushort Read16(ulong address);
    public abstract uint Read32(ulong address);
    public abstract ulong Read64(ulong address);
    public abstract UInt128 Read128(ulong address);
    public abstract void Write8(ulong address, byte value);
    public abstract void Write16(ulong address, ushort value);
    public abstract void Write32(ulong address, uint value);
    public abstract void Write64(ulong address, ulong value);
    public abstract void Write128(ulong address, UInt128 value);
    public abstract void ZeroBlock(uint aux, ulong address);

    /// <summary>LDTR/STTR; in user mode (EL0) the ordinary access.</summary>
    public virtual ulong ReadUnprivileged(ulong address, int size) => size switch
    {
        1 => Read8(address),
        2 => Read16(address),
        4 => Read32(address),
        _ => Read64(address),
    };

    public virtual void WriteUnprivileged(ulong address, int size, ulong value)
    {
        switch (size)
        {
            case 1: Write8(address, (byte)value); break;
            case 2: Write16(address, (ushort)value); break;
            case 4: Write32(address, (uint)value); break;
            default: Write64(address, value); break;
        }
    }

    /// <summary>Raised by DC/IC maintenance by address (user mode: IC IVAU drops translations of the page).</summary>
    public event Action<uint, ulong>? CacheMaintenanceRequested;

    public virtual void CacheMaintenance(uint aux, ulong address) => CacheMaintenanceRequested?.Invoke(SysRegEncoding.EncodingOf(aux), address);
}
