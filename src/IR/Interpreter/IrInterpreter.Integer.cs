using System.Numerics;

namespace A64Jit.IR;

public sealed partial class IrInterpreter
{
    bool TryEvalInteger(Inst inst, Inst[] a, out ulong r)
    {
        ulong x = a.Length > 0 ? V(a[0]) : 0;
        ulong y = a.Length > 1 ? V(a[1]) : 0;
        switch (inst.Op)
        {
            case Opcode.Add32: case Opcode.Add64: r = x + y; return true;
            case Opcode.Sub32: case Opcode.Sub64: r = x - y; return true;
            case Opcode.AddCarry32: case Opcode.AddCarry64: r = x + y + V(a[2]); return true;
            case Opcode.AddCarryFlags32: r = AddWithCarryFlags32((uint)x, (uint)y, V(a[2])); return true;
            case Opcode.AddCarryFlags64: r = AddWithCarryFlags64(x, y, V(a[2])); return true;
            case Opcode.SubFlags32: r = AddWithCarryFlags32((uint)x, ~(uint)y, 1); return true;
            case Opcode.SubFlags64: r = AddWithCarryFlags64(x, ~y, 1); return true;
            case Opcode.LogicFlags32: r = NzFlags((uint)x >> 31, (uint)x == 0); return true;
            case Opcode.LogicFlags64: r = NzFlags((uint)(x >> 63), x == 0); return true;
            case Opcode.And32: case Opcode.And64: r = x & y; return true;
            case Opcode.Or32: case Opcode.Or64: r = x | y; return true;
            case Opcode.Xor32: case Opcode.Xor64: r = x ^ y; return true;
            case Opcode.Not32: case Opcode.Not64: r = ~x; return true;
            case Opcode.Lsl32: r = (uint)x << (int)(y & 31); return true;
            case Opcode.Lsl64: r = x << (int)(y & 63); return true;
            case Opcode.Lsr32: r = (uint)x >> (int)(y & 31); return true;
            case Opcode.Lsr64: r = x >> (int)(y & 63); return true;
            case Opcode.Asr32: r = (uint)((int)x >> (int)(y & 31)); return true;
            case Opcode.Asr64: r = (ulong)((long)x >> (int)(y & 63)); return true;
            case Opcode.Ror32: r = BitOperations.RotateRight((uint)x, (int)(y & 31)); return true;
            case Opcode.Ror64: r = BitOperations.RotateRight(x, (int)(y & 63)); return true;
            case Opcode.Mul32: case Opcode.Mul64: r = x * y; return true;
            case Opcode.UMulHigh64: r = Math.BigMul(x, y, out _); return true;
            case Opcode.SMulHigh64: r = (ulong)Math.BigMul((long)x, (long)y, out _); return true;
            case Opcode.UDiv32: r = y == 0 ? 0 : (uint)x / (uint)y; return true;
            case Opcode.UDiv64: r = y == 0 ? 0 : x / y; return true;
            case Opcode.SDiv32: r = (uint)SignedDivide((int)x, (int)y); return true;
            case Opcode.SDiv64: r = (ulong)SignedDivide((long)x, (long)y); return true;
            case Opcode.Clz32: r = (ulong)BitOperations.LeadingZeroCount((uint)x); return true;
            case Opcode.Clz64: r = (ulong)BitOperations.LeadingZeroCount(x); return true;
            case Opcode.Cls32: r = (ulong)BitOperations.LeadingZeroCount(((uint)x ^ (uint)((int)x >> 1)) & 0x7FFF_FFFF) - 1; return true;
            case Opcode.Cls64: r = (ulong)BitOperations.LeadingZeroCount((x ^ (ulong)((long)x >> 1)) & 0x7FFF_FFFF_FFFF_FFFF) - 1; return true;
            case Opcode.Rbit32: r = ReverseBits((uint)x); return true;
            case Opcode.Rbit64: r = ((ulong)ReverseBits((uint)x) << 32) | ReverseBits((uint)(x >> 32)); return true;
            case Opcode.ByteReverse32: r = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((uint)x); return true;
            case Opcode.ByteReverse64: r = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(x); return true;
            case Opcode.ByteReverseHalves32:
            case Opcode.ByteReverseHalves64:
                r = ((x & 0x00FF_00FF_00FF_00FF) << 8) | ((x >> 8) & 0x00FF_00FF_00FF_00FF); return true;
            case Opcode.ByteReverseWords64:
                r = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(x);
                r = (r << 32) | (r >> 32); return true;
            case Opcode.Crc32: r = Crc.Update((uint)x, y, (int)(inst.Aux & 0xF), (inst.Aux & 0x10) != 0); return true;

            case Opcode.Eq32: case Opcode.Eq64: r = x == y ? 1UL : 0; return true;
            case Opcode.ULessThan64: r = x < y ? 1UL : 0; return true;
            case Opcode.SLessThan64: r = (long)x < (long)y ? 1UL : 0; return true;
            case Opcode.NotU1: r = x ^ 1; return true;
            case Opcode.ConditionHolds: r = ConditionHolds((uint)x, (int)inst.Aux) ? 1UL : 0; return true;

            case Opcode.ZeroExtend1To64: case Opcode.ZeroExtend1To32:
            case Opcode.ZeroExtend8To32: case Opcode.ZeroExtend16To32:
            case Opcode.ZeroExtend8To64: case Opcode.ZeroExtend16To64: case Opcode.ZeroExtend32To64:
            case Opcode.Truncate32To8: case Opcode.Truncate32To16:
            case Opcode.Truncate64To8: case Opcode.Truncate64To16: case Opcode.Truncate64To32:
            case Opcode.NzcvToU32: case Opcode.U32ToNzcv:
                r = x; return true; // the caller masks the result to its type
            case Opcode.SignExtend8To32: case Opcode.SignExtend8To64: r = (ulong)(sbyte)x; return true;
            case Opcode.SignExtend16To32: case Opcode.SignExtend16To64: r = (ulong)(short)x; return true;
            case Opcode.SignExtend32To64: r = (ulong)(int)x; return true;
        }
        r = 0;
        return false;
    }

    /// <summary>The flags of AddWithCarry() for 32-bit operands, in NZCV layout.</summary>
    public static uint AddWithCarryFlags32(uint x, uint y, ulong carry)
    {
        ulong unsigned = (ulong)x + y + carry;
        long signed = (long)(int)x + (int)y + (long)carry;
        uint result = (uint)unsigned;
        return Flags(result >> 31 != 0, result == 0, unsigned != result, signed != (int)result);
    }

    /// <summary>The flags of AddWithCarry() for 64-bit operands, in NZCV layout.</summary>
    public static uint AddWithCarryFlags64(ulong x, ulong y, ulong carry)
    {
        ulong result = x + y + carry;
        bool c = result < x || (carry != 0 && result == x);
        bool v = ((~(x ^ y) & (x ^ result)) >> 63) != 0;
        return Flags(result >> 63 != 0, result == 0, c, v);
    }

    /// <summary>ConditionHolds() from the Arm pseudocode, on flags in NZCV layout.</summary>
    public static bool ConditionHolds(uint nzcv, int cond)
    {
        bool n = (nzcv & (1u << 31)) != 0, z = (nzcv & (1u << 30)) != 0;
        bool c = (nzcv & (1u << 29)) != 0, v = (nzcv & (1u << 28)) != 0;
        bool result = (cond >> 1) switch
        {
            0 => z,
            1 => c,
            2 => n,
            3 => v,
            4 => c && !z,
            5 => n == v,
            6 => n == v && !z,
            _ => true,
        };
        // Condition 0b1111 ("nv") behaves as "always", like 0b1110.
        return (cond & 1) != 0 && cond != 0xF ? !result : result;
    }

    static uint Flags(bool n, bool z, bool c, bool v) =>
        (n ? 1u << 31 : 0) | (z ? 1u << 30 : 0) | (c ? 1u << 29 : 0) | (v ? 1u << 28 : 0);

    static ulong NzFlags(uint n, bool z) => Flags(n != 0, z, false, false);

    static int SignedDivide(int x, int y) => y == 0 ? 0 : (x == int.MinValue && y == -1 ? x : x / y);
    static long SignedDivide(long x, long y) => y == 0 ? 0 : (x == long.MinValue && y == -1 ? x : x / y);

    static uint ReverseBits(uint v)
    {
        v = ((v >> 1) & 0x5555_5555) | ((v & 0x5555_5555) << 1);
        v = ((v >> 2) & 0x3333_3333) | ((v & 0x3333_3333) << 2);
        v = ((v >> 4) & 0x0F0F_0F0F) | ((v & 0x0F0F_0F0F) << 4);
        return System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(v);
    }
}
