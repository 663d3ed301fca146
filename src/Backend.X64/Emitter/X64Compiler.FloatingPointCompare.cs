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
/// </summary>
public sealed partial class X64Compiler
{
    static bool IsFloatingPointCompare(FpOp op) => op is FpOp.CmEq or FpOp.CmGe or FpOp.CmGt;

    void EmitFloatingPointCompare(Inst inst, SimdAux aux)
    {
        bool dbl = aux.ESize == 64, scalar = aux.Lanes == 1;
        int bits = aux.ESize * aux.Lanes;
        var slow = asm.CreateLabel();
        BeginHostFp(slow);
        if (scalar)
        {
            LoadScalar(xmm0, inst.Args[0], dbl);
            LoadScalar(xmm1, inst.Args[1], dbl);
        }
        else
        {
            LoadOperand(xmm0, inst.Args[0], bits == 128);
            LoadOperand(xmm1, inst.Args[1], bits == 128);
        }
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
