using A64Jit.IR;
using A64Jit.IR.Semantics;

namespace A64Jit.Frontend.Lifting;

// C4.1.95 Data Processing -- Scalar Floating-Point: the scalar result is lane 0 of Vd, the rest zeroed.
public sealed partial class Lifter
{
    // ---- Data-processing (2 source) ------------------------------------------------------------
    [Handler] void FMUL_float(uint t, uint m, uint n, uint d) => FpScalar2(FpOp.Mul, t, m, n, d);
    [Handler] void FDIV_float(uint t, uint m, uint n, uint d) => FpScalar2(FpOp.Div, t, m, n, d);
    [Handler] void FADD_float(uint t, uint m, uint n, uint d) => FpScalar2(FpOp.Add, t, m, n, d);
    [Handler] void FSUB_float(uint t, uint m, uint n, uint d) => FpScalar2(FpOp.Sub, t, m, n, d);
    [Handler] void FMAX_float(uint t, uint m, uint n, uint d) => FpScalar2(FpOp.Max, t, m, n, d);
    [Handler] void FMIN_float(uint t, uint m, uint n, uint d) => FpScalar2(FpOp.Min, t, m, n, d);
    [Handler] void FMAXNM_float(uint t, uint m, uint n, uint d) => FpScalar2(FpOp.MaxNum, t, m, n, d);
    [Handler] void FMINNM_float(uint t, uint m, uint n, uint d) => FpScalar2(FpOp.MinNum, t, m, n, d);
    [Handler] void FNMUL_float(uint t, uint m, uint n, uint d) => FpScalar2(FpOp.NMul, t, m, n, d);

    void FpScalar2(FpOp op, uint ftype, uint m, uint n, uint d) =>
        V(d, FpBinaryOp(op, FpTypeSize(ftype), 1, V(n), V(m)));

    // ---- Data-processing (3 source) ------------------------------------------------------------
    [Handler] void FMADD_float(uint t, uint m, uint a, uint n, uint d) => FpScalar3(FpOp.MulAdd, t, m, a, n, d);
    [Handler] void FMSUB_float(uint t, uint m, uint a, uint n, uint d) => FpScalar3(FpOp.MulSub, t, m, a, n, d);
    [Handler] void FNMADD_float(uint t, uint m, uint a, uint n, uint d) => FpScalar3(FpOp.NMulAdd, t, m, a, n, d);
    [Handler] void FNMSUB_float(uint t, uint m, uint a, uint n, uint d) => FpScalar3(FpOp.NMulSub, t, m, a, n, d);

    void FpScalar3(FpOp op, uint ftype, uint m, uint a, uint n, uint d) =>
        V(d, FpTernaryOp(op, FpTypeSize(ftype), 1, V(a), V(n), V(m)));

    // ---- Data-processing (1 source) ------------------------------------------------------------
    [Handler] void FMOV_float(uint t, uint n, uint d) => V(d, ScalarOf(V(n), FpTypeSize(t)));
    [Handler] void FABS_float(uint t, uint n, uint d) => V(d, SignBitOp(VecOp.Bic, FpTypeSize(t), 1, V(n)));
    [Handler] void FNEG_float(uint t, uint n, uint d) => V(d, SignBitOp(VecOp.Eor, FpTypeSize(t), 1, V(n)));
    [Handler] void FSQRT_float(uint t, uint n, uint d) => FpScalar1(FpOp.Sqrt, t, n, d);
    [Handler] void FRINTN_float(uint t, uint n, uint d) => FpScalar1(FpOp.RoundInt, t, n, d, FpRounding.TieEven);
    [Handler] void FRINTP_float(uint t, uint n, uint d) => FpScalar1(FpOp.RoundInt, t, n, d, FpRounding.PosInf);
    [Handler] void FRINTM_float(uint t, uint n, uint d) => FpScalar1(FpOp.RoundInt, t, n, d, FpRounding.NegInf);
    [Handler] void FRINTZ_float(uint t, uint n, uint d) => FpScalar1(FpOp.RoundInt, t, n, d, FpRounding.Zero);
    [Handler] void FRINTA_float(uint t, uint n, uint d) => FpScalar1(FpOp.RoundInt, t, n, d, FpRounding.TieAway);
    [Handler] void FRINTX_float(uint t, uint n, uint d) => FpScalar1(FpOp.RoundIntExact, t, n, d);
    [Handler] void FRINTI_float(uint t, uint n, uint d) => FpScalar1(FpOp.RoundInt, t, n, d);
    [Handler] void FRINT32Z_float(uint t, uint n, uint d) => FpScalar1(FpOp.RoundInt32, t, n, d, FpRounding.Zero);
    [Handler] void FRINT32X_float(uint t, uint n, uint d) => FpScalar1(FpOp.RoundInt32, t, n, d);
    [Handler] void FRINT64Z_float(uint t, uint n, uint d) => FpScalar1(FpOp.RoundInt64, t, n, d, FpRounding.Zero);
    [Handler] void FRINT64X_float(uint t, uint n, uint d) => FpScalar1(FpOp.RoundInt64, t, n, d);

    void FpScalar1(FpOp op, uint ftype, uint n, uint d, FpRounding? rounding = null) =>
        V(d, FpUnaryOp(op, FpTypeSize(ftype), 1, V(n), rounding is { } r ? (int)r : SimdAux.FromFpcr));

    [Handler]
    void FCVT_float(uint t, uint o, uint n, uint d) =>
        V(d, FpUnaryOp(FpOp.Convert, FpTypeSize(t), 1, V(n), size2: FpTypeSize(o)));

    // ---- Compare, conditional compare, conditional select, immediate ---------------------------
    [Handler]
    void FCMP_float(uint t, uint m, uint n, bool e) =>
        Nzcv(ir.EmitWithAux(Opcode.FpCompare, FpAux(FpOp.Sub, FpTypeSize(t), 1, flag: e), V(n), V(m)));

    [Handler]
    void FCMP_float_zero(uint t, uint n, bool e) =>
        Nzcv(ir.EmitWithAux(Opcode.FpCompare, FpAux(FpOp.Sub, FpTypeSize(t), 1, flag: e), V(n), VZero()));

    [Handler]
    void FCCMP_float(uint t, uint m, uint c, uint n, bool e, uint f) =>
        Nzcv(ir.EmitWithAux(Opcode.FpCondCompare, FpAux(FpOp.Sub, FpTypeSize(t), 1, imm: (int)f, flag: e),
            ConditionHolds(c), V(n), V(m)));

    [Handler]
    void FCSEL_float(uint t, uint m, uint c, uint n, uint d)
    {
        int esize = FpTypeSize(t);
        V(d, Select(ConditionHolds(c), ScalarOf(V(n), esize), ScalarOf(V(m), esize)));
    }

    [Handler] void FMOV_float_imm(uint t, uint i, uint d) => V(d, VConst(VFPExpandImm(i, FpTypeSize(t))));

    // ---- Conversions between floating point and integer ----------------------------------------
    [Handler] void FCVTNS_float(uint z, uint t, uint n, uint d) => FpToInt(z, t, n, d, FpRounding.TieEven, false);
    [Handler] void FCVTNU_float(uint z, uint t, uint n, uint d) => FpToInt(z, t, n, d, FpRounding.TieEven, true);
    [Handler] void FCVTAS_float(uint z, uint t, uint n, uint d) => FpToInt(z, t, n, d, FpRounding.TieAway, false);
    [Handler] void FCVTAU_float(uint z, uint t, uint n, uint d) => FpToInt(z, t, n, d, FpRounding.TieAway, true);
    [Handler] void FCVTPS_float(uint z, uint t, uint n, uint d) => FpToInt(z, t, n, d, FpRounding.PosInf, false);
    [Handler] void FCVTPU_float(uint z, uint t, uint n, uint d) => FpToInt(z, t, n, d, FpRounding.PosInf, true);
    [Handler] void FCVTMS_float(uint z, uint t, uint n, uint d) => FpToInt(z, t, n, d, FpRounding.NegInf, false);
    [Handler] void FCVTMU_float(uint z, uint t, uint n, uint d) => FpToInt(z, t, n, d, FpRounding.NegInf, true);
    [Handler] void FCVTZS_float_int(uint z, uint t, uint n, uint d) => FpToInt(z, t, n, d, FpRounding.Zero, false);
    [Handler] void FCVTZU_float_int(uint z, uint t, uint n, uint d) => FpToInt(z, t, n, d, FpRounding.Zero, true);
    [Handler] void FCVTZS_float_fix(uint z, uint t, uint s, uint n, uint d) => FpToInt(z, t, n, d, FpRounding.Zero, false, 64 - (int)s);
    [Handler] void FCVTZU_float_fix(uint z, uint t, uint s, uint n, uint d) => FpToInt(z, t, n, d, FpRounding.Zero, true, 64 - (int)s);

    void FpToInt(uint sf, uint ftype, uint n, uint d, FpRounding rounding, bool unsigned, int fbits = 0)
    {
        int width = sf == 1 ? 64 : 32;
        var aux = FpAux(FpOp.ToFixed, FpTypeSize(ftype), 1, (int)rounding, fbits, width, unsigned);
        X(d, ir.EmitWithAux(Opcode.FpToInt, aux, V(n)));
    }

    [Handler] void SCVTF_float_int(uint z, uint t, uint n, uint d) => IntToFp(z, t, n, d, false);
    [Handler] void UCVTF_float_int(uint z, uint t, uint n, uint d) => IntToFp(z, t, n, d, true);
    [Handler] void SCVTF_float_fix(uint z, uint t, uint s, uint n, uint d) => IntToFp(z, t, n, d, false, 64 - (int)s);
    [Handler] void UCVTF_float_fix(uint z, uint t, uint s, uint n, uint d) => IntToFp(z, t, n, d, true, 64 - (int)s);

    void IntToFp(uint sf, uint ftype, uint n, uint d, bool unsigned, int fbits = 0)
    {
        int width = sf == 1 ? 64 : 32;
        var aux = FpAux(FpOp.FromFixed, FpTypeSize(ftype), 1, SimdAux.FromFpcr, fbits, width, unsigned);
        V(d, ir.EmitWithAux(Opcode.IntToFp, aux, X(n, 64)));
    }

    [Handler]
    void FMOV_float_gen(uint z, uint t, uint n, uint d) => X(d, Elem(V(n), FpTypeSize(t), 0));

    [Handler]
    void FMOV_gen_float(uint z, uint t, uint n, uint d)
    {
        int esize = FpTypeSize(t);
        var value = X(n, 64);
        if (esize < 64)
            value = And(value, ir.U64((1UL << esize) - 1));
        V(d, VFromU64(value));
    }

    [Handler] void FMOV_float_gen_top(uint n, uint d) => X(d, ir.Emit(Opcode.High64, V(n)));

    [Handler]
    void FMOV_gen_float_top(uint n, uint d) => V(d, ir.Emit(Opcode.Pack128, ir.Emit(Opcode.Low64, V(d)), X(n, 64)));

    [Handler]
    void FJCVTZS(uint n, uint d)
    {
        var r = ir.Emit(Opcode.FpToInt32Js, V(n));
        X(d, And(r, ir.U64(0xFFFF_FFFF)));
        // Z (bit 32 of the result) becomes PSTATE.Z (bit 30); N, C and V are cleared.
        var z = Truncate(And(Lsr(r, ir.U64(2)), ir.U64(1UL << 30)), 32);
        Nzcv(ir.Emit(Opcode.U32ToNzcv, z));
    }
}
