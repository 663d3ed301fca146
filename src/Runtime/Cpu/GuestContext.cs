using A64Jit.IR;
using A64Jit.Runtime.Memory;

namespace A64Jit.Runtime.Cpu;

/// <summary>
/// One user-mode guest CPU (a Linux thread): its registers, the process's flat guest memory, and the
/// system registers visible at EL0 (<see cref="ISystemRegisters"/>).
/// </summary>
public sealed unsafe class GuestContext(CpuState state, GuestMemory memory, ISystemRegisters sysRegs) : CpuContext(state)
{
    public GuestMemory Memory { get; } = memory;
    public ISystemRegisters SystemRegisters { get; } = sysRegs;

    public override GuestMemory FlatMemory => Memory;
    public override uint? Fetch(ulong pc) => Memory.Fetch(pc);
    protected override byte* AtomicPointer(ulong address, int size, bool write) => Memory.Aligned(address, size, write);

    public override ulong ReadSysReg(uint encoding, ulong pc) => SystemRegisters.Read(State, SysRegEncoding.EncodingOf(encoding));
    public override void WriteSysReg(uint encoding, ulong value, ulong pc) => SystemRegisters.Write(State, SysRegEncoding.EncodingOf(encoding), value);

    public override byte Read8(ulong address) => Memory.Read8(address);
    public override ushort Read16(ulong address) => Memory.Read16(address);
    public override uint Read32(ulong address) => Memory.Read32(address);
    public override ulong Read64(ulong address) => Memory.Read64(address);
    public override UInt128 Read128(ulong address) => Memory.Read128(address);
    public override void Write8(ulong address, byte value) => Memory.Write8(address, value);
    public override void Write16(ulong address, ushort value) => Memory.Write16(address, value);
    public override void Write32(ulong address, uint value) => Memory.Write32(address, value);
    public override void Write64(ulong address, ulong value) => Memory.Write64(address, value);
    public override void Write128(ulong address, UInt128 value) => Memory.Write128(address, value);

    /// <summary>DC ZVA zeroes a block of 2^DCZID_EL0.BS words: 64 bytes here.</summary>
    public const int ZeroBlockSize = 64;

    public override void ZeroBlock(uint aux, ulong address)
    {
        ulong start = address & ~(ulong)(ZeroBlockSize - 1);
        Memory.WriteBytes(start, stackalloc byte[ZeroBlockSize]);
    }
}

/// <summary>System-register reads and writes at the CPU's current level; throws GuestFault(Undefined) when not accessible.</summary>
public interface ISystemRegisters
{
    ulong Read(CpuState state, uint encoding);
    void Write(CpuState state, uint encoding, ulong value);
}
