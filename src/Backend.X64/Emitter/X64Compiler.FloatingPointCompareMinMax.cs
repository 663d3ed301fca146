using A64Jit.IR;
using A64Jit.IR.Semantics;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>
/// FCMEQ, FCMGE and FCMGT (register), scalar and on .2S/.4S/.2D, with cmpss/cmpsd/cmpps/cmppd: each lane
/// becomes all ones where the comparison holds. x86 and Arm agree on every ordered comparison; the
/// unordered ones go to the exact helper through the host's flags. EQ is a quiet predicate on both
/// (a quiet NaN gives false with no exception, as Arm's does), and GE and GT use the signalling LE and
/// LT (operands swapped), which raise invalid for any NaN. Denormal operands raise the host's denormal
/// flag, so they take the helper too, as does FPCR out of its default mode.
/// <para>
/// FMAX/FMIN/FMAXNM/FMINNM, scalar and vector, with maxps/minps and friends. x86 returns the second
/// operand whenever the lanes are unordered or both zero, so the operation runs both ways round: where
/// the two results agree bit for bit in every lane (no NaN, no +0/-0 pair), they are Arm's result for
/// all four operations; otherwise the exact helper decides.
/// </para>
/// </summary>
public sealed partial class X64Compiler
{
    static bool IsFloatingPointCompare(FpOp op) => op is FpOp.CmEq or FpOp.CmGe or FpOp.CmGt;

    static bool IsFloatingPointMinMax(FpOp op) => op is FpOp.Max or FpOp.Min or FpOp.MaxNum or FpOp.MinNum;

    /// <summary>Both operands into xmm0 and xmm1: the low element (the rest zero), or the vector.</summary>
    void LoadFloatingPointOperands(Inst inst, SimdAux aux)
    {
        bool dbl = aux.ESize == 64;
        if (aux.Lanes == 1)
        {
            LoadScalar(xmm0, inst.Args[0], dbl);
            LoadScalar(xmm1, inst.Args[1], dbl);
        }
        else
        {
            bool wide = aux.ESize * aux.Lanes == 128;
            LoadOperand(xmm0, inst.Args[0], wide);
            LoadOperand(xmm1, inst.Args[1], wide);
        }
    }

    void EmitFloatingPointMinMax(Inst inst, SimdAux aux)
    {
        bool dbl = aux.ESize == 64, scalar = aux.Lanes == 1;
        bool max = (FpOp)aux.Op is FpOp.Max or FpOp.MaxNum;
        var slow = asm.CreateLabel();
        BeginHostFp(slow);
        LoadFloatingPointOperands(inst, aux);
        asm.movdqa(xmm2, xmm0);
        // xmm0 = op(a, b), xmm1 = op(b, a).
        foreach (var (dst, src) in new[] { (xmm0, xmm1), (xmm1, xmm2) })
        {
            switch (scalar, dbl, max)
            {
                case (true, true, true): asm.maxsd(dst, src); break;
                case (true, true, false): asm.minsd(dst, src); break;
                case (true, false, true): asm.maxss(dst, src); break;
                case (true, false, false): asm.minss(dst, src); break;
                case (false, true, true): asm.maxpd(dst, src); break;
                case (false, true, false): asm.minpd(dst, src); break;
                case (false, false, true): asm.maxps(dst, src); break;
                default: asm.minps(dst, src); break;
            }
        }
        asm.pcmpeqb(xmm1, xmm0);
        asm.pmovmskb(eax, xmm1);
        asm.cmp(eax, 0xFFFF);
        asm.jne(slow);
        CheckHostFpFlags(slow);
        EndHostFp(inst, slow);
    }

    void EmitFloatingPointCompare(Inst inst, SimdAux aux)
    {
        bool dbl = aux.ESize == 64, scalar = aux.Lanes == 1;
        int bits = aux.ESize * aux.Lanes;
        var slow = asm.CreateLabel();
        BeginHostFp(slow);
        LoadFloatingPointOperands(inst, aux);
        var op = (FpOp)aux.Op;
        // a == b in xmm0; a >= b as b <= a and a > b as b < a, computed in xmm1.
        const byte Eq = 0, Lt = 1, Le = 2;
        var (dst, src) = op == FpOp.CmEq ? (xmm0, xmm1) : (xmm1, xmm0);
        byte predicate = op switch { FpOp.CmEq => Eq, FpOp.CmGe => Le, _ => Lt };
        if (scalar)
        {
            if (dbl)
                asm.cmpsd(dst, src, predicate);
            else
                asm.cmpss(dst, src, predicate);
        }
        else if (dbl)
            asm.cmppd(dst, src, predicate);
        else
            asm.cmpps(dst, src, predicate);
        if (dst != xmm0)
            asm.movdqa(xmm0, dst);
        // A 64-bit vector compared its zero upper lanes too (equal): Arm clears them.
        if (!scalar && bits == 64)
            asm.movq(xmm0, xmm0);
        CheckHostFpFlags(slow);
        EndHostFp(inst, slow);
    }
}
