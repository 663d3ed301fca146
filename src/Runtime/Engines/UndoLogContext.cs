using A64Jit.IR;
using A64Jit.Runtime.Cpu;
using A64Jit.Runtime.Memory;

namespace A64Jit.Runtime.Engines;

/// <summary>
/// Lockstep's reference side: a guest context over a second CPU state and the real memory that logs the
/// bytes every store overwrites, so the block's stores can be recorded (<see cref="Stored"/>) and then
/// undone (<see cref="Undo"/>) before the JIT runs the same block from the same memory. Working on the
/// real memory keeps aliases right (one file mapped at two guest addresses).
/// </summary>
public sealed class UndoLogContext(CpuState state, GuestMemory memory, ISystemRegisters sysRegs) : IGuestContext
{
    readonly GuestContext inner = new(state, memory, sysRegs);
    readonly List<(ulong Address, byte[] Old)> log = [];

    public CpuState State => inner.State;

    /// <summary>Notes the bytes a write of <paramref name="size"/> bytes at <paramref name="address"/> is about to overwrite.</summary>
    void Logged(ulong address, int size)
    {
        var old = new byte[size];
        if (memory.TryPeek(address, old))
            log.Add((address, old));
    }

    /// <summary>Every byte the block wrote with the value it left there, by address.</summary>
    public Dictionary<ulong, byte> Stored()
    {
        var result = new Dictionary<ulong, byte>();
        var one = new byte[1];
        foreach (var (address, old) in log)
            for (int i = 0; i < old.Length; i++)
                if (memory.TryPeek(address + (ulong)i, one))
                    result[address + (ulong)i] = one[0];
        return result;
    }

    /// <summary>Puts back what the logged writes overwrote, newest first.</summary>
    public void Undo()
    {
        for (int i = log.Count - 1; i >= 0; i--)
            memory.Poke(log[i].Address, log[i].Old);
        log.Clear();
    }

    public ulong GetX(int index) => inner.GetX(index);
    public void SetX(int index, ulong value) => inner.SetX(index, value);
    public ulong Sp { get => inner.Sp; set => inner.Sp = value; }
    public uint Nzcv { get => inner.Nzcv; set => inner.Nzcv = value; }
    public UInt128 GetV(int index) => inner.GetV(index);
    public void SetV(int index, UInt128 value) => inner.SetV(index, value);
    public uint Fpcr { get => inner.Fpcr; set => inner.Fpcr = value; }
    public uint Fpsr { get => inner.Fpsr; set => inner.Fpsr = value; }
    public ulong ReadSysReg(uint encoding, ulong pc) => inner.ReadSysReg(encoding, pc);
    public void WriteSysReg(uint encoding, ulong value, ulong pc) => inner.WriteSysReg(encoding, value, pc);

    public byte Read8(ulong address) => inner.Read8(address);
    public ushort Read16(ulong address) => inner.Read16(address);
    public uint Read32(ulong address) => inner.Read32(address);
    public ulong Read64(ulong address) => inner.Read64(address);
    public UInt128 Read128(ulong address) => inner.Read128(address);

    public void Write8(ulong address, byte value)
    {
        Logged(address, 1);
        inner.Write8(address, value);
    }

    public void Write16(ulong address, ushort value)
    {
        Logged(address, 2);
        inner.Write16(address, value);
    }

    public void Write32(ulong address, uint value)
    {
        Logged(address, 4);
        inner.Write32(address, value);
    }

    public void Write64(ulong address, ulong value)
    {
        Logged(address, 8);
        inner.Write64(address, value);
    }

    public void Write128(ulong address, UInt128 value)
    {
        Logged(address, 16);
        inner.Write128(address, value);
    }

    public ulong LoadExclusive(ulong address, int size) => inner.LoadExclusive(address, size);
    public UInt128 LoadExclusive128(ulong address) => inner.LoadExclusive128(address);

    public bool StoreExclusive(ulong address, int size, ulong value)
    {
        Logged(address, size);
        return inner.StoreExclusive(address, size, value);
    }

    public bool StoreExclusive128(ulong address, UInt128 value)
    {
        Logged(address, 16);
        return inner.StoreExclusive128(address, value);
    }

    public void ClearExclusive() => inner.ClearExclusive();

    public ulong AtomicRmw(AtomicOp op, ulong address, int size, ulong operand)
    {
        Logged(address, size);
        return inner.AtomicRmw(op, address, size, operand);
    }

    public ulong CompareAndSwap(ulong address, int size, ulong expected, ulong desired)
    {
        Logged(address, size);
        return inner.CompareAndSwap(address, size, expected, desired);
    }

    public UInt128 CompareAndSwap128(ulong address, UInt128 expected, UInt128 desired)
    {
        Logged(address, 16);
        return inner.CompareAndSwap128(address, expected, desired);
    }

    public void ZeroBlock(uint aux, ulong address)
    {
        Logged(address & ~(ulong)(GuestContext.ZeroBlockSize - 1), GuestContext.ZeroBlockSize);
        inner.ZeroBlock(aux, address);
    }

    public void CacheMaintenance(uint aux, ulong address) => inner.CacheMaintenance(aux, address);
}
