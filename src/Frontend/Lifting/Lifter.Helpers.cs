using A64Jit.Frontend.Decoding;
using A64Jit.IR;

namespace A64Jit.Frontend.Lifting;

// Pseudocode helpers, named after the Arm ARM functions they implement.
// Handlers must decide UNDEFINED before emitting any IR: IR already emitted for an instruction runs.
public sealed partial class Lifter
{
    /// <summary>X[n] read (pseudocode X[]): register 31 reads as zero. Width 32 reads Wn.</summary>
    Inst X(uint n, int width)
    {
        Inst v = n == 31 ? ir.U64(0) : ir.EmitWithAux(Opcode.GetX, n);
        return width == 32 ? ir.Emit(Opcode.Truncate64To32, v) : v;
    }

    /// <summary>X[d] = value (pseudocode X[]): register 31 discards; a 32-bit value is zero-extended.</summary>
    void X(uint d, Inst value)
    {
        if (d == 31)
            return;
        ir.EmitWithAux(Opcode.SetX, d, ToU64(value));
    }

    /// <summary>SP read (pseudocode SP[]), 32 or 64 bits.</summary>
    Inst SP(int width)
    {
        var v = ir.Emit(Opcode.GetSp);
        return width == 32 ? ir.Emit(Opcode.Truncate64To32, v) : v;
    }

    /// <summary>SP = value (pseudocode SP[]); a 32-bit value is zero-extended.</summary>
    void SP(Inst value) => ir.Emit(Opcode.SetSp, ToU64(value));

    /// <summary>Register n as a base or source where 31 means SP.</summary>
    Inst XOrSP(uint n, int width) => n == 31 ? SP(width) : X(n, width);

    /// <summary>Write register d where 31 means SP.</summary>
    void XOrSP(uint d, Inst value)
    {
        if (d == 31)
            SP(value);
        else
            X(d, value);
    }

    /// <summary>V[n] read: the whole 128-bit SIMD&amp;FP register.</summary>
    Inst V(uint n) => ir.EmitWithAux(Opcode.GetV, n);

    /// <summary>V[d] = value: writes the whole 128-bit register.</summary>
    void V(uint d, Inst value) => ir.EmitWithAux(Opcode.SetV, d, value);

    Inst Nzcv() => ir.Emit(Opcode.GetNzcv);
    void Nzcv(Inst flags) => ir.Emit(Opcode.SetNzcv, flags);

    /// <summary>ConditionHolds(cond) on the current flags.</summary>
    Inst ConditionHolds(uint cond) => ir.EmitWithAux(Opcode.ConditionHolds, cond, Nzcv());

    /// <summary>Mem[address, size] read, zero-extended to 64 bits (size in bytes: 1, 2, 4, 8).</summary>
    Inst Mem(Inst address, int size)
    {
        CheckAlignment(address, size, write: false);
        return Load(address, size);
    }

    /// <summary>
    /// SCTLR_ELx.A checking, when the translation key has it on: a 16-byte access is checked as its two 8-byte
    /// halves, as QEMU does.
    /// </summary>
    void CheckAlignment(Inst address, int size, bool write)
    {
        if ((checks & LiftChecks.Alignment) != 0 && size > 1)
            ir.EmitWithAux(Opcode.CheckAlignment, (ulong)(uint)Math.Min(size, 8) | (write ? 0x100UL : 0UL), address);
    }

    Inst Load(Inst address, int size) => size switch
    {
        1 => ir.Emit(Opcode.ZeroExtend8To64, ir.Emit(Opcode.Load8, address)),
        2 => ir.Emit(Opcode.ZeroExtend16To64, ir.Emit(Opcode.Load16, address)),
        4 => ir.Emit(Opcode.ZeroExtend32To64, ir.Emit(Opcode.Load32, address)),
        8 => ir.Emit(Opcode.Load64, address),
        16 => ir.Emit(Opcode.Load128, address),
        _ => throw new ArgumentOutOfRangeException(nameof(size)),
    };

    /// <summary>Mem[address, size] = value: stores the low <paramref name="size"/> bytes of a u32/u64/u128 value.</summary>
    void Mem(Inst address, int size, Inst value)
    {
        CheckAlignment(address, size, write: true);
        switch (size)
        {
            case 1: ir.Emit(Opcode.Store8, address, Truncate(value, 8)); break;
            case 2: ir.Emit(Opcode.Store16, address, Truncate(value, 16)); break;
            case 4: ir.Emit(Opcode.Store32, address, Truncate(value, 32)); break;
            case 8: ir.Emit(Opcode.Store64, address, value.Type == IrType.U128 ? ir.Emit(Opcode.Low64, value) : ToU64(value)); break;
            case 16: ir.Emit(Opcode.Store128, address, value); break;
            default: throw new ArgumentOutOfRangeException(nameof(size));
        }
    }

    /// <summary>AddWithCarry(x, y, carry): the result, and the flags when <paramref name="setFlags"/>.</summary>
    Inst AddWithCarry(Inst x, Inst y, Inst carry, bool setFlags)
    {
        bool is64 = x.Type == IrType.U64;
        if (setFlags)
            Nzcv(ir.Emit(is64 ? Opcode.AddCarryFlags64 : Opcode.AddCarryFlags32, x, y, carry));
        return ir.Emit(is64 ? Opcode.AddCarry64 : Opcode.AddCarry32, x, y, carry);
    }

    /// <summary>The carry flag (PSTATE.C) as a u1.</summary>
    Inst CarryFlag() =>
        ir.Emit(Opcode.NotU1, ir.Emit(Opcode.Eq32, And(ir.Emit(Opcode.NzcvToU32, Nzcv()), ir.U32(1u << 29)), ir.U32(0)));

    /// <summary>ShiftReg(reg, shift_type, amount) with a constant amount.</summary>
    Inst ShiftReg(Inst value, uint shiftType, int amount)
    {
        if (amount == 0)
            return value;
        var by = Const(value.Type, (ulong)amount);
        return shiftType switch
        {
            0 => Lsl(value, by),
            1 => Lsr(value, by),
            2 => Asr(value, by),
            _ => Ror(value, by),
        };
    }

    /// <summary>ExtendReg(reg, extend_type, shift): extend the low 8/16/32/64 bits, then shift left.</summary>
    Inst ExtendReg(uint m, uint option, int shift, int width)
    {
        var value = X(m, 64);
        int size = 8 << (int)(option & 3);
        bool signed = (option & 4) != 0;
        Inst extended = size == 64 ? value : signed ? SignExtendFrom(value, size) : And(value, ir.U64((1UL << size) - 1));
        if (width == 32)
            extended = Truncate(extended, 32);
        return shift == 0 ? extended : Lsl(extended, Const(extended.Type, (ulong)shift));
    }

    /// <summary>DecodeBitMasks(N, imms, immr, immediate): (wmask, tmask), or null when the encoding is reserved.</summary>
    static (ulong WMask, ulong TMask)? DecodeBitMasks(uint n, uint imms, uint immr, bool immediate, int width) =>
        BitMasks.Decode(n, imms, immr, immediate, width);

    static ulong Ones(int n) => BitMasks.Ones(n);
    static ulong Replicate(ulong element, int esize, int width) => BitMasks.Replicate(element, esize, width);

    static long SignExtend(ulong value, int bits) => (long)(value << (64 - bits)) >> (64 - bits);
}
