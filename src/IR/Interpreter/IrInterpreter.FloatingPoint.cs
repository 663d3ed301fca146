using A64Jit.IR.Semantics;

namespace A64Jit.IR;

public sealed partial class IrInterpreter
{
    // Scalar floating-point semantics (the "Scalar floating point" section of Opcode): all of them
    // go through Semantics.FpCore, which reads FPCR and accumulates the FPSR exception bits.
    bool TryEvalFloatingPoint(Inst inst, Inst[] a, IGuestContext ctx, out ulong r)
    {
        r = 0;
        switch (inst.Op)
        {
            case Opcode.FpCompare:
            {
                var aux = SimdAux.Unpack(inst.Aux);
                uint fpsr = ctx.Fpsr;
                r = FpCore.Compare(Lane(W(a[0]), aux.ESize, 0), Lane(W(a[1]), aux.ESize, 0), aux.ESize, ctx.Fpcr, ref fpsr, aux.Flag);
                SetFpsr(ctx, fpsr);
                return true;
            }
            case Opcode.FpCondCompare:
            {
                var aux = SimdAux.Unpack(inst.Aux);
                if (V(a[0]) == 0)
                {
                    r = (ulong)aux.Imm << 28;
                    return true;
                }
                uint fpsr = ctx.Fpsr;
                r = FpCore.Compare(Lane(W(a[1]), aux.ESize, 0), Lane(W(a[2]), aux.ESize, 0), aux.ESize, ctx.Fpcr, ref fpsr, aux.Flag);
                SetFpsr(ctx, fpsr);
                return true;
            }
            case Opcode.FpToInt:
            {
                var aux = SimdAux.Unpack(inst.Aux);
                uint fpsr = ctx.Fpsr, fpcr = ctx.Fpcr;
                r = FpCore.ToFixed(Lane(W(a[0]), aux.ESize, 0), aux.ESize, aux.Imm, aux.Flag, aux.Size2, fpcr, ref fpsr, aux.Rounding(fpcr));
                SetFpsr(ctx, fpsr);
                return true;
            }
            case Opcode.FpToInt32Js:
            {
                uint fpsr = ctx.Fpsr;
                var (result, z) = FpCore.ToFixedJs((ulong)W(a[0]), ctx.Fpcr, ref fpsr);
                r = result | (z ? 1UL << 32 : 0);
                SetFpsr(ctx, fpsr);
                return true;
            }
        }
        return false;
    }

    bool TryEvalFloatingPoint128(Inst inst, Inst[] a, IGuestContext ctx, out UInt128 r)
    {
        r = 0;
        switch (inst.Op)
        {
            case Opcode.FpUnary: r = FpUnary(SimdAux.Unpack(inst.Aux), W(a[0]), ctx); return true;
            case Opcode.FpBinary: r = FpBinary(SimdAux.Unpack(inst.Aux), W(a[0]), W(a[1]), ctx); return true;
            case Opcode.FpTernary: r = FpTernary(SimdAux.Unpack(inst.Aux), W(a[0]), W(a[1]), W(a[2]), ctx); return true;
            case Opcode.IntToFp:
            {
                var aux = SimdAux.Unpack(inst.Aux);
                uint fpsr = ctx.Fpsr, fpcr = ctx.Fpcr;
                r = FpCore.FromFixed(V(a[0]), aux.Size2, aux.Imm, aux.Flag, aux.ESize, fpcr, ref fpsr, aux.Rounding(fpcr));
                SetFpsr(ctx, fpsr);
                return true;
            }
        }
        return false;
    }

    static void SetFpsr(IGuestContext ctx, uint fpsr)
    {
        if (fpsr != ctx.Fpsr)
            ctx.Fpsr = fpsr;
    }

    /// <summary>Element <paramref name="i"/> of <paramref name="esize"/> bits.</summary>
    public static ulong Lane(UInt128 v, int esize, int i) =>
        esize >= 64 ? (ulong)(v >> (64 * i)) : (ulong)(v >> (esize * i)) & ((1UL << esize) - 1);

    /// <summary><paramref name="v"/> with element <paramref name="i"/> of <paramref name="esize"/> bits replaced by the low bits of <paramref name="x"/>.</summary>
    public static UInt128 WithLane(UInt128 v, int esize, int i, ulong x)
    {
        UInt128 mask = esize >= 64 ? ulong.MaxValue : (1UL << esize) - 1;
        int at = esize * i;
        return (v & ~(mask << at)) | (((UInt128)x & mask) << at);
    }

    static UInt128 FpUnary(SimdAux aux, UInt128 x, IGuestContext ctx)
    {
        uint fpcr = ctx.Fpcr, fpsr = ctx.Fpsr;
        int n = aux.ESize;
        var op = (FpOp)aux.Op;
        var rounding = aux.Rounding(fpcr);
        UInt128 result = 0;
        if (op is FpOp.MaxV or FpOp.MinV or FpOp.MaxNumV or FpOp.MinNumV or FpOp.AddV)
        {
            result = Reduce(op, x, n, 0, aux.Lanes, fpcr, ref fpsr);
            SetFpsr(ctx, fpsr);
            return result;
        }
        for (int i = 0; i < aux.Lanes; i++)
        {
            ulong e = Lane(x, n, i);
            ulong y;
            switch (op)
            {
                case FpOp.Sqrt: y = FpCore.Sqrt(e, n, fpcr, ref fpsr); break;
                case FpOp.RoundInt: y = FpCore.RoundInt(e, n, fpcr, ref fpsr, rounding, exact: false); break;
                case FpOp.RoundIntExact: y = FpCore.RoundInt(e, n, fpcr, ref fpsr, rounding, exact: true); break;
                case FpOp.RoundInt32: y = FpCore.RoundIntN(e, n, fpcr, ref fpsr, rounding, 32); break;
                case FpOp.RoundInt64: y = FpCore.RoundIntN(e, n, fpcr, ref fpsr, rounding, 64); break;
                case FpOp.RecipEstimate: y = FpCore.RecipEstimate(e, n, fpcr, ref fpsr); break;
                case FpOp.RSqrtEstimate: y = FpCore.RSqrtEstimate(e, n, fpcr, ref fpsr); break;
                case FpOp.RecpX: y = FpCore.RecpX(e, n, fpcr, ref fpsr); break;
                case FpOp.ToFixed: y = FpCore.ToFixed(e, n, aux.Imm, aux.Flag, n, fpcr, ref fpsr, rounding); break;
                case FpOp.FromFixed: y = FpCore.FromFixed(e, n, aux.Imm, aux.Flag, n, fpcr, ref fpsr, rounding); break;
                case FpOp.Convert:
                    result = WithLane(result, aux.Size2, i, FpCore.Convert(e, n, aux.Size2, fpcr, ref fpsr, rounding, honorFz16: aux.Flag));
                    continue;
                case FpOp.CmEqZero: y = Mask(FpCore.CompareOrdered(e, 0, n, fpcr, ref fpsr, FpCore.CompareKind.Eq), n); break;
                case FpOp.CmGeZero: y = Mask(FpCore.CompareOrdered(e, 0, n, fpcr, ref fpsr, FpCore.CompareKind.Ge), n); break;
                case FpOp.CmGtZero: y = Mask(FpCore.CompareOrdered(e, 0, n, fpcr, ref fpsr, FpCore.CompareKind.Gt), n); break;
                case FpOp.CmLeZero: y = Mask(FpCore.CompareOrdered(0, e, n, fpcr, ref fpsr, FpCore.CompareKind.Ge), n); break;
                case FpOp.CmLtZero: y = Mask(FpCore.CompareOrdered(0, e, n, fpcr, ref fpsr, FpCore.CompareKind.Gt), n); break;
                case FpOp.Abs: y = FpCore.Abs(e, n); break;
                case FpOp.Neg: y = FpCore.Neg(e, n); break;
                default: throw new InvalidOperationException($"FpUnary cannot do {op}");
            }
            result = WithLane(result, n, i, y);
        }
        SetFpsr(ctx, fpsr);
        return result;
    }

    static ulong Mask(bool b, int n) => b ? (n >= 64 ? ulong.MaxValue : (1UL << n) - 1) : 0;

    /// <summary>Reduce() from the pseudocode: halves combined recursively, lower half first.</summary>
    static UInt128 Reduce(FpOp op, UInt128 x, int n, int first, int count, uint fpcr, ref uint fpsr)
    {
        if (count == 1)
            return Lane(x, n, first);
        int half = count / 2;
        ulong lo = (ulong)Reduce(op, x, n, first, half, fpcr, ref fpsr);
        ulong hi = (ulong)Reduce(op, x, n, first + half, half, fpcr, ref fpsr);
        return op switch
        {
            FpOp.MaxV => FpCore.MaxMin(lo, hi, n, fpcr, ref fpsr, max: true),
            FpOp.MinV => FpCore.MaxMin(lo, hi, n, fpcr, ref fpsr, max: false),
            FpOp.MaxNumV => FpCore.MaxMinNum(lo, hi, n, fpcr, ref fpsr, max: true),
            FpOp.MinNumV => FpCore.MaxMinNum(lo, hi, n, fpcr, ref fpsr, max: false),
            _ => FpCore.Add(lo, hi, n, fpcr, ref fpsr),
        };
    }

    static UInt128 FpBinary(SimdAux aux, UInt128 x, UInt128 y, IGuestContext ctx)
    {
        uint fpcr = ctx.Fpcr, fpsr = ctx.Fpsr;
        int n = aux.ESize;
        var op = (FpOp)aux.Op;
        UInt128 result = 0;
        for (int i = 0; i < aux.Lanes; i++)
        {
            ulong p, q;
            if (op is FpOp.AddP or FpOp.MaxP or FpOp.MinP or FpOp.MaxNumP or FpOp.MinNumP)
            {
                // Pairs of the concatenation y:x (of Lanes elements each).
                int j = 2 * i;
                p = j < aux.Lanes ? Lane(x, n, j) : Lane(y, n, j - aux.Lanes);
                q = j + 1 < aux.Lanes ? Lane(x, n, j + 1) : Lane(y, n, j + 1 - aux.Lanes);
            }
            else
            {
                p = Lane(x, n, i);
                q = Lane(y, n, i);
            }
            ulong e = op switch
            {
                FpOp.Add or FpOp.AddP => FpCore.Add(p, q, n, fpcr, ref fpsr),
                FpOp.Sub => FpCore.Add(p, q, n, fpcr, ref fpsr, subtract: true),
                FpOp.Mul => FpCore.Mul(p, q, n, fpcr, ref fpsr),
                FpOp.NMul => FpCore.Neg(FpCore.Mul(p, q, n, fpcr, ref fpsr), n),
                FpOp.Div => FpCore.Div(p, q, n, fpcr, ref fpsr),
                FpOp.Max or FpOp.MaxP => FpCore.MaxMin(p, q, n, fpcr, ref fpsr, max: true),
                FpOp.Min or FpOp.MinP => FpCore.MaxMin(p, q, n, fpcr, ref fpsr, max: false),
                FpOp.MaxNum or FpOp.MaxNumP => FpCore.MaxMinNum(p, q, n, fpcr, ref fpsr, max: true),
                FpOp.MinNum or FpOp.MinNumP => FpCore.MaxMinNum(p, q, n, fpcr, ref fpsr, max: false),
                FpOp.MulX => FpCore.MulX(p, q, n, fpcr, ref fpsr),
                FpOp.Abd => FpCore.Abs(FpCore.Add(p, q, n, fpcr, ref fpsr, subtract: true), n),
                FpOp.RecipStep => FpCore.StepFused(p, q, n, fpcr, ref fpsr, rsqrt: false),
                FpOp.RSqrtStep => FpCore.StepFused(p, q, n, fpcr, ref fpsr, rsqrt: true),
                FpOp.CmEq => Mask(FpCore.CompareOrdered(p, q, n, fpcr, ref fpsr, FpCore.CompareKind.Eq), n),
                FpOp.CmGe => Mask(FpCore.CompareOrdered(p, q, n, fpcr, ref fpsr, FpCore.CompareKind.Ge), n),
                FpOp.CmGt => Mask(FpCore.CompareOrdered(p, q, n, fpcr, ref fpsr, FpCore.CompareKind.Gt), n),
                FpOp.AcGe => Mask(FpCore.CompareOrdered(FpCore.Abs(p, n), FpCore.Abs(q, n), n, fpcr, ref fpsr, FpCore.CompareKind.Ge), n),
                FpOp.AcGt => Mask(FpCore.CompareOrdered(FpCore.Abs(p, n), FpCore.Abs(q, n), n, fpcr, ref fpsr, FpCore.CompareKind.Gt), n),
                _ => throw new InvalidOperationException($"FpBinary cannot do {op}"),
            };
            result = WithLane(result, n, i, e);
        }
        SetFpsr(ctx, fpsr);
        return result;
    }

    static UInt128 FpTernary(SimdAux aux, UInt128 acc, UInt128 x, UInt128 y, IGuestContext ctx)
    {
        uint fpcr = ctx.Fpcr, fpsr = ctx.Fpsr;
        int n = aux.ESize;
        var op = (FpOp)aux.Op;
        UInt128 result = 0;
        if (op is FpOp.MulAddH or FpOp.MulSubH)
        {
            for (int i = 0; i < aux.Lanes; i++)
            {
                ulong p = Lane(x, 16, i);
                if (op == FpOp.MulSubH) p = FpCore.Neg(p, 16);
                result = WithLane(result, 32, i, FpCore.MulAddH(Lane(acc, 32, i), p, Lane(y, 16, i), fpcr, ref fpsr));
            }
            SetFpsr(ctx, fpsr);
            return result;
        }
        for (int i = 0; i < aux.Lanes; i++)
        {
            ulong c = Lane(acc, n, i), p = Lane(x, n, i), q = Lane(y, n, i);
            // FMSUB/FMLS negate op1, FNMADD negates both, FNMSUB the addend (FPNeg, even of a NaN).
            if (op is FpOp.MulSub or FpOp.NMulAdd) p = FpCore.Neg(p, n);
            if (op is FpOp.NMulAdd or FpOp.NMulSub) c = FpCore.Neg(c, n);
            result = WithLane(result, n, i, FpCore.MulAdd(c, p, q, n, fpcr, ref fpsr));
        }
        SetFpsr(ctx, fpsr);
        return result;
    }
}
