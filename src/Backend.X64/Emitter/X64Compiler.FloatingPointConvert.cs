using A64Jit.IR;
using A64Jit.IR.Semantics;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>
/// FCVTZS (vector, integer) and SCVTF (vector, integer) on .2S and .4S with cvttps2dq and cvtdq2ps.
/// Truncation to a signed word is exact on both architectures for every in-range operand, and x86 flags
/// precision when it drops a fraction, as Arm flags IXC; a NaN or an out-of-range operand gives x86's
/// integer indefinite and raises invalid, which sends the instruction to the exact helper (Arm saturates).
/// Converting a signed word rounds by MXCSR, which is round-to-nearest-even like the default FPCR, and
/// flags precision when it rounds. FPCR out of its default mode takes the helper, as for the arithmetic.
/// </summary>
public sealed partial class X64Compiler
{
    static bool IsVectorConversion(SimdAux aux) =>
        aux.ESize == 32 && aux.Lanes is 2 or 4 && aux.Imm == 0 && !aux.Flag
        && (((FpOp)aux.Op == FpOp.ToFixed && aux.Mode == (int)FpRounding.Zero)
            || ((FpOp)aux.Op == FpOp.FromFixed && aux.Mode == SimdAux.FromFpcr));

    void EmitVectorConversion(Inst inst, SimdAux aux)
    {
        bool wide = aux.Lanes == 4;
        var slow = asm.CreateLabel();
        BeginHostFp(slow);
        LoadOperand(xmm0, inst.Args[0], wide);
        if ((FpOp)aux.Op == FpOp.ToFixed)
            asm.cvttps2dq(xmm0, xmm0);
        else
            asm.cvtdq2ps(xmm0, xmm0);
        CheckHostFpFlags(slow);
        EndHostFp(inst, slow);
    }
}
