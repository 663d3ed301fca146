using A64Jit.Tests.Support.Snippets;
using NUnit.Framework;

namespace A64Jit.Tests.Frontend;

/// <summary>Lift/ScalarFloatingPoint.cs against qemu-aarch64: arithmetic, NaNs, signed zeros, rounding modes, FPSR flags.</summary>
[TestFixture]
public class ScalarFloatingPointTests : SnippetFixture
{
    public static readonly SnippetCase[] Cases =
    [
        Case("fadd_random", "fadd d0, d1, d2\nfadd s3, s4, s5\nfadd h6, h7, h8"),
        Case("fsub_fmul_fdiv_random", "fsub d0, d1, d2\nfmul s3, s4, s5\nfdiv d6, d7, d8\nfdiv s9, s10, s11\nfnmul d12, d13, d14"),
        Case("fdiv_third_inexact", "fdiv d0, d1, d2", s => { s.V[1] = D(1); s.V[2] = D(3); }),
        Case("fdiv_by_zero", "fdiv d0, d1, d2", s => { s.V[1] = D(-5); s.V[2] = D(0); }),
        Case("fdiv_zero_zero_invalid", "fdiv s0, s1, s2", s => { s.V[1] = S(0); s.V[2] = S(-0f); }),
        Case("fmadd_family", "fmadd d0, d1, d2, d3\nfmsub d4, d1, d2, d3\nfnmadd d5, d1, d2, d3\nfnmsub d6, d1, d2, d3\nfmadd s7, s8, s9, s10",
            s => { s.V[1] = D(1.0 / 3); s.V[2] = D(3); s.V[3] = D(-1); }),
        Case("fmsub_nan_sign", "fmsub d0, d1, d2, d3\nfnmadd d4, d1, d2, d3\nfnmsub d5, d2, d2, d1",
            s => { s.V[1] = QNaN64; s.V[2] = D(2); s.V[3] = QNaN64 & 0x7FFF_FFFF_FFFF_FFFF; }),
        Case("fmadd_inf_zero_qnan", "fmadd d0, d1, d2, d3", s => { s.V[1] = D(double.PositiveInfinity); s.V[2] = D(0); s.V[3] = QNaN64; }),
        Case("fsqrt", "fsqrt d0, d1\nfsqrt s2, s3\nfsqrt d4, d5\nfsqrt h6, h7", s => { s.V[1] = D(2); s.V[3] = S(9f); s.V[5] = D(-1); }),
        Case("fmax_fmin_signed_zero", "fmax d0, d1, d2\nfmin d3, d1, d2\nfmaxnm d4, d2, d1\nfminnm d5, d2, d1", s => { s.V[1] = D(0.0); s.V[2] = D(-0.0); }),
        Case("fmaxnm_quiet_nan", "fmaxnm d0, d1, d2\nfminnm d3, d2, d1\nfmax d4, d1, d2", s => { s.V[1] = QNaN64; s.V[2] = D(-7); }),
        Case("fmaxnm_signalling_nan", "fmaxnm d0, d1, d2", s => { s.V[1] = QNaN64; s.V[2] = SNaN64; }),
        Case("nan_propagation", "fadd d0, d1, d2\nfadd d3, d2, d1\nfmul s4, s5, s6", s => { s.V[1] = QNaN64; s.V[2] = SNaN64; s.V[5] = S(1); s.V[6] = SNaN32; }),
        Case("default_nan", "fadd d0, d1, d2\nfsqrt d3, d1", s => { s.V[1] = QNaN64; s.V[2] = SNaN64; s.Fpcr = FpcrDN; }),
        Case("round_plus_inf", "fdiv d0, d1, d2\nfadd s3, s4, s5\nfdiv d6, d7, d2", s => { s.V[1] = D(1); s.V[2] = D(3); s.V[7] = D(-1); s.Fpcr = FpcrRP; }),
        Case("round_minus_inf", "fdiv d0, d1, d2\nfsub d3, d1, d1\nfdiv d6, d7, d2", s => { s.V[1] = D(1); s.V[2] = D(3); s.V[7] = D(-1); s.Fpcr = FpcrRM; }),
        Case("round_zero", "fdiv d0, d1, d2\nfmul s3, s4, s5\nfdiv d6, d7, d2", s => { s.V[1] = D(2); s.V[2] = D(3); s.V[7] = D(-2); s.Fpcr = FpcrRZ; }),
        Case("overflow", "fmul d0, d1, d1\nfmul s2, s3, s3", s => { s.V[1] = D(1e300); s.V[3] = S(3e38f); }),
        Case("overflow_round_zero", "fmul d0, d1, d1\nfmul d2, d3, d1", s => { s.V[1] = D(1e300); s.V[3] = D(-1e300); s.Fpcr = FpcrRZ; }),
        Case("underflow", "fmul d0, d1, d1\nfmul d2, d3, d4", s => { s.V[1] = D(1e-200); s.V[3] = D(1e-300); s.V[4] = D(0.5); }),
        Case("flush_to_zero", "fadd d0, d1, d2\nfmul d3, d4, d4\nfadd h5, h6, h7",
            s => { s.V[1] = 1UL; s.V[2] = D(0); s.V[4] = D(1e-160); s.V[6] = 1UL; s.V[7] = 0UL; s.Fpcr = FpcrFZ; }),
        Case("denormal_exact", "fadd d0, d1, d2", s => { s.V[1] = 3UL; s.V[2] = 5UL; }),
        // Only the final NZCV is compared, so each compare is its own case.
        Case("fcmp_less", "fcmp d1, d2", s => { s.V[1] = D(1); s.V[2] = D(2); }),
        Case("fcmp_greater", "fcmp d2, d1", s => { s.V[1] = D(1); s.V[2] = D(2); }),
        Case("fcmp_zero_neg_zero", "fcmp s4, #0.0", s => { s.V[4] = S(-0f); }),
        Case("fcmpe_equal", "fcmpe d1, d1", s => { s.V[1] = D(1); }),
        Case("fcmp_qnan", "fcmp d1, d2", s => { s.V[1] = QNaN64; s.V[2] = D(2); }),
        Case("fcmpe_qnan", "fcmpe d1, d1", s => { s.V[1] = QNaN64; }),
        Case("fcmp_snan", "fcmp d2, d3", s => { s.V[2] = D(2); s.V[3] = SNaN64; }),
        Case("fcmp_half", "fcmp h1, h2"),
        Case("fccmp_false", "fccmp d1, d2, #4, ne", s => { s.V[1] = D(1); s.V[2] = D(2); s.V[3] = QNaN64; s.Nzcv = 0x4000_0000; }),
        Case("fccmpe_true_nan", "fccmpe d1, d3, #2, eq", s => { s.V[1] = D(1); s.V[2] = D(2); s.V[3] = QNaN64; s.Nzcv = 0x4000_0000; }),
        Case("fccmp_true", "fccmp s1, s2, #0, eq", s => { s.V[1] = S(3); s.V[2] = S(2); s.Nzcv = 0x4000_0000; }),
        Case("fcsel", "fcsel d4, d1, d2, vs\nfcsel s5, s1, s2, vc\nfcsel h6, h1, h2, eq", s => { s.Nzcv = 0x1000_0000; }),
        Case("fcvt_precision", "fcvt s0, d1\nfcvt d2, s3\nfcvt h4, d1\nfcvt d5, h6\nfcvt h7, s3\nfcvt s8, h6\nfcvt s9, d10",
            s => { s.V[1] = D(1.0 / 3); s.V[3] = S(-1e-3f); s.V[6] = 0x3C01UL; s.V[10] = D(1e300); }),
        Case("fcvt_nan_payload", "fcvt s0, d1\nfcvt d2, s3\nfcvt h4, d1\nfcvt d5, h4", s => { s.V[1] = 0x7FF4_5678_9ABC_DEF0UL; s.V[3] = 0xFFC1_2345UL; }),
        Case("fcvtzs_saturation", "fcvtzs w0, d1\nfcvtzs x2, d1\nfcvtzu w3, d4\nfcvtzs w5, d6\nfcvtzu x6, d7\nfcvtzs x7, s8",
            s => { s.V[1] = D(1e20); s.V[4] = D(-3.5); s.V[6] = QNaN64; s.V[7] = D(1.5); s.V[8] = S(-2.75f); }),
        Case("fcvt_to_int_modes", "fcvtns x0, d1\nfcvtas x2, d1\nfcvtms x3, d1\nfcvtps x4, d1\nfcvtnu w5, d1\nfcvtau w6, d7\nfcvtms w7, d7\nfcvtps w8, d7",
            s => { s.V[1] = D(2.5); s.V[7] = D(-2.5); }),
        Case("fcvtzs_fixed", "fcvtzs w0, d1, #16\nfcvtzu x2, s3, #8\nfcvtzs x4, d1, #64", s => { s.V[1] = D(3.14159); s.V[3] = S(1.00390625f); }),
        Case("scvtf_ucvtf", "scvtf d0, x1\nucvtf d2, x1\nscvtf s3, w4\nucvtf s5, w4\nscvtf d6, x7, #10\nucvtf h8, w9\nscvtf s10, x11, #33",
            s => { s.X[1] = 0xFFFF_FFFF_FFFF_FFF1UL; s.X[4] = 0x8000_0001; s.X[7] = 12345; s.X[9] = 70000; s.X[11] = 0x1234_5678_9ABC_DEF1; }),
        Case("frint_modes", "frintn d0, d1\nfrintp d2, d1\nfrintm d3, d1\nfrintz d4, d1\nfrinta d5, d1\nfrintx d6, d1\nfrinti d7, d1\nfrinta s8, s9\nfrintn s10, s9",
            s => { s.V[1] = D(-2.5); s.V[9] = S(0.5f); }),
        Case("frintx_rm", "frintx d0, d1\nfrinti d2, d1", s => { s.V[1] = D(2.5); s.Fpcr = FpcrRM; }),
        Case("frint32_64", "frint32z d0, d1\nfrint32x d2, d3\nfrint64z s4, s5\nfrint64x d6, d7\nfrint32z s8, s9",
            s => { s.V[1] = D(3e9); s.V[3] = D(-2.5); s.V[5] = S(7.75f); s.V[7] = QNaN64; s.V[9] = S(-0.25f); }),
        Case("fmov_forms", "fmov d0, x1\nfmov x2, d3\nfmov s4, w5\nfmov w6, s7\nfmov v8.d[1], x9\nfmov x10, v11.d[1]\nfmov h12, w13\nfmov w14, h15\nfmov d16, d17\nfmov s18, s19\nfmov h20, h21"),
        Case("fmov_imm", "fmov d0, #1.5\nfmov s1, #-0.125\nfmov h2, #31.0\nfmov d3, #-2.0"),
        Case("fabs_fneg_nan", "fabs d0, d1\nfneg d2, d1\nfneg s3, s4\nfabs h5, h6", s => { s.V[1] = SNaN64 | 0x8000_0000_0000_0000; s.V[4] = S(0f); }),
        Case("fjcvtzs_exact", "fjcvtzs w0, d1", s => { s.V[1] = D(-42); }),
        Case("fjcvtzs_wrap", "fjcvtzs w3, d4", s => { s.V[4] = D(4294967296.0 + 7.5); }),
        Case("fjcvtzs_nan", "fjcvtzs w6, d7", s => { s.V[7] = D(double.NaN); s.Nzcv = 0xF000_0000; }),
        Case("fjcvtzs_neg_zero", "fjcvtzs w6, d7", s => { s.V[7] = D(-0.0); }),
        // FPCR.AHP (bit 26): alternative half precision in conversions only.
        Case("fcvt_ahp", "fcvt h0, s1\nfcvt h2, d3\nfcvt s4, h5\nfcvt d6, h7\nfcvt h8, s9\nfcvt h10, s11\nfadd h12, h5, h5\nfcvtl v13.4s, v14.4h\nfcvtn v15.4h, v16.4s",
            s => { s.V[1] = S(70000f); s.V[3] = D(double.PositiveInfinity); s.V[5] = 0x7C01UL; s.V[7] = 0xFFFFUL; s.V[9] = S(float.NaN); s.V[11] = S(140000f);
                   s.V[14] = Pair(0, 0x7C00_FC00_7E00_3C00); s.V[16] = S4(1e5f, -1e9f, float.NegativeInfinity, 0.5f); s.Fpcr = 1u << 26; }),
        Case("fpsr_accumulates", "fdiv d0, d1, d2\nfadd d3, d1, d1", s => { s.V[1] = D(1); s.V[2] = D(0); s.Fpsr = 0x10; }),
    ];

    protected override IReadOnlyList<SnippetCase> AllCases => Cases;

    [TestCaseSource(nameof(Cases))]
    public void MatchesQemu(SnippetCase c) => Check(c);
}
