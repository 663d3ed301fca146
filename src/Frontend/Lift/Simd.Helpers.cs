using A64Jit.IR;
using A64Jit.IR.Semantics;

namespace A64Jit.Frontend.Lifting;

// Helpers shared by the floating-point, Advanced SIMD and cryptography handlers.
public sealed partial class Lifter
{
    /// <summary>The element size of a scalar FP ftype field: 00 single, 01 double, 11 half.</summary>
    static int FpTypeSize(uint ftype) => ftype switch { 0 => 32, 1 => 64, _ => 16 };

    /// <summary>Vector FP element size from the sz bit.</summary>
    static int FpSize(uint sz) => sz == 1 ? 64 : 32;

    /// <summary>Number of elements of <paramref name="esize"/> bits in a 64- or 128-bit vector.</summary>
    static int Lanes(uint q, int esize) => (q == 1 ? 128 : 64) / esize;

    static ulong FpAux(FpOp op, int esize, int lanes, int mode = SimdAux.FromFpcr, int imm = 0, int size2 = 0, bool flag = false) =>
        new SimdAux((byte)op, esize, lanes, mode, imm, size2, flag).Pack();

    Inst FpUnaryOp(FpOp op, int esize, int lanes, Inst x, int mode = SimdAux.FromFpcr, int imm = 0, int size2 = 0, bool flag = false) =>
        ir.EmitWithAux(Opcode.FpUnary, FpAux(op, esize, lanes, mode, imm, size2, flag), x);

    Inst FpBinaryOp(FpOp op, int esize, int lanes, Inst x, Inst y) =>
        ir.EmitWithAux(Opcode.FpBinary, FpAux(op, esize, lanes), x, y);

    Inst FpTernaryOp(FpOp op, int esize, int lanes, Inst acc, Inst x, Inst y) =>
        ir.EmitWithAux(Opcode.FpTernary, FpAux(op, esize, lanes), acc, x, y);

    static ulong VecAux(VecOp op, int esize, int lanes, int imm = 0, int size2 = 0) =>
        new SimdAux((byte)op, esize, lanes, 0, imm, size2).Pack();

    Inst VecUnaryOp(VecOp op, int esize, int lanes, Inst x, int imm = 0) =>
        ir.EmitWithAux(Opcode.VecUnary, VecAux(op, esize, lanes, imm), x);

    Inst VecBinaryOp(VecOp op, int esize, int lanes, Inst x, Inst y, int imm = 0) =>
        ir.EmitWithAux(Opcode.VecBinary, VecAux(op, esize, lanes, imm), x, y);

    Inst VecSatUnaryOp(VecOp op, int esize, int lanes, Inst x, int imm = 0) =>
        ir.EmitWithAux(Opcode.VecSatUnary, VecAux(op, esize, lanes, imm), x);

    Inst VecSatBinaryOp(VecOp op, int esize, int lanes, Inst x, Inst y) =>
        ir.EmitWithAux(Opcode.VecSatBinary, VecAux(op, esize, lanes), x, y);

    /// <summary>Element <paramref name="index"/> of <paramref name="esize"/> bits, zero-extended to u64.</summary>
    Inst Elem(Inst v, int esize, int index) => ir.EmitWithAux(Opcode.VecGetElement, VecAux(0, esize, 1, index), v);

    Inst WithElem(Inst v, int esize, int index, Inst value) =>
        ir.EmitWithAux(Opcode.VecSetElement, VecAux(0, esize, 1, index), v, ToU64(value));

    Inst Dup(Inst value, int esize, int lanes) => ir.EmitWithAux(Opcode.VecDup, VecAux(0, esize, lanes), ToU64(value));

    Inst VConst(ulong low) => ir.Const(IrType.U128, low);
    Inst VZero() => VConst(0);

    /// <summary>A u64 in the low half of a vector, the rest zero.</summary>
    Inst VFromU64(Inst low) => ir.Emit(Opcode.Pack128, low, ir.U64(0));

    /// <summary>Only the low <paramref name="esize"/> bits of <paramref name="v"/> (the scalar register view), the rest zero.</summary>
    Inst ScalarOf(Inst v, int esize) => esize == 128 ? v : VFromU64(Elem(v, esize, 0));

    /// <summary>The upper 64 bits moved down (the source of the "2" forms that read the upper half).</summary>
    Inst UpperHalf(Inst v) => VFromU64(ir.Emit(Opcode.High64, v));

    /// <summary>The "2" forms of narrowing instructions: Vd's low half kept, the 64-bit result in the upper half.</summary>
    Inst InsertUpperHalf(uint d, Inst narrow) => ir.Emit(Opcode.Pack128, ir.Emit(Opcode.Low64, V(d)), ir.Emit(Opcode.Low64, narrow));

    /// <summary>The two halves of the destination for a narrowing result: Q selects the "2" form.</summary>
    void VNarrow(uint q, uint d, Inst narrow) => V(d, q == 1 ? InsertUpperHalf(d, narrow) : narrow);

    /// <summary>Source half for the widening "2" forms.</summary>
    Inst HalfOf(uint q, Inst v) => q == 1 ? UpperHalf(v) : v;

    /// <summary>
    /// FABS (Bic) and FNEG (Eor) as pure bit operations on the sign bit of each element: they never touch
    /// FPCR or FPSR (FPAbs/FPNeg), even for NaNs.
    /// </summary>
    Inst SignBitOp(VecOp op, int esize, int lanes, Inst v) =>
        VecBinaryOp(op, esize, lanes, v, Dup(ir.U64(1UL << (esize - 1)), esize, 128 / esize));

    /// <summary>VFPExpandImm(): the 8-bit FP immediate as an <paramref name="n"/>-bit pattern.</summary>
    static ulong VFPExpandImm(uint imm8, int n)
    {
        int e = n switch { 16 => 5, 32 => 8, _ => 11 };
        int f = n - e - 1;
        ulong sign = (imm8 >> 7) & 1;
        ulong b6 = (imm8 >> 6) & 1;
        // exp = NOT(b6) : Replicate(b6, E-3) : imm8<5:4>
        ulong exp = ((b6 ^ 1) << (e - 1)) | ((b6 == 1 ? (1UL << (e - 3)) - 1 : 0) << 2) | ((imm8 >> 4) & 3);
        ulong frac = (ulong)(imm8 & 0xF) << (f - 4);
        return (sign << (n - 1)) | (exp << f) | frac;
    }
}
