using A64Jit.IR;

namespace A64Jit.Runtime.Cpu;

// Exclusives and LSE atomics on shared guest memory (through AtomicPointer, a checked host pointer), atomic with respect to other guest threads.
// The exclusive monitor follows QEMU's model: a store-exclusive succeeds when the monitor is armed
// for the address and memory still holds the value the load-exclusive saw (compare-and-swap).
public abstract unsafe partial class CpuContext
{
    public ulong LoadExclusive(ulong address, int size)
    {
        byte* p = AtomicPointer(address, size, write: false);
        ulong value = size switch
        {
            1 => Volatile.Read(ref *p),
            2 => Volatile.Read(ref *(ushort*)p),
            4 => Volatile.Read(ref *(uint*)p),
            _ => Volatile.Read(ref *(ulong*)p),
        };
        Arm(address, size, value);
        return value;
    }

    public UInt128 LoadExclusive128(ulong address)
    {
        byte* p = AtomicPointer(address, 16, write: false);
        // A 16-byte atomic read: a CAS that writes back what it finds.
        UInt128 value = Cas128(p, 0, 0);
        Arm(address, 16, value);
        return value;
    }

    void Arm(ulong address, int size, UInt128 value)
    {
        State.ExclusiveArmed = true;
        State.ExclusiveAddress = address;
        State.ExclusiveSize = size;
        State.ExclusiveValue = value;
    }

    bool MonitorHolds(ulong address, int size)
    {
        bool ok = State.ExclusiveArmed && State.ExclusiveAddress == address && State.ExclusiveSize == size;
        State.ExclusiveArmed = false;
        return ok;
    }

    public bool StoreExclusive(ulong address, int size, ulong value)
    {
        // ExclusiveMonitorsPass() checks alignment first; whether a failing store-exclusive then detects
        // other aborts is IMPLEMENTATION DEFINED: like QEMU, it fails without touching memory.
        CheckAlignment(address, size);
        if (!MonitorHolds(address, size))
            return false;
        ulong expected = (ulong)State.ExclusiveValue;
        return CompareAndSwap(address, size, expected, value) == expected;
    }

    public bool StoreExclusive128(ulong address, UInt128 value)
    {
        CheckAlignment(address, 16);
        if (!MonitorHolds(address, 16))
            return false;
        return Cas128(AtomicPointer(address, 16, write: true), State.ExclusiveValue, value) == State.ExclusiveValue;
    }

    public void ClearExclusive() => State.ExclusiveArmed = false;

    static void CheckAlignment(ulong address, int size)
    {
        if ((address & (ulong)(size - 1)) != 0)
            throw new GuestFault(GuestFaultKind.Alignment, address, true, $"misaligned {size}-byte exclusive access at 0x{address:x}");
    }

    public ulong CompareAndSwap(ulong address, int size, ulong expected, ulong desired)
    {
        byte* p = AtomicPointer(address, size, write: true);
        return size switch
        {
            1 => Interlocked.CompareExchange(ref *p, (byte)desired, (byte)expected),
            2 => Interlocked.CompareExchange(ref *(ushort*)p, (ushort)desired, (ushort)expected),
            4 => Interlocked.CompareExchange(ref *(uint*)p, (uint)desired, (uint)expected),
            _ => Interlocked.CompareExchange(ref *(ulong*)p, desired, expected),
        };
    }

    public UInt128 CompareAndSwap128(ulong address, UInt128 expected, UInt128 desired) =>
        Cas128(AtomicPointer(address, 16, write: true), expected, desired);

    public ulong AtomicRmw(AtomicOp op, ulong address, int size, ulong operand)
    {
        AtomicPointer(address, size, write: true);
        int bits = size * 8;
        ulong mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        while (true)
        {
            ulong old = LoadPlain(address, size);
            ulong next = Apply(op, old, operand & mask, bits) & mask;
            if (CompareAndSwap(address, size, old, next) == old)
                return old;
        }
    }

    /// <summary>The value an LSE atomic leaves in memory: <paramref name="op"/> on the old value and the operand, at <paramref name="size"/> bytes.</summary>
    public static ulong Combine(AtomicOp op, ulong old, ulong operand, int size)
    {
        int bits = size * 8;
        ulong mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        return Apply(op, old & mask, operand & mask, bits) & mask;
    }

    ulong LoadPlain(ulong address, int size) => size switch
    {
        1 => Read8(address),
        2 => Read16(address),
        4 => Read32(address),
        _ => Read64(address),
    };

    static ulong Apply(AtomicOp op, ulong old, ulong operand, int bits)
    {
        long SignedOf(ulong v) => (long)(v << (64 - bits)) >> (64 - bits);
        return op switch
        {
            AtomicOp.Add => old + operand,
            AtomicOp.Clear => old & ~operand,
            AtomicOp.Xor => old ^ operand,
            AtomicOp.Set => old | operand,
            AtomicOp.SMax => SignedOf(old) >= SignedOf(operand) ? old : operand,
            AtomicOp.SMin => SignedOf(old) <= SignedOf(operand) ? old : operand,
            AtomicOp.UMax => Math.Max(old, operand),
            AtomicOp.UMin => Math.Min(old, operand),
            _ => operand,
        };
    }

    // .NET has no 16-byte Interlocked; guest 128-bit atomics (CASP, LDXP/STXP) serialize on one lock.
    // All 16-byte atomic accesses go through here, so they are atomic with respect to each other.
    static readonly Lock wideLock = new();

    static UInt128 Cas128(byte* p, UInt128 expected, UInt128 desired)
    {
        lock (wideLock)
        {
            UInt128 old = *(UInt128*)p;
            if (old == expected)
                *(UInt128*)p = desired;
            return old;
        }
    }
}
