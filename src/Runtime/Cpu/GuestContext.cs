using A64Jit.IR;
using A64Jit.Runtime.Memory;

namespace A64Jit.Runtime.Cpu;

/// <summary>
/// One guest CPU's view of the machine for executing IR: its registers, the shared guest memory,
/// and the system registers visible at its exception level (<see cref="ISystemRegisters"/>).
/// </summary>
public sealed partial class GuestContext(CpuState state, GuestMemory memory, ISystemRegisters sysRegs) : IGuestContext
{
    public CpuState State { get; } = state;
    public GuestMemory Memory { get; } = memory;
    public ISystemRegisters SystemRegisters { get; } = sysRegs;

    public ulong GetX(int index) => State.X[index];
    public void SetX(int index, ulong value) => State.X[index] = value;
    public ulong Sp { get => State.Sp; set => State.Sp = value; }
    public uint Nzcv { get => State.Nzcv; set => State.Nzcv = value; }
    public UInt128 GetV(int index) => State.V[index];
    public void SetV(int index, UInt128 value) => State.V[index] = value;
    public uint Fpcr { get => State.Fpcr; set => State.Fpcr = value; }
    public uint Fpsr { get => State.Fpsr; set => State.Fpsr = value; }

    public ulong ReadSysReg(uint encoding, ulong pc) => SystemRegisters.Read(State, encoding);
    public void WriteSysReg(uint encoding, ulong value, ulong pc) => SystemRegisters.Write(State, encoding, value);

    public byte Read8(ulong address) => Memory.Read8(address);
    public ushort Read16(ulong address) => Memory.Read16(address);
    public uint Read32(ulong address) => Memory.Read32(address);
    public ulong Read64(ulong address) => Memory.Read64(address);
    public UInt128 Read128(ulong address) => Memory.Read128(address);
    public void Write8(ulong address, byte value) => Memory.Write8(address, value);
    public void Write16(ulong address, ushort value) => Memory.Write16(address, value);
    public void Write32(ulong address, uint value) => Memory.Write32(address, value);
    public void Write64(ulong address, ulong value) => Memory.Write64(address, value);
    public void Write128(ulong address, UInt128 value) => Memory.Write128(address, value);

    /// <summary>DC ZVA zeroes a block of 2^DCZID_EL0.BS words: 64 bytes here.</summary>
    public const int ZeroBlockSize = 64;

    public void ZeroBlock(ulong address)
    {
        ulong start = address & ~(ulong)(ZeroBlockSize - 1);
        Memory.WriteBytes(start, stackalloc byte[ZeroBlockSize]);
    }

    public event Action<uint, ulong>? CacheMaintenanceRequested;

    public void CacheMaintenance(uint encoding, ulong address) => CacheMaintenanceRequested?.Invoke(encoding, address);
}

/// <summary>System-register reads and writes at the CPU's current level; throws GuestFault(Undefined) when not accessible.</summary>
public interface ISystemRegisters
{
    ulong Read(CpuState state, uint encoding);
    void Write(CpuState state, uint encoding, ulong value);
}
