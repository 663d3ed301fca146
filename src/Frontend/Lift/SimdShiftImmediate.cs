using A64Jit.IR;
using A64Jit.IR.Semantics;

namespace A64Jit.Frontend.Lifting;

// Advanced SIMD shift by immediate, vector and scalar. immh's highest set bit gives the element size;
// right shifts are 2*esize - immh:immb, left shifts immh:immb - esize.
public sealed partial class Lifter
{
    static int ShiftESize(uint immh) => 8 << (31 - System.Numerics.BitOperations.LeadingZeroCount(immh));
    static int RightShift(uint immh, uint immb) => 2 * ShiftESize(immh) - (int)((immh << 3) | immb);
    static int LeftShift(uint immh, uint immb) => (int)((immh << 3) | immb) - ShiftESize(immh);

    [Handler] void SSHR(uint q, uint h, uint b, uint n, uint d) => ShiftRight(VecOp.SShrImm, q, h, b, n, d, false);
    [Handler] void USHR(uint q, uint h, uint b, uint n, uint d) => ShiftRight(VecOp.UShrImm, q, h, b, n, d, false);
    [Handler] void SRSHR(uint q, uint h, uint b, uint n, uint d) => ShiftRight(VecOp.SRShrImm, q, h, b, n, d, false);
    [Handler] void URSHR(uint q, uint h, uint b, uint n, uint d) => ShiftRight(VecOp.URShrImm, q, h, b, n, d, false);
    [Handler] void SSRA(uint q, uint h, uint b, uint n, uint d) => ShiftRight(VecOp.SShrImm, q, h, b, n, d, true);
    [Handler] void USRA(uint q, uint h, uint b, uint n, uint d) => ShiftRight(VecOp.UShrImm, q, h, b, n, d, true);
    [Handler] void SRSRA(uint q, uint h, uint b, uint n, uint d) => ShiftRight(VecOp.SRShrImm, q, h, b, n, d, true);
    [Handler] void URSRA(uint q, uint h, uint b, uint n, uint d) => ShiftRight(VecOp.URShrImm, q, h, b, n, d, true);

    void ShiftRight(VecOp op, uint q, uint immh, uint immb, uint n, uint d, bool accumulate, bool scalar = false)
    {
        int esize = ShiftESize(immh), lanes = scalar ? 1 : Lanes(q, esize);
        var shifted = VecUnaryOp(op, esize, lanes, V(n), RightShift(immh, immb));
        V(d, accumulate ? VecBinaryOp(VecOp.Add, esize, lanes, V(d), shifted) : shifted);
    }

    [Handler]
    void SHL(uint q, uint h, uint b, uint n, uint d)
    {
        int esize = ShiftESize(h);
        V(d, VecUnaryOp(VecOp.ShlImm, esize, Lanes(q, esize), V(n), LeftShift(h, b)));
    }

    [Handler] void SRI(uint q, uint h, uint b, uint n, uint d) => ShiftInsert(VecOp.Sri, q, h, b, n, d, RightShift(h, b));
    [Handler] void SLI(uint q, uint h, uint b, uint n, uint d) => ShiftInsert(VecOp.Sli, q, h, b, n, d, LeftShift(h, b));

    void ShiftInsert(VecOp op, uint q, uint immh, uint immb, uint n, uint d, int shift, bool scalar = false)
    {
        int esize = ShiftESize(immh);
        V(d, VecBinaryOp(op, esize, scalar ? 1 : Lanes(q, esize), V(d), V(n), shift));
    }

    [Handler] void SQSHL_imm(uint q, uint h, uint b, uint n, uint d) => SatShiftLeft(VecOp.SQShlImm, q, h, b, n, d);
    [Handler] void UQSHL_imm(uint q, uint h, uint b, uint n, uint d) => SatShiftLeft(VecOp.UQShlImm, q, h, b, n, d);
    [Handler] void SQSHLU(uint q, uint h, uint b, uint n, uint d) => SatShiftLeft(VecOp.SQShluImm, q, h, b, n, d);

    void SatShiftLeft(VecOp op, uint q, uint immh, uint immb, uint n, uint d, bool scalar = false)
    {
        int esize = ShiftESize(immh);
        V(d, VecSatUnaryOp(op, esize, scalar ? 1 : Lanes(q, esize), V(n), LeftShift(immh, immb)));
    }

    [Handler] void SHRN(uint q, uint h, uint b, uint n, uint d) => ShiftNarrow(VecOp.UShrImm, null, q, h, b, n, d);
    [Handler] void RSHRN(uint q, uint h, uint b, uint n, uint d) => ShiftNarrow(VecOp.URShrImm, null, q, h, b, n, d);
    [Handler] void SQSHRN(uint q, uint h, uint b, uint n, uint d) => ShiftNarrow(VecOp.SShrImm, VecOp.SQXtn, q, h, b, n, d);
    [Handler] void SQRSHRN(uint q, uint h, uint b, uint n, uint d) => ShiftNarrow(VecOp.SRShrImm, VecOp.SQXtn, q, h, b, n, d);
    [Handler] void UQSHRN(uint q, uint h, uint b, uint n, uint d) => ShiftNarrow(VecOp.UShrImm, VecOp.UQXtn, q, h, b, n, d);
    [Handler] void UQRSHRN(uint q, uint h, uint b, uint n, uint d) => ShiftNarrow(VecOp.URShrImm, VecOp.UQXtn, q, h, b, n, d);
    [Handler] void SQSHRUN(uint q, uint h, uint b, uint n, uint d) => ShiftNarrow(VecOp.SShrImm, VecOp.SQXtun, q, h, b, n, d);
    [Handler] void SQRSHRUN(uint q, uint h, uint b, uint n, uint d) => ShiftNarrow(VecOp.SRShrImm, VecOp.SQXtun, q, h, b, n, d);

    /// <summary>Shift the double-width source right, then narrow (plainly or saturating) into the low or high half.</summary>
    void ShiftNarrow(VecOp shift, VecOp? saturate, uint q, uint immh, uint immb, uint n, uint d, bool scalar = false)
    {
        int esize = ShiftESize(immh), lanes = scalar ? 1 : 64 / esize;
        var shifted = VecUnaryOp(shift, 2 * esize, lanes, V(n), RightShift(immh, immb));
        var narrow = saturate is VecOp s ? VecSatUnaryOp(s, 2 * esize, lanes, shifted) : VecUnaryOp(VecOp.Narrow, 2 * esize, lanes, shifted);
        if (scalar)
            V(d, narrow);
        else
            VNarrow(q, d, narrow);
    }

    [Handler] void SSHLL(uint q, uint h, uint b, uint n, uint d) => ShiftLong(VecOp.SWiden, q, h, b, n, d);
    [Handler] void USHLL(uint q, uint h, uint b, uint n, uint d) => ShiftLong(VecOp.UWiden, q, h, b, n, d);

    void ShiftLong(VecOp widen, uint q, uint immh, uint immb, uint n, uint d)
    {
        int esize = ShiftESize(immh), lanes = 64 / esize, shift = LeftShift(immh, immb);
        var wide = VecUnaryOp(widen, esize, lanes, HalfOf(q, V(n)));
        V(d, shift == 0 ? wide : VecUnaryOp(VecOp.ShlImm, 2 * esize, lanes, wide, shift));
    }

    [Handler] void SCVTF_vector_fix(uint q, uint h, uint b, uint n, uint d) => FixedConvert(FpOp.FromFixed, false, q, h, b, n, d);
    [Handler] void UCVTF_vector_fix(uint q, uint h, uint b, uint n, uint d) => FixedConvert(FpOp.FromFixed, true, q, h, b, n, d);
    [Handler] void FCVTZS_vector_fix(uint q, uint h, uint b, uint n, uint d) => FixedConvert(FpOp.ToFixed, false, q, h, b, n, d);
    [Handler] void FCVTZU_vector_fix(uint q, uint h, uint b, uint n, uint d) => FixedConvert(FpOp.ToFixed, true, q, h, b, n, d);
    [Handler] void SCVTF_scalar_fix(uint h, uint b, uint n, uint d) => FixedConvert(FpOp.FromFixed, false, 0, h, b, n, d, true);
    [Handler] void UCVTF_scalar_fix(uint h, uint b, uint n, uint d) => FixedConvert(FpOp.FromFixed, true, 0, h, b, n, d, true);
    [Handler] void FCVTZS_scalar_fix(uint h, uint b, uint n, uint d) => FixedConvert(FpOp.ToFixed, false, 0, h, b, n, d, true);
    [Handler] void FCVTZU_scalar_fix(uint h, uint b, uint n, uint d) => FixedConvert(FpOp.ToFixed, true, 0, h, b, n, d, true);

    void FixedConvert(FpOp op, bool unsigned, uint q, uint immh, uint immb, uint n, uint d, bool scalar = false)
    {
        int esize = ShiftESize(immh), fbits = RightShift(immh, immb);
        int mode = op == FpOp.ToFixed ? (int)FpRounding.Zero : SimdAux.FromFpcr;
        V(d, FpUnaryOp(op, esize, scalar ? 1 : Lanes(q, esize), V(n), mode, fbits, flag: unsigned));
    }

    // ---- Scalar forms ----------------------------------------------------------------------------
    [Handler] void SSHR_scalar(uint h, uint b, uint n, uint d) => ShiftRight(VecOp.SShrImm, 0, h, b, n, d, false, true);
    [Handler] void USHR_scalar(uint h, uint b, uint n, uint d) => ShiftRight(VecOp.UShrImm, 0, h, b, n, d, false, true);
    [Handler] void SRSHR_scalar(uint h, uint b, uint n, uint d) => ShiftRight(VecOp.SRShrImm, 0, h, b, n, d, false, true);
    [Handler] void URSHR_scalar(uint h, uint b, uint n, uint d) => ShiftRight(VecOp.URShrImm, 0, h, b, n, d, false, true);
    [Handler] void SSRA_scalar(uint h, uint b, uint n, uint d) => ShiftRight(VecOp.SShrImm, 0, h, b, n, d, true, true);
    [Handler] void USRA_scalar(uint h, uint b, uint n, uint d) => ShiftRight(VecOp.UShrImm, 0, h, b, n, d, true, true);
    [Handler] void SRSRA_scalar(uint h, uint b, uint n, uint d) => ShiftRight(VecOp.SRShrImm, 0, h, b, n, d, true, true);
    [Handler] void URSRA_scalar(uint h, uint b, uint n, uint d) => ShiftRight(VecOp.URShrImm, 0, h, b, n, d, true, true);
    [Handler] void SHL_scalar(uint h, uint b, uint n, uint d) => V(d, VecUnaryOp(VecOp.ShlImm, 64, 1, V(n), LeftShift(h, b)));
    [Handler] void SRI_scalar(uint h, uint b, uint n, uint d) => ShiftInsert(VecOp.Sri, 0, h, b, n, d, RightShift(h, b), true);
    [Handler] void SLI_scalar(uint h, uint b, uint n, uint d) => ShiftInsert(VecOp.Sli, 0, h, b, n, d, LeftShift(h, b), true);
    [Handler] void SQSHL_imm_scalar(uint h, uint b, uint n, uint d) => SatShiftLeft(VecOp.SQShlImm, 0, h, b, n, d, true);
    [Handler] void UQSHL_imm_scalar(uint h, uint b, uint n, uint d) => SatShiftLeft(VecOp.UQShlImm, 0, h, b, n, d, true);
    [Handler] void SQSHLU_scalar(uint h, uint b, uint n, uint d) => SatShiftLeft(VecOp.SQShluImm, 0, h, b, n, d, true);
    [Handler] void SQSHRN_scalar(uint h, uint b, uint n, uint d) => ShiftNarrow(VecOp.SShrImm, VecOp.SQXtn, 0, h, b, n, d, true);
    [Handler] void SQRSHRN_scalar(uint h, uint b, uint n, uint d) => ShiftNarrow(VecOp.SRShrImm, VecOp.SQXtn, 0, h, b, n, d, true);
    [Handler] void UQSHRN_scalar(uint h, uint b, uint n, uint d) => ShiftNarrow(VecOp.UShrImm, VecOp.UQXtn, 0, h, b, n, d, true);
    [Handler] void UQRSHRN_scalar(uint h, uint b, uint n, uint d) => ShiftNarrow(VecOp.URShrImm, VecOp.UQXtn, 0, h, b, n, d, true);
    [Handler] void SQSHRUN_scalar(uint h, uint b, uint n, uint d) => ShiftNarrow(VecOp.SShrImm, VecOp.SQXtun, 0, h, b, n, d, true);
    [Handler] void SQRSHRUN_scalar(uint h, uint b, uint n, uint d) => ShiftNarrow(VecOp.SRShrImm, VecOp.SQXtun, 0, h, b, n, d, true);
}
