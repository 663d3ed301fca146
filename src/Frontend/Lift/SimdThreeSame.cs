using A64Jit.IR;
using A64Jit.IR.Semantics;

namespace A64Jit.Frontend.Lifting;

// Advanced SIMD three same (integer, floating point, half precision), scalar three same and three-register extension.
public sealed partial class Lifter
{
    [Handler] void SHADD(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.SHAdd, q, s, m, n, d);
    [Handler] void UHADD(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.UHAdd, q, s, m, n, d);
    [Handler] void SRHADD(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.SRHAdd, q, s, m, n, d);
    [Handler] void URHADD(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.URHAdd, q, s, m, n, d);
    [Handler] void SHSUB(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.SHSub, q, s, m, n, d);
    [Handler] void UHSUB(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.UHSub, q, s, m, n, d);
    [Handler] void CMGT_reg(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.CmGt, q, s, m, n, d);
    [Handler] void CMGE_reg(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.CmGe, q, s, m, n, d);
    [Handler] void CMHI_reg(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.CmHi, q, s, m, n, d);
    [Handler] void CMHS_reg(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.CmHs, q, s, m, n, d);
    [Handler] void CMEQ_reg(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.CmEq, q, s, m, n, d);
    [Handler] void CMTST(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.CmTst, q, s, m, n, d);
    [Handler] void SSHL(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.SShl, q, s, m, n, d);
    [Handler] void USHL(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.UShl, q, s, m, n, d);
    [Handler] void SRSHL(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.SRShl, q, s, m, n, d);
    [Handler] void URSHL(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.URShl, q, s, m, n, d);
    [Handler] void SMAX(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.SMax, q, s, m, n, d);
    [Handler] void SMIN(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.SMin, q, s, m, n, d);
    [Handler] void UMAX(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.UMax, q, s, m, n, d);
    [Handler] void UMIN(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.UMin, q, s, m, n, d);
    [Handler] void SABD(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.SAbd, q, s, m, n, d);
    [Handler] void UABD(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.UAbd, q, s, m, n, d);
    [Handler] void ADD_vector(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.Add, q, s, m, n, d);
    [Handler] void SUB_vector(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.Sub, q, s, m, n, d);
    [Handler] void MUL_vector(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.Mul, q, s, m, n, d);
    [Handler] void PMUL(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.PMul, q, s, m, n, d);
    [Handler] void SMAXP(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.SMaxP, q, s, m, n, d);
    [Handler] void SMINP(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.SMinP, q, s, m, n, d);
    [Handler] void UMAXP(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.UMaxP, q, s, m, n, d);
    [Handler] void UMINP(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.UMinP, q, s, m, n, d);
    [Handler] void ADDP_vector(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.AddP, q, s, m, n, d);
    [Handler] void SQADD(uint q, uint s, uint m, uint n, uint d) => VecSat3(VecOp.SQAdd, q, s, m, n, d);
    [Handler] void UQADD(uint q, uint s, uint m, uint n, uint d) => VecSat3(VecOp.UQAdd, q, s, m, n, d);
    [Handler] void SQSUB(uint q, uint s, uint m, uint n, uint d) => VecSat3(VecOp.SQSub, q, s, m, n, d);
    [Handler] void UQSUB(uint q, uint s, uint m, uint n, uint d) => VecSat3(VecOp.UQSub, q, s, m, n, d);
    [Handler] void SQSHL_reg(uint q, uint s, uint m, uint n, uint d) => VecSat3(VecOp.SQShl, q, s, m, n, d);
    [Handler] void UQSHL_reg(uint q, uint s, uint m, uint n, uint d) => VecSat3(VecOp.UQShl, q, s, m, n, d);
    [Handler] void SQRSHL(uint q, uint s, uint m, uint n, uint d) => VecSat3(VecOp.SQRShl, q, s, m, n, d);
    [Handler] void UQRSHL(uint q, uint s, uint m, uint n, uint d) => VecSat3(VecOp.UQRShl, q, s, m, n, d);
    [Handler] void SQDMULH_vector(uint q, uint s, uint m, uint n, uint d) => VecSat3(VecOp.SQDMulH, q, s, m, n, d);
    [Handler] void SQRDMULH_vector(uint q, uint s, uint m, uint n, uint d) => VecSat3(VecOp.SQRDMulH, q, s, m, n, d);
    [Handler] void CMGT_reg_scalar(uint m, uint n, uint d) => V(d, VecBinaryOp(VecOp.CmGt, 64, 1, V(n), V(m)));
    [Handler] void CMGE_reg_scalar(uint m, uint n, uint d) => V(d, VecBinaryOp(VecOp.CmGe, 64, 1, V(n), V(m)));
    [Handler] void CMHI_reg_scalar(uint m, uint n, uint d) => V(d, VecBinaryOp(VecOp.CmHi, 64, 1, V(n), V(m)));
    [Handler] void CMHS_reg_scalar(uint m, uint n, uint d) => V(d, VecBinaryOp(VecOp.CmHs, 64, 1, V(n), V(m)));
    [Handler] void CMEQ_reg_scalar(uint m, uint n, uint d) => V(d, VecBinaryOp(VecOp.CmEq, 64, 1, V(n), V(m)));
    [Handler] void CMTST_scalar(uint m, uint n, uint d) => V(d, VecBinaryOp(VecOp.CmTst, 64, 1, V(n), V(m)));
    [Handler] void SSHL_scalar(uint m, uint n, uint d) => V(d, VecBinaryOp(VecOp.SShl, 64, 1, V(n), V(m)));
    [Handler] void USHL_scalar(uint m, uint n, uint d) => V(d, VecBinaryOp(VecOp.UShl, 64, 1, V(n), V(m)));
    [Handler] void SRSHL_scalar(uint m, uint n, uint d) => V(d, VecBinaryOp(VecOp.SRShl, 64, 1, V(n), V(m)));
    [Handler] void URSHL_scalar(uint m, uint n, uint d) => V(d, VecBinaryOp(VecOp.URShl, 64, 1, V(n), V(m)));
    [Handler] void ADD_scalar(uint m, uint n, uint d) => V(d, VecBinaryOp(VecOp.Add, 64, 1, V(n), V(m)));
    [Handler] void SUB_scalar(uint m, uint n, uint d) => V(d, VecBinaryOp(VecOp.Sub, 64, 1, V(n), V(m)));
    [Handler] void SQADD_scalar(uint s, uint m, uint n, uint d) => V(d, VecSatBinaryOp(VecOp.SQAdd, 8 << (int)s, 1, V(n), V(m)));
    [Handler] void UQADD_scalar(uint s, uint m, uint n, uint d) => V(d, VecSatBinaryOp(VecOp.UQAdd, 8 << (int)s, 1, V(n), V(m)));
    [Handler] void SQSUB_scalar(uint s, uint m, uint n, uint d) => V(d, VecSatBinaryOp(VecOp.SQSub, 8 << (int)s, 1, V(n), V(m)));
    [Handler] void UQSUB_scalar(uint s, uint m, uint n, uint d) => V(d, VecSatBinaryOp(VecOp.UQSub, 8 << (int)s, 1, V(n), V(m)));
    [Handler] void SQSHL_reg_scalar(uint s, uint m, uint n, uint d) => V(d, VecSatBinaryOp(VecOp.SQShl, 8 << (int)s, 1, V(n), V(m)));
    [Handler] void UQSHL_reg_scalar(uint s, uint m, uint n, uint d) => V(d, VecSatBinaryOp(VecOp.UQShl, 8 << (int)s, 1, V(n), V(m)));
    [Handler] void SQRSHL_scalar(uint s, uint m, uint n, uint d) => V(d, VecSatBinaryOp(VecOp.SQRShl, 8 << (int)s, 1, V(n), V(m)));
    [Handler] void UQRSHL_scalar(uint s, uint m, uint n, uint d) => V(d, VecSatBinaryOp(VecOp.UQRShl, 8 << (int)s, 1, V(n), V(m)));
    [Handler] void SQDMULH_scalar(uint s, uint m, uint n, uint d) => V(d, VecSatBinaryOp(VecOp.SQDMulH, 8 << (int)s, 1, V(n), V(m)));
    [Handler] void SQRDMULH_scalar(uint s, uint m, uint n, uint d) => V(d, VecSatBinaryOp(VecOp.SQRDMulH, 8 << (int)s, 1, V(n), V(m)));
    [Handler] void FMAXNM_vector(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.MaxNum, q, FpSize(s), m, n, d);
    [Handler] void FMAXNM_vector_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.MaxNum, q, 16, m, n, d);
    [Handler] void FADD_vector(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.Add, q, FpSize(s), m, n, d);
    [Handler] void FADD_vector_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.Add, q, 16, m, n, d);
    [Handler] void FMULX_vector(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.MulX, q, FpSize(s), m, n, d);
    [Handler] void FMULX_vector_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.MulX, q, 16, m, n, d);
    [Handler] void FMAX_vector(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.Max, q, FpSize(s), m, n, d);
    [Handler] void FMAX_vector_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.Max, q, 16, m, n, d);
    [Handler] void FRECPS_vector(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.RecipStep, q, FpSize(s), m, n, d);
    [Handler] void FRECPS_vector_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.RecipStep, q, 16, m, n, d);
    [Handler] void FMINNM_vector(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.MinNum, q, FpSize(s), m, n, d);
    [Handler] void FMINNM_vector_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.MinNum, q, 16, m, n, d);
    [Handler] void FSUB_vector(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.Sub, q, FpSize(s), m, n, d);
    [Handler] void FSUB_vector_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.Sub, q, 16, m, n, d);
    [Handler] void FMIN_vector(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.Min, q, FpSize(s), m, n, d);
    [Handler] void FMIN_vector_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.Min, q, 16, m, n, d);
    [Handler] void FRSQRTS_vector(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.RSqrtStep, q, FpSize(s), m, n, d);
    [Handler] void FRSQRTS_vector_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.RSqrtStep, q, 16, m, n, d);
    [Handler] void FMAXNMP_vector(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.MaxNumP, q, FpSize(s), m, n, d);
    [Handler] void FMAXNMP_vector_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.MaxNumP, q, 16, m, n, d);
    [Handler] void FADDP_vector(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.AddP, q, FpSize(s), m, n, d);
    [Handler] void FADDP_vector_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.AddP, q, 16, m, n, d);
    [Handler] void FMUL_vector(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.Mul, q, FpSize(s), m, n, d);
    [Handler] void FMUL_vector_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.Mul, q, 16, m, n, d);
    [Handler] void FMAXP_vector(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.MaxP, q, FpSize(s), m, n, d);
    [Handler] void FMAXP_vector_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.MaxP, q, 16, m, n, d);
    [Handler] void FDIV_vector(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.Div, q, FpSize(s), m, n, d);
    [Handler] void FDIV_vector_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.Div, q, 16, m, n, d);
    [Handler] void FMINNMP_vector(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.MinNumP, q, FpSize(s), m, n, d);
    [Handler] void FMINNMP_vector_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.MinNumP, q, 16, m, n, d);
    [Handler] void FMINP_vector(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.MinP, q, FpSize(s), m, n, d);
    [Handler] void FMINP_vector_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.MinP, q, 16, m, n, d);
    [Handler] void FCMEQ_reg(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.CmEq, q, FpSize(s), m, n, d);
    [Handler] void FCMEQ_reg_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.CmEq, q, 16, m, n, d);
    [Handler] void FCMEQ_reg_scalar(uint s, uint m, uint n, uint d) => V(d, FpBinaryOp(FpOp.CmEq, FpSize(s), 1, V(n), V(m)));
    [Handler] void FCMEQ_reg_scalar_half(uint m, uint n, uint d) => V(d, FpBinaryOp(FpOp.CmEq, 16, 1, V(n), V(m)));
    [Handler] void FCMGE_reg(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.CmGe, q, FpSize(s), m, n, d);
    [Handler] void FCMGE_reg_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.CmGe, q, 16, m, n, d);
    [Handler] void FCMGE_reg_scalar(uint s, uint m, uint n, uint d) => V(d, FpBinaryOp(FpOp.CmGe, FpSize(s), 1, V(n), V(m)));
    [Handler] void FCMGE_reg_scalar_half(uint m, uint n, uint d) => V(d, FpBinaryOp(FpOp.CmGe, 16, 1, V(n), V(m)));
    [Handler] void FCMGT_reg(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.CmGt, q, FpSize(s), m, n, d);
    [Handler] void FCMGT_reg_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.CmGt, q, 16, m, n, d);
    [Handler] void FCMGT_reg_scalar(uint s, uint m, uint n, uint d) => V(d, FpBinaryOp(FpOp.CmGt, FpSize(s), 1, V(n), V(m)));
    [Handler] void FCMGT_reg_scalar_half(uint m, uint n, uint d) => V(d, FpBinaryOp(FpOp.CmGt, 16, 1, V(n), V(m)));
    [Handler] void FACGE(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.AcGe, q, FpSize(s), m, n, d);
    [Handler] void FACGE_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.AcGe, q, 16, m, n, d);
    [Handler] void FACGE_scalar(uint s, uint m, uint n, uint d) => V(d, FpBinaryOp(FpOp.AcGe, FpSize(s), 1, V(n), V(m)));
    [Handler] void FACGE_scalar_half(uint m, uint n, uint d) => V(d, FpBinaryOp(FpOp.AcGe, 16, 1, V(n), V(m)));
    [Handler] void FACGT(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.AcGt, q, FpSize(s), m, n, d);
    [Handler] void FACGT_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.AcGt, q, 16, m, n, d);
    [Handler] void FACGT_scalar(uint s, uint m, uint n, uint d) => V(d, FpBinaryOp(FpOp.AcGt, FpSize(s), 1, V(n), V(m)));
    [Handler] void FACGT_scalar_half(uint m, uint n, uint d) => V(d, FpBinaryOp(FpOp.AcGt, 16, 1, V(n), V(m)));
    [Handler] void FABD(uint q, uint s, uint m, uint n, uint d) => Fp3(FpOp.Abd, q, FpSize(s), m, n, d);
    [Handler] void FABD_half(uint q, uint m, uint n, uint d) => Fp3(FpOp.Abd, q, 16, m, n, d);
    [Handler] void FABD_scalar(uint s, uint m, uint n, uint d) => V(d, FpBinaryOp(FpOp.Abd, FpSize(s), 1, V(n), V(m)));
    [Handler] void FABD_scalar_half(uint m, uint n, uint d) => V(d, FpBinaryOp(FpOp.Abd, 16, 1, V(n), V(m)));
    [Handler] void FMULX_scalar(uint s, uint m, uint n, uint d) => V(d, FpBinaryOp(FpOp.MulX, FpSize(s), 1, V(n), V(m)));
    [Handler] void FMULX_scalar_half(uint m, uint n, uint d) => V(d, FpBinaryOp(FpOp.MulX, 16, 1, V(n), V(m)));
    [Handler] void FRECPS_scalar(uint s, uint m, uint n, uint d) => V(d, FpBinaryOp(FpOp.RecipStep, FpSize(s), 1, V(n), V(m)));
    [Handler] void FRECPS_scalar_half(uint m, uint n, uint d) => V(d, FpBinaryOp(FpOp.RecipStep, 16, 1, V(n), V(m)));
    [Handler] void FRSQRTS_scalar(uint s, uint m, uint n, uint d) => V(d, FpBinaryOp(FpOp.RSqrtStep, FpSize(s), 1, V(n), V(m)));
    [Handler] void FRSQRTS_scalar_half(uint m, uint n, uint d) => V(d, FpBinaryOp(FpOp.RSqrtStep, 16, 1, V(n), V(m)));

    [Handler] void FMLA_vector(uint q, uint s, uint m, uint n, uint d) => Fp3Acc(FpOp.MulAdd, q, FpSize(s), m, n, d);
    [Handler] void FMLS_vector(uint q, uint s, uint m, uint n, uint d) => Fp3Acc(FpOp.MulSub, q, FpSize(s), m, n, d);
    [Handler] void FMLA_vector_half(uint q, uint m, uint n, uint d) => Fp3Acc(FpOp.MulAdd, q, 16, m, n, d);
    [Handler] void FMLS_vector_half(uint q, uint m, uint n, uint d) => Fp3Acc(FpOp.MulSub, q, 16, m, n, d);

    [Handler] void MLA_vector(uint q, uint s, uint m, uint n, uint d) => VecAccumulate(VecOp.Add, VecOp.Mul, q, s, m, n, d);
    [Handler] void MLS_vector(uint q, uint s, uint m, uint n, uint d) => VecAccumulate(VecOp.Sub, VecOp.Mul, q, s, m, n, d);
    [Handler] void SABA(uint q, uint s, uint m, uint n, uint d) => VecAccumulate(VecOp.Add, VecOp.SAbd, q, s, m, n, d);
    [Handler] void UABA(uint q, uint s, uint m, uint n, uint d) => VecAccumulate(VecOp.Add, VecOp.UAbd, q, s, m, n, d);

    // Bitwise: the element size does not matter; 64-bit lanes make Q == 0 zero the upper half.
    [Handler] void AND_vector(uint q, uint m, uint n, uint d) => V(d, VecBinaryOp(VecOp.And, 64, LaneCount64(q), V(n), V(m)));
    [Handler] void BIC_vector(uint q, uint m, uint n, uint d) => V(d, VecBinaryOp(VecOp.Bic, 64, LaneCount64(q), V(n), V(m)));
    [Handler] void ORR_vector(uint q, uint m, uint n, uint d) => V(d, VecBinaryOp(VecOp.Orr, 64, LaneCount64(q), V(n), V(m)));
    [Handler] void ORN_vector(uint q, uint m, uint n, uint d) => V(d, VecBinaryOp(VecOp.Orn, 64, LaneCount64(q), V(n), V(m)));
    [Handler] void EOR_vector(uint q, uint m, uint n, uint d) => V(d, VecBinaryOp(VecOp.Eor, 64, LaneCount64(q), V(n), V(m)));

    // BSL: d = m ^ ((m ^ n) & d); BIT: d = d ^ ((d ^ n) & m); BIF: d = d ^ ((d ^ n) & ~m).
    [Handler] void BSL(uint q, uint m, uint n, uint d) => BitwiseSelect(q, d, V(m), V(n), V(d), invert: false);
    [Handler] void BIT(uint q, uint m, uint n, uint d) => BitwiseSelect(q, d, V(d), V(n), V(m), invert: false);
    [Handler] void BIF(uint q, uint m, uint n, uint d) => BitwiseSelect(q, d, V(d), V(n), V(m), invert: true);

    void BitwiseSelect(uint q, uint d, Inst basis, Inst other, Inst mask, bool invert)
    {
        int lanes = LaneCount64(q);
        var diff = VecBinaryOp(VecOp.Eor, 64, lanes, basis, other);
        var picked = VecBinaryOp(invert ? VecOp.Bic : VecOp.And, 64, lanes, diff, mask);
        V(d, VecBinaryOp(VecOp.Eor, 64, lanes, basis, picked));
    }

    static int LaneCount64(uint q) => q == 1 ? 2 : 1;

    void Vec3(VecOp op, uint q, uint size, uint m, uint n, uint d)
    {
        int esize = 8 << (int)size;
        V(d, VecBinaryOp(op, esize, Lanes(q, esize), V(n), V(m)));
    }

    void VecSat3(VecOp op, uint q, uint size, uint m, uint n, uint d)
    {
        int esize = 8 << (int)size;
        V(d, VecSatBinaryOp(op, esize, Lanes(q, esize), V(n), V(m)));
    }

    void VecAccumulate(VecOp acc, VecOp op, uint q, uint size, uint m, uint n, uint d)
    {
        int esize = 8 << (int)size, lanes = Lanes(q, esize);
        V(d, VecBinaryOp(acc, esize, lanes, V(d), VecBinaryOp(op, esize, lanes, V(n), V(m))));
    }

    void Fp3(FpOp op, uint q, int esize, uint m, uint n, uint d) =>
        V(d, FpBinaryOp(op, esize, Lanes(q, esize), V(n), V(m)));

    void Fp3Acc(FpOp op, uint q, int esize, uint m, uint n, uint d) =>
        V(d, FpTernaryOp(op, esize, Lanes(q, esize), V(d), V(n), V(m)));

    // ---- Three-register extension --------------------------------------------------------------
    [Handler] void SDOT_vector(uint q, uint m, uint n, uint d) => DotProduct(VecOp.SDot, q, V(m), n, d);
    [Handler] void UDOT_vector(uint q, uint m, uint n, uint d) => DotProduct(VecOp.UDot, q, V(m), n, d);

    void DotProduct(VecOp op, uint q, Inst m, uint n, uint d)
    {
        int lanes = Lanes(q, 32);
        V(d, VecBinaryOp(VecOp.Add, 32, lanes, V(d), VecBinaryOp(op, 32, lanes, V(n), m)));
    }

    [Handler]
    void SQRDMLAH_vector(uint q, uint s, uint m, uint n, uint d)
    {
        int esize = 8 << (int)s;
        V(d, ir.EmitWithAux(Opcode.VecSatTernary, VecAux(VecOp.SQRDMlah, esize, Lanes(q, esize)), V(d), V(n), V(m)));
    }

    [Handler]
    void SQRDMLSH_vector(uint q, uint s, uint m, uint n, uint d)
    {
        int esize = 8 << (int)s;
        V(d, ir.EmitWithAux(Opcode.VecSatTernary, VecAux(VecOp.SQRDMlsh, esize, Lanes(q, esize)), V(d), V(n), V(m)));
    }

    [Handler]
    void SQRDMLAH_scalar(uint s, uint m, uint n, uint d) =>
        V(d, ir.EmitWithAux(Opcode.VecSatTernary, VecAux(VecOp.SQRDMlah, 8 << (int)s, 1), V(d), V(n), V(m)));

    [Handler]
    void SQRDMLSH_scalar(uint s, uint m, uint n, uint d) =>
        V(d, ir.EmitWithAux(Opcode.VecSatTernary, VecAux(VecOp.SQRDMlsh, 8 << (int)s, 1), V(d), V(n), V(m)));
}
