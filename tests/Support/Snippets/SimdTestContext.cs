using A64Jit.IR;

namespace A64Jit.Tests.Support.Snippets;

/// <summary>A minimal guest context for lifter tests: registers in arrays, a flat little-endian memory at address 0.</summary>
public sealed class SimdTestContext(int memorySize = 1 << 16) : IGuestContext
{
    public readonly ulong[] X = new ulong[31];
    public readonly UInt128[] Vregs = new UInt128[32];
    public readonly byte[] Memory = new byte[memorySize];

    public ulong GetX(int index) => X[index];
    public void SetX(int index, ulong value) => X[index] = value;
    public ulong Sp { get; set; }
    public uint Nzcv { get; set; }
    public UInt128 GetV(int index) => Vregs[index];
    public void SetV(int index, UInt128 value) => Vregs[index] = value;
    public uint Fpcr { get; set; }
    public uint Fpsr { get; set; }

    public ulong ReadSysReg(uint encoding, ulong pc) => throw new GuestFault(GuestFaultKind.Undefined, 0, false, "no system registers");
    public void WriteSysReg(uint encoding, ulong value, ulong pc) => throw new GuestFault(GuestFaultKind.Undefined, 0, false, "no system registers");

    Span<byte> At(ulong address, int size)
    {
        if (address + (ulong)size > (ulong)Memory.Length || address + (ulong)size < address)
            throw new GuestFault(GuestFaultKind.Unmapped, address, false, $"address 0x{address:x} outside test memory");
        return Memory.AsSpan((int)address, size);
    }

    public byte Read8(ulong address) => At(address, 1)[0];
    public ushort Read16(ulong address) => BitConverter.ToUInt16(At(address, 2));
    public uint Read32(ulong address) => BitConverter.ToUInt32(At(address, 4));
    public ulong Read64(ulong address) => BitConverter.ToUInt64(At(address, 8));
    public UInt128 Read128(ulong address) => new(Read64(address + 8), Read64(address));
    public void Write8(ulong address, byte value) => At(address, 1)[0] = value;
    public void Write16(ulong address, ushort value) => BitConverter.TryWriteBytes(At(address, 2), value);
    public void Write32(ulong address, uint value) => BitConverter.TryWriteBytes(At(address, 4), value);
    public void Write64(ulong address, ulong value) => BitConverter.TryWriteBytes(At(address, 8), value);
    public void Write128(ulong address, UInt128 value)
    {
        Write64(address, (ulong)value);
        Write64(address + 8, (ulong)(value >> 64));
    }

    public ulong LoadExclusive(ulong address, int size) => size switch
    {
        1 => Read8(address), 2 => Read16(address), 4 => Read32(address), _ => Read64(address),
    };
    public UInt128 LoadExclusive128(ulong address) => Read128(address);
    public bool StoreExclusive(ulong address, int size, ulong value)
    {
        switch (size)
        {
            case 1: Write8(address, (byte)value); break;
            case 2: Write16(address, (ushort)value); break;
            case 4: Write32(address, (uint)value); break;
            default: Write64(address, value); break;
        }
        return true;
    }
    public bool StoreExclusive128(ulong address, UInt128 value)
    {
        Write128(address, value);
        return true;
    }
    public void ClearExclusive() { }
    public ulong AtomicRmw(AtomicOp op, ulong address, int size, ulong operand) => throw new NotSupportedException();
    public ulong CompareAndSwap(ulong address, int size, ulong expected, ulong desired) => throw new NotSupportedException();
    public UInt128 CompareAndSwap128(ulong address, UInt128 expected, UInt128 desired) => throw new NotSupportedException();
    public void ZeroBlock(uint aux, ulong address) => At(address & ~63UL, 64).Clear();
    public void CacheMaintenance(uint encoding, ulong address) { }
}
