using A64Jit.IR;
using A64Jit.IR.Semantics;

namespace A64Jit.Frontend.Lifting;

// Advanced SIMD two-register miscellaneous (vector, scalar, half precision) and across lanes.
public sealed partial class Lifter
{
    [Handler] void CLS_vector(uint q, uint s, uint n, uint d) => Vec2(VecOp.Cls, q, s, n, d);
    [Handler] void CLZ_vector(uint q, uint s, uint n, uint d) => Vec2(VecOp.Clz, q, s, n, d);
    [Handler] void CNT(uint q, uint s, uint n, uint d) => Vec2(VecOp.Cnt, q, s, n, d);
    [Handler] void CMGT_zero(uint q, uint s, uint n, uint d) => Vec2(VecOp.CmGtZero, q, s, n, d);
    [Handler] void CMEQ_zero(uint q, uint s, uint n, uint d) => Vec2(VecOp.CmEqZero, q, s, n, d);
    [Handler] void CMLT_zero(uint q, uint s, uint n, uint d) => Vec2(VecOp.CmLtZero, q, s, n, d);
    [Handler] void CMGE_zero(uint q, uint s, uint n, uint d) => Vec2(VecOp.CmGeZero, q, s, n, d);
    [Handler] void CMLE_zero(uint q, uint s, uint n, uint d) => Vec2(VecOp.CmLeZero, q, s, n, d);
    [Handler] void ABS(uint q, uint s, uint n, uint d) => Vec2(VecOp.Abs, q, s, n, d);
    [Handler] void NEG_vector(uint q, uint s, uint n, uint d) => Vec2(VecOp.Neg, q, s, n, d);
    [Handler] void CMGT_zero_scalar(uint n, uint d) => V(d, VecUnaryOp(VecOp.CmGtZero, 64, 1, V(n)));
    [Handler] void CMEQ_zero_scalar(uint n, uint d) => V(d, VecUnaryOp(VecOp.CmEqZero, 64, 1, V(n)));
    [Handler] void CMLT_zero_scalar(uint n, uint d) => V(d, VecUnaryOp(VecOp.CmLtZero, 64, 1, V(n)));
    [Handler] void CMGE_zero_scalar(uint n, uint d) => V(d, VecUnaryOp(VecOp.CmGeZero, 64, 1, V(n)));
    [Handler] void CMLE_zero_scalar(uint n, uint d) => V(d, VecUnaryOp(VecOp.CmLeZero, 64, 1, V(n)));
    [Handler] void ABS_scalar(uint n, uint d) => V(d, VecUnaryOp(VecOp.Abs, 64, 1, V(n)));
    [Handler] void NEG_scalar(uint n, uint d) => V(d, VecUnaryOp(VecOp.Neg, 64, 1, V(n)));
    [Handler] void SQABS(uint q, uint s, uint n, uint d) => V(d, VecSatUnaryOp(VecOp.SQAbs, 8 << (int)s, Lanes(q, 8 << (int)s), V(n)));
    [Handler] void SQABS_scalar(uint s, uint n, uint d) => V(d, VecSatUnaryOp(VecOp.SQAbs, 8 << (int)s, 1, V(n)));
    [Handler] void SQNEG(uint q, uint s, uint n, uint d) => V(d, VecSatUnaryOp(VecOp.SQNeg, 8 << (int)s, Lanes(q, 8 << (int)s), V(n)));
    [Handler] void SQNEG_scalar(uint s, uint n, uint d) => V(d, VecSatUnaryOp(VecOp.SQNeg, 8 << (int)s, 1, V(n)));
    [Handler] void SUQADD(uint q, uint s, uint n, uint d) => V(d, VecSatBinaryOp(VecOp.SUQAdd, 8 << (int)s, Lanes(q, 8 << (int)s), V(d), V(n)));
    [Handler] void SUQADD_scalar(uint s, uint n, uint d) => V(d, VecSatBinaryOp(VecOp.SUQAdd, 8 << (int)s, 1, V(d), V(n)));
    [Handler] void USQADD(uint q, uint s, uint n, uint d) => V(d, VecSatBinaryOp(VecOp.USQAdd, 8 << (int)s, Lanes(q, 8 << (int)s), V(d), V(n)));
    [Handler] void USQADD_scalar(uint s, uint n, uint d) => V(d, VecSatBinaryOp(VecOp.USQAdd, 8 << (int)s, 1, V(d), V(n)));
    [Handler] void SQXTN(uint q, uint s, uint n, uint d) => VNarrow(q, d, VecSatUnaryOp(VecOp.SQXtn, 16 << (int)s, 64 / (8 << (int)s), V(n)));
    [Handler] void SQXTN_scalar(uint s, uint n, uint d) => V(d, VecSatUnaryOp(VecOp.SQXtn, 16 << (int)s, 1, V(n)));
    [Handler] void UQXTN(uint q, uint s, uint n, uint d) => VNarrow(q, d, VecSatUnaryOp(VecOp.UQXtn, 16 << (int)s, 64 / (8 << (int)s), V(n)));
    [Handler] void UQXTN_scalar(uint s, uint n, uint d) => V(d, VecSatUnaryOp(VecOp.UQXtn, 16 << (int)s, 1, V(n)));
    [Handler] void SQXTUN(uint q, uint s, uint n, uint d) => VNarrow(q, d, VecSatUnaryOp(VecOp.SQXtun, 16 << (int)s, 64 / (8 << (int)s), V(n)));
    [Handler] void SQXTUN_scalar(uint s, uint n, uint d) => V(d, VecSatUnaryOp(VecOp.SQXtun, 16 << (int)s, 1, V(n)));
    [Handler] void FRINTN_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.RoundInt, q, FpSize(s), n, d, (int)FpRounding.TieEven);
    [Handler] void FRINTN_vector_half(uint q, uint n, uint d) => Fp2(FpOp.RoundInt, q, 16, n, d, (int)FpRounding.TieEven);
    [Handler] void FRINTM_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.RoundInt, q, FpSize(s), n, d, (int)FpRounding.NegInf);
    [Handler] void FRINTM_vector_half(uint q, uint n, uint d) => Fp2(FpOp.RoundInt, q, 16, n, d, (int)FpRounding.NegInf);
    [Handler] void FRINTP_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.RoundInt, q, FpSize(s), n, d, (int)FpRounding.PosInf);
    [Handler] void FRINTP_vector_half(uint q, uint n, uint d) => Fp2(FpOp.RoundInt, q, 16, n, d, (int)FpRounding.PosInf);
    [Handler] void FRINTZ_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.RoundInt, q, FpSize(s), n, d, (int)FpRounding.Zero);
    [Handler] void FRINTZ_vector_half(uint q, uint n, uint d) => Fp2(FpOp.RoundInt, q, 16, n, d, (int)FpRounding.Zero);
    [Handler] void FRINTA_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.RoundInt, q, FpSize(s), n, d, (int)FpRounding.TieAway);
    [Handler] void FRINTA_vector_half(uint q, uint n, uint d) => Fp2(FpOp.RoundInt, q, 16, n, d, (int)FpRounding.TieAway);
    [Handler] void FRINTX_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.RoundIntExact, q, FpSize(s), n, d, SimdAux.FromFpcr);
    [Handler] void FRINTX_vector_half(uint q, uint n, uint d) => Fp2(FpOp.RoundIntExact, q, 16, n, d, SimdAux.FromFpcr);
    [Handler] void FRINTI_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.RoundInt, q, FpSize(s), n, d, SimdAux.FromFpcr);
    [Handler] void FRINTI_vector_half(uint q, uint n, uint d) => Fp2(FpOp.RoundInt, q, 16, n, d, SimdAux.FromFpcr);
    [Handler] void FRINT32Z_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.RoundInt32, q, FpSize(s), n, d, (int)FpRounding.Zero);
    [Handler] void FRINT32X_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.RoundInt32, q, FpSize(s), n, d, SimdAux.FromFpcr);
    [Handler] void FRINT64Z_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.RoundInt64, q, FpSize(s), n, d, (int)FpRounding.Zero);
    [Handler] void FRINT64X_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.RoundInt64, q, FpSize(s), n, d, SimdAux.FromFpcr);
    [Handler] void FABS_vector(uint q, uint s, uint n, uint d) => V(d, SignBitOp(VecOp.Bic, FpSize(s), Lanes(q, FpSize(s)), V(n)));
    [Handler] void FABS_vector_half(uint q, uint n, uint d) => V(d, SignBitOp(VecOp.Bic, 16, Lanes(q, 16), V(n)));
    [Handler] void FNEG_vector(uint q, uint s, uint n, uint d) => V(d, SignBitOp(VecOp.Eor, FpSize(s), Lanes(q, FpSize(s)), V(n)));
    [Handler] void FNEG_vector_half(uint q, uint n, uint d) => V(d, SignBitOp(VecOp.Eor, 16, Lanes(q, 16), V(n)));
    [Handler] void FSQRT_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.Sqrt, q, FpSize(s), n, d, SimdAux.FromFpcr);
    [Handler] void FSQRT_vector_half(uint q, uint n, uint d) => Fp2(FpOp.Sqrt, q, 16, n, d, SimdAux.FromFpcr);
    [Handler] void FRECPE_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.RecipEstimate, q, FpSize(s), n, d, SimdAux.FromFpcr);
    [Handler] void FRECPE_vector_half(uint q, uint n, uint d) => Fp2(FpOp.RecipEstimate, q, 16, n, d, SimdAux.FromFpcr);
    [Handler] void FRSQRTE_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.RSqrtEstimate, q, FpSize(s), n, d, SimdAux.FromFpcr);
    [Handler] void FRSQRTE_vector_half(uint q, uint n, uint d) => Fp2(FpOp.RSqrtEstimate, q, 16, n, d, SimdAux.FromFpcr);
    [Handler] void FCMGT_zero(uint q, uint s, uint n, uint d) => Fp2(FpOp.CmGtZero, q, FpSize(s), n, d);
    [Handler] void FCMGT_zero_half(uint q, uint n, uint d) => Fp2(FpOp.CmGtZero, q, 16, n, d);
    [Handler] void FCMGT_zero_scalar(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.CmGtZero, FpSize(s), 1, V(n)));
    [Handler] void FCMGT_zero_scalar_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.CmGtZero, 16, 1, V(n)));
    [Handler] void FCMEQ_zero(uint q, uint s, uint n, uint d) => Fp2(FpOp.CmEqZero, q, FpSize(s), n, d);
    [Handler] void FCMEQ_zero_half(uint q, uint n, uint d) => Fp2(FpOp.CmEqZero, q, 16, n, d);
    [Handler] void FCMEQ_zero_scalar(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.CmEqZero, FpSize(s), 1, V(n)));
    [Handler] void FCMEQ_zero_scalar_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.CmEqZero, 16, 1, V(n)));
    [Handler] void FCMLT_zero(uint q, uint s, uint n, uint d) => Fp2(FpOp.CmLtZero, q, FpSize(s), n, d);
    [Handler] void FCMLT_zero_half(uint q, uint n, uint d) => Fp2(FpOp.CmLtZero, q, 16, n, d);
    [Handler] void FCMLT_zero_scalar(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.CmLtZero, FpSize(s), 1, V(n)));
    [Handler] void FCMLT_zero_scalar_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.CmLtZero, 16, 1, V(n)));
    [Handler] void FCMGE_zero(uint q, uint s, uint n, uint d) => Fp2(FpOp.CmGeZero, q, FpSize(s), n, d);
    [Handler] void FCMGE_zero_half(uint q, uint n, uint d) => Fp2(FpOp.CmGeZero, q, 16, n, d);
    [Handler] void FCMGE_zero_scalar(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.CmGeZero, FpSize(s), 1, V(n)));
    [Handler] void FCMGE_zero_scalar_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.CmGeZero, 16, 1, V(n)));
    [Handler] void FCMLE_zero(uint q, uint s, uint n, uint d) => Fp2(FpOp.CmLeZero, q, FpSize(s), n, d);
    [Handler] void FCMLE_zero_half(uint q, uint n, uint d) => Fp2(FpOp.CmLeZero, q, 16, n, d);
    [Handler] void FCMLE_zero_scalar(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.CmLeZero, FpSize(s), 1, V(n)));
    [Handler] void FCMLE_zero_scalar_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.CmLeZero, 16, 1, V(n)));
    [Handler] void FRECPE_scalar(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.RecipEstimate, FpSize(s), 1, V(n)));
    [Handler] void FRECPE_scalar_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.RecipEstimate, 16, 1, V(n)));
    [Handler] void FRSQRTE_scalar(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.RSqrtEstimate, FpSize(s), 1, V(n)));
    [Handler] void FRSQRTE_scalar_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.RSqrtEstimate, 16, 1, V(n)));
    [Handler] void FRECPX(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.RecpX, FpSize(s), 1, V(n)));
    [Handler] void FRECPX_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.RecpX, 16, 1, V(n)));
    [Handler] void FCVTNS_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.ToFixed, q, FpSize(s), n, d, (int)FpRounding.TieEven, flag: false);
    [Handler] void FCVTNS_vector_half(uint q, uint n, uint d) => Fp2(FpOp.ToFixed, q, 16, n, d, (int)FpRounding.TieEven, flag: false);
    [Handler] void FCVTNS_scalar(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.ToFixed, FpSize(s), 1, V(n), (int)FpRounding.TieEven, flag: false));
    [Handler] void FCVTNS_scalar_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.ToFixed, 16, 1, V(n), (int)FpRounding.TieEven, flag: false));
    [Handler] void FCVTNU_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.ToFixed, q, FpSize(s), n, d, (int)FpRounding.TieEven, flag: true);
    [Handler] void FCVTNU_vector_half(uint q, uint n, uint d) => Fp2(FpOp.ToFixed, q, 16, n, d, (int)FpRounding.TieEven, flag: true);
    [Handler] void FCVTNU_scalar(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.ToFixed, FpSize(s), 1, V(n), (int)FpRounding.TieEven, flag: true));
    [Handler] void FCVTNU_scalar_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.ToFixed, 16, 1, V(n), (int)FpRounding.TieEven, flag: true));
    [Handler] void FCVTMS_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.ToFixed, q, FpSize(s), n, d, (int)FpRounding.NegInf, flag: false);
    [Handler] void FCVTMS_vector_half(uint q, uint n, uint d) => Fp2(FpOp.ToFixed, q, 16, n, d, (int)FpRounding.NegInf, flag: false);
    [Handler] void FCVTMS_scalar(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.ToFixed, FpSize(s), 1, V(n), (int)FpRounding.NegInf, flag: false));
    [Handler] void FCVTMS_scalar_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.ToFixed, 16, 1, V(n), (int)FpRounding.NegInf, flag: false));
    [Handler] void FCVTMU_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.ToFixed, q, FpSize(s), n, d, (int)FpRounding.NegInf, flag: true);
    [Handler] void FCVTMU_vector_half(uint q, uint n, uint d) => Fp2(FpOp.ToFixed, q, 16, n, d, (int)FpRounding.NegInf, flag: true);
    [Handler] void FCVTMU_scalar(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.ToFixed, FpSize(s), 1, V(n), (int)FpRounding.NegInf, flag: true));
    [Handler] void FCVTMU_scalar_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.ToFixed, 16, 1, V(n), (int)FpRounding.NegInf, flag: true));
    [Handler] void FCVTAS_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.ToFixed, q, FpSize(s), n, d, (int)FpRounding.TieAway, flag: false);
    [Handler] void FCVTAS_vector_half(uint q, uint n, uint d) => Fp2(FpOp.ToFixed, q, 16, n, d, (int)FpRounding.TieAway, flag: false);
    [Handler] void FCVTAS_scalar(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.ToFixed, FpSize(s), 1, V(n), (int)FpRounding.TieAway, flag: false));
    [Handler] void FCVTAS_scalar_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.ToFixed, 16, 1, V(n), (int)FpRounding.TieAway, flag: false));
    [Handler] void FCVTAU_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.ToFixed, q, FpSize(s), n, d, (int)FpRounding.TieAway, flag: true);
    [Handler] void FCVTAU_vector_half(uint q, uint n, uint d) => Fp2(FpOp.ToFixed, q, 16, n, d, (int)FpRounding.TieAway, flag: true);
    [Handler] void FCVTAU_scalar(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.ToFixed, FpSize(s), 1, V(n), (int)FpRounding.TieAway, flag: true));
    [Handler] void FCVTAU_scalar_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.ToFixed, 16, 1, V(n), (int)FpRounding.TieAway, flag: true));
    [Handler] void FCVTPS_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.ToFixed, q, FpSize(s), n, d, (int)FpRounding.PosInf, flag: false);
    [Handler] void FCVTPS_vector_half(uint q, uint n, uint d) => Fp2(FpOp.ToFixed, q, 16, n, d, (int)FpRounding.PosInf, flag: false);
    [Handler] void FCVTPS_scalar(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.ToFixed, FpSize(s), 1, V(n), (int)FpRounding.PosInf, flag: false));
    [Handler] void FCVTPS_scalar_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.ToFixed, 16, 1, V(n), (int)FpRounding.PosInf, flag: false));
    [Handler] void FCVTPU_vector(uint q, uint s, uint n, uint d) => Fp2(FpOp.ToFixed, q, FpSize(s), n, d, (int)FpRounding.PosInf, flag: true);
    [Handler] void FCVTPU_vector_half(uint q, uint n, uint d) => Fp2(FpOp.ToFixed, q, 16, n, d, (int)FpRounding.PosInf, flag: true);
    [Handler] void FCVTPU_scalar(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.ToFixed, FpSize(s), 1, V(n), (int)FpRounding.PosInf, flag: true));
    [Handler] void FCVTPU_scalar_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.ToFixed, 16, 1, V(n), (int)FpRounding.PosInf, flag: true));
    [Handler] void FCVTZS_vector_int(uint q, uint s, uint n, uint d) => Fp2(FpOp.ToFixed, q, FpSize(s), n, d, (int)FpRounding.Zero, flag: false);
    [Handler] void FCVTZS_vector_int_half(uint q, uint n, uint d) => Fp2(FpOp.ToFixed, q, 16, n, d, (int)FpRounding.Zero, flag: false);
    [Handler] void FCVTZS_scalar_int(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.ToFixed, FpSize(s), 1, V(n), (int)FpRounding.Zero, flag: false));
    [Handler] void FCVTZS_scalar_int_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.ToFixed, 16, 1, V(n), (int)FpRounding.Zero, flag: false));
    [Handler] void FCVTZU_vector_int(uint q, uint s, uint n, uint d) => Fp2(FpOp.ToFixed, q, FpSize(s), n, d, (int)FpRounding.Zero, flag: true);
    [Handler] void FCVTZU_vector_int_half(uint q, uint n, uint d) => Fp2(FpOp.ToFixed, q, 16, n, d, (int)FpRounding.Zero, flag: true);
    [Handler] void FCVTZU_scalar_int(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.ToFixed, FpSize(s), 1, V(n), (int)FpRounding.Zero, flag: true));
    [Handler] void FCVTZU_scalar_int_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.ToFixed, 16, 1, V(n), (int)FpRounding.Zero, flag: true));
    [Handler] void SCVTF_vector_int(uint q, uint s, uint n, uint d) => Fp2(FpOp.FromFixed, q, FpSize(s), n, d, flag: false);
    [Handler] void SCVTF_vector_int_half(uint q, uint n, uint d) => Fp2(FpOp.FromFixed, q, 16, n, d, flag: false);
    [Handler] void SCVTF_scalar_int(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.FromFixed, FpSize(s), 1, V(n), flag: false));
    [Handler] void SCVTF_scalar_int_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.FromFixed, 16, 1, V(n), flag: false));
    [Handler] void UCVTF_vector_int(uint q, uint s, uint n, uint d) => Fp2(FpOp.FromFixed, q, FpSize(s), n, d, flag: true);
    [Handler] void UCVTF_vector_int_half(uint q, uint n, uint d) => Fp2(FpOp.FromFixed, q, 16, n, d, flag: true);
    [Handler] void UCVTF_scalar_int(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.FromFixed, FpSize(s), 1, V(n), flag: true));
    [Handler] void UCVTF_scalar_int_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.FromFixed, 16, 1, V(n), flag: true));

    void Vec2(VecOp op, uint q, uint size, uint n, uint d)
    {
        int esize = 8 << (int)size;
        V(d, VecUnaryOp(op, esize, Lanes(q, esize), V(n)));
    }

    void Fp2(FpOp op, uint q, int esize, uint n, uint d, int mode = SimdAux.FromFpcr, bool flag = false) =>
        V(d, FpUnaryOp(op, esize, Lanes(q, esize), V(n), mode, flag: flag));

    [Handler] void NOT(uint q, uint n, uint d) => V(d, VecUnaryOp(VecOp.Not, 64, LaneCount64(q), V(n)));
    [Handler] void RBIT_vector(uint q, uint n, uint d) => V(d, VecUnaryOp(VecOp.Rbit, 8, Lanes(q, 8), V(n)));

    [Handler] void REV64(uint q, uint s, uint n, uint d) => Reverse(q, s, 64, n, d);
    [Handler] void REV32_vector(uint q, uint s, uint n, uint d) => Reverse(q, s, 32, n, d);
    [Handler] void REV16_vector(uint q, uint s, uint n, uint d) => Reverse(q, s, 16, n, d);

    void Reverse(uint q, uint size, int container, uint n, uint d)
    {
        int esize = 8 << (int)size;
        V(d, VecUnaryOp(VecOp.Rev, esize, Lanes(q, esize), V(n), container));
    }

    [Handler] void SADDLP(uint q, uint s, uint n, uint d) => AddLongPairwise(VecOp.SAddLP, q, s, n, d, accumulate: false);
    [Handler] void UADDLP(uint q, uint s, uint n, uint d) => AddLongPairwise(VecOp.UAddLP, q, s, n, d, accumulate: false);
    [Handler] void SADALP(uint q, uint s, uint n, uint d) => AddLongPairwise(VecOp.SAddLP, q, s, n, d, accumulate: true);
    [Handler] void UADALP(uint q, uint s, uint n, uint d) => AddLongPairwise(VecOp.UAddLP, q, s, n, d, accumulate: true);

    void AddLongPairwise(VecOp op, uint q, uint size, uint n, uint d, bool accumulate)
    {
        int esize = 8 << (int)size, lanes = Lanes(q, 2 * esize);
        var sum = VecUnaryOp(op, esize, lanes, V(n));
        V(d, accumulate ? VecBinaryOp(VecOp.Add, 2 * esize, lanes, V(d), sum) : sum);
    }

    [Handler]
    void XTN(uint q, uint s, uint n, uint d) => VNarrow(q, d, VecUnaryOp(VecOp.Narrow, 16 << (int)s, 64 / (8 << (int)s), V(n)));

    [Handler]
    void SHLL(uint q, uint s, uint n, uint d)
    {
        int esize = 8 << (int)s, lanes = 64 / esize;
        var wide = VecUnaryOp(VecOp.UWiden, esize, lanes, HalfOf(q, V(n)));
        V(d, VecUnaryOp(VecOp.ShlImm, 2 * esize, lanes, wide, esize));
    }

    /// <summary>FCVTN/FCVTN2: single to half (sz 0) or double to single (sz 1), into the low or high half.</summary>
    [Handler]
    void FCVTN(uint q, uint s, uint n, uint d)
    {
        int from = s == 1 ? 64 : 32;
        VNarrow(q, d, FpUnaryOp(FpOp.Convert, from, 128 / from, V(n), size2: from / 2));
    }

    [Handler]
    void FCVTXN(uint q, uint s, uint n, uint d) =>
        VNarrow(q, d, FpUnaryOp(FpOp.Convert, 64, 2, V(n), (int)FpRounding.Odd, size2: 32));

    [Handler]
    void FCVTXN_scalar(uint n, uint d) => V(d, FpUnaryOp(FpOp.Convert, 64, 1, V(n), (int)FpRounding.Odd, size2: 32));

    [Handler]
    void FCVTL(uint q, uint s, uint n, uint d)
    {
        int to = s == 1 ? 64 : 32;
        V(d, FpUnaryOp(FpOp.Convert, to / 2, 128 / to, HalfOf(q, V(n)), size2: to));
    }


    // ---- Across lanes ------------------------------------------------------------------------
    [Handler] void ADDV(uint q, uint s, uint n, uint d) => AcrossLanes(VecOp.AddV, q, s, n, d);
    [Handler] void SADDLV(uint q, uint s, uint n, uint d) => AcrossLanes(VecOp.SAddLV, q, s, n, d);
    [Handler] void UADDLV(uint q, uint s, uint n, uint d) => AcrossLanes(VecOp.UAddLV, q, s, n, d);
    [Handler] void SMAXV(uint q, uint s, uint n, uint d) => AcrossLanes(VecOp.SMaxV, q, s, n, d);
    [Handler] void SMINV(uint q, uint s, uint n, uint d) => AcrossLanes(VecOp.SMinV, q, s, n, d);
    [Handler] void UMAXV(uint q, uint s, uint n, uint d) => AcrossLanes(VecOp.UMaxV, q, s, n, d);
    [Handler] void UMINV(uint q, uint s, uint n, uint d) => AcrossLanes(VecOp.UMinV, q, s, n, d);

    void AcrossLanes(VecOp op, uint q, uint size, uint n, uint d)
    {
        int esize = 8 << (int)size;
        V(d, VecUnaryOp(op, esize, Lanes(q, esize), V(n)));
    }

    [Handler] void FMAXNMV(uint q, uint n, uint d) => V(d, FpUnaryOp(FpOp.MaxNumV, 32, 4, V(n)));
    [Handler] void FMINNMV(uint q, uint n, uint d) => V(d, FpUnaryOp(FpOp.MinNumV, 32, 4, V(n)));
    [Handler] void FMAXV(uint q, uint n, uint d) => V(d, FpUnaryOp(FpOp.MaxV, 32, 4, V(n)));
    [Handler] void FMINV(uint q, uint n, uint d) => V(d, FpUnaryOp(FpOp.MinV, 32, 4, V(n)));
    [Handler] void FMAXNMV_half(uint q, uint n, uint d) => V(d, FpUnaryOp(FpOp.MaxNumV, 16, Lanes(q, 16), V(n)));
    [Handler] void FMINNMV_half(uint q, uint n, uint d) => V(d, FpUnaryOp(FpOp.MinNumV, 16, Lanes(q, 16), V(n)));
    [Handler] void FMAXV_half(uint q, uint n, uint d) => V(d, FpUnaryOp(FpOp.MaxV, 16, Lanes(q, 16), V(n)));
    [Handler] void FMINV_half(uint q, uint n, uint d) => V(d, FpUnaryOp(FpOp.MinV, 16, Lanes(q, 16), V(n)));

    // ---- Scalar pairwise -----------------------------------------------------------------------
    [Handler] void ADDP_scalar(uint n, uint d) => V(d, VecBinaryOp(VecOp.AddP, 64, 1, V(n), UpperHalf(V(n))));
    [Handler] void FADDP_scalar(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.AddV, FpSize(s), 2, V(n)));
    [Handler] void FMAXP_scalar(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.MaxV, FpSize(s), 2, V(n)));
    [Handler] void FMINP_scalar(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.MinV, FpSize(s), 2, V(n)));
    [Handler] void FMAXNMP_scalar(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.MaxNumV, FpSize(s), 2, V(n)));
    [Handler] void FMINNMP_scalar(uint s, uint n, uint d) => V(d, FpUnaryOp(FpOp.MinNumV, FpSize(s), 2, V(n)));
    [Handler] void FADDP_scalar_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.AddV, 16, 2, V(n)));
    [Handler] void FMAXP_scalar_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.MaxV, 16, 2, V(n)));
    [Handler] void FMINP_scalar_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.MinV, 16, 2, V(n)));
    [Handler] void FMAXNMP_scalar_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.MaxNumV, 16, 2, V(n)));
    [Handler] void FMINNMP_scalar_half(uint n, uint d) => V(d, FpUnaryOp(FpOp.MinNumV, 16, 2, V(n)));
}
