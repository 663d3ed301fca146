using A64Jit.IR;

namespace A64Jit.Frontend.Lifting;

// Width-generic wrappers over the width-specific integer opcodes: the operand type picks Add32 or Add64.
public sealed partial class Lifter
{
    Inst Pick(Opcode op32, Opcode op64, params Inst[] args) => ir.Emit(args[0].Type == IrType.U64 ? op64 : op32, args);

    Inst Const(IrType type, ulong value) => ir.Const(type, value);
    Inst Const(int width, ulong value) => ir.Const(width == 64 ? IrType.U64 : IrType.U32, value);

    Inst Add(Inst a, Inst b) => Pick(Opcode.Add32, Opcode.Add64, a, b);
    Inst Sub(Inst a, Inst b) => Pick(Opcode.Sub32, Opcode.Sub64, a, b);
    Inst And(Inst a, Inst b) => Pick(Opcode.And32, Opcode.And64, a, b);
    Inst Or(Inst a, Inst b) => Pick(Opcode.Or32, Opcode.Or64, a, b);
    Inst Xor(Inst a, Inst b) => Pick(Opcode.Xor32, Opcode.Xor64, a, b);
    Inst Not(Inst a) => Pick(Opcode.Not32, Opcode.Not64, a);
    Inst Lsl(Inst a, Inst by) => Pick(Opcode.Lsl32, Opcode.Lsl64, a, by);
    Inst Lsr(Inst a, Inst by) => Pick(Opcode.Lsr32, Opcode.Lsr64, a, by);
    Inst Asr(Inst a, Inst by) => Pick(Opcode.Asr32, Opcode.Asr64, a, by);
    Inst Ror(Inst a, Inst by) => Pick(Opcode.Ror32, Opcode.Ror64, a, by);
    Inst Mul(Inst a, Inst b) => Pick(Opcode.Mul32, Opcode.Mul64, a, b);
    Inst IsZero(Inst a) => Pick(Opcode.Eq32, Opcode.Eq64, a, Const(a.Type, 0));
    Inst Equal(Inst a, Inst b) => Pick(Opcode.Eq32, Opcode.Eq64, a, b);
    Inst Select(Inst cond, Inst a, Inst b) => ir.Select(cond, a, b);
    Inst LogicFlags(Inst result) => Pick(Opcode.LogicFlags32, Opcode.LogicFlags64, result);

    /// <summary>Zero-extends a u1/u8/u16/u32 to u64; a u64 is returned as it is.</summary>
    Inst ToU64(Inst v) => v.Type switch
    {
        IrType.U64 => v,
        IrType.U32 => ir.Emit(Opcode.ZeroExtend32To64, v),
        IrType.U16 => ir.Emit(Opcode.ZeroExtend16To64, v),
        IrType.U8 => ir.Emit(Opcode.ZeroExtend8To64, v),
        IrType.U1 => ir.Emit(Opcode.ZeroExtend1To64, v),
        _ => throw new ArgumentException($"cannot widen {v.Type.Name()} to u64"),
    };

    /// <summary>Zero-extends to u32 (from u1/u8/u16) or truncates (from u64).</summary>
    Inst ToU32(Inst v) => v.Type switch
    {
        IrType.U32 => v,
        IrType.U64 => ir.Emit(Opcode.Truncate64To32, v),
        IrType.U16 => ir.Emit(Opcode.ZeroExtend16To32, v),
        IrType.U8 => ir.Emit(Opcode.ZeroExtend8To32, v),
        IrType.U1 => ir.Emit(Opcode.ZeroExtend1To32, v),
        _ => throw new ArgumentException($"cannot convert {v.Type.Name()} to u32"),
    };

    /// <summary>Zero-extends or truncates an integer value to 32 or 64 bits.</summary>
    Inst ToWidth(Inst v, int width) => width == 64 ? ToU64(v) : ToU32(v);

    /// <summary>The low 8, 16, 32 or 64 bits of a u32/u64/u128 value, as u8/u16/u32/u64.</summary>
    Inst Truncate(Inst v, int bits)
    {
        if (v.Type == IrType.U128)
            v = ir.Emit(Opcode.Low64, v);
        bool from64 = v.Type == IrType.U64;
        return bits switch
        {
            8 => ir.Emit(from64 ? Opcode.Truncate64To8 : Opcode.Truncate32To8, v),
            16 => ir.Emit(from64 ? Opcode.Truncate64To16 : Opcode.Truncate32To16, v),
            32 => from64 ? ir.Emit(Opcode.Truncate64To32, v) : v,
            64 => v,
            _ => throw new ArgumentOutOfRangeException(nameof(bits)),
        };
    }

    /// <summary>Sign-extends the low <paramref name="bits"/> bits (8, 16, 32) of a u64 to 64 bits.</summary>
    Inst SignExtendFrom(Inst v64, int bits) => bits switch
    {
        8 => ir.Emit(Opcode.SignExtend8To64, Truncate(v64, 8)),
        16 => ir.Emit(Opcode.SignExtend16To64, Truncate(v64, 16)),
        32 => ir.Emit(Opcode.SignExtend32To64, Truncate(v64, 32)),
        _ => v64,
    };
}
