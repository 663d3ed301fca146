using A64Jit.Tests.Support.Snippets;
using NUnit.Framework;

namespace A64Jit.Tests.Frontend;

/// <summary>The Advanced SIMD lifters against qemu-aarch64, mostly on varied register contents.</summary>
[TestFixture]
public class AdvancedSimdTests : SnippetFixture
{
    public static readonly SnippetCase[] Cases =
    [
        // Copy
        Case("dup_element", "dup v0.16b, v1.b[13]\ndup v2.4h, v3.h[5]\ndup v4.2d, v5.d[1]\ndup v6.2s, v7.s[3]\nmov b8, v9.b[7]\nmov d10, v11.d[1]"),
        Case("dup_general", "dup v0.16b, w1\ndup v2.8h, w3\ndup v4.2s, w5\ndup v6.2d, x7"),
        Case("ins_umov_smov", "mov v0.b[3], w1\nmov v2.d[1], x3\nmov v4.s[2], v5.s[1]\nmov v6.h[7], v7.h[0]\numov w8, v9.b[15]\numov w10, v11.h[3]\nmov x12, v13.d[1]\nsmov w14, v15.b[1]\nsmov x16, v17.h[6]\nsmov x18, v19.s[3]"),
        // Modified immediate
        Case("movi_forms", "movi v0.16b, #0x5a\nmovi v1.4s, #0x12, lsl #16\nmovi v2.8h, #0x34, lsl #8\nmovi v3.2s, #0x56, msl #8\nmovi d4, #0xff00ff0000ff00ff\nmovi v5.2d, #0xffffffff00000000\nmvni v6.4s, #0x78, lsl #24\nmvni v7.4h, #0x9a\nmvni v8.2s, #0x11, msl #16"),
        Case("orr_bic_imm", "orr v0.4s, #0x12, lsl #8\nbic v1.8h, #0xff\norr v2.2s, #0x80, lsl #24\nbic v3.4s, #0x1, lsl #16"),
        Case("fmov_vector_imm", "fmov v0.4s, #1.5\nfmov v1.2d, #-3.0\nfmov v2.8h, #0.25\nfmov v3.2s, #31.0"),
        // Table lookup, permute, extract
        Case("tbl_tbx", "tbl v0.16b, {v1.16b}, v2.16b\ntbl v3.8b, {v4.16b, v5.16b}, v6.8b\ntbx v7.16b, {v8.16b, v9.16b, v10.16b}, v11.16b\ntbx v12.8b, {v30.16b, v31.16b, v0.16b, v1.16b}, v13.8b",
            s => { s.V[2] = Pair(0x0F0E_0D0C_1011_1213, 0x2021_2223_0001_0203); s.V[6] = Pair(0, 0x1F1E_1110_0F0E_0100); s.V[11] = Pair(0x3F2F_1F0F_302F_2010, 0x4030_2010_0500_FF0A); s.V[13] = Pair(0, 0x3F30_2F20_1F10_0F00); }),
        Case("zip_uzp_trn", "zip1 v0.16b, v1.16b, v2.16b\nzip2 v3.4h, v4.4h, v5.4h\nuzp1 v6.4s, v7.4s, v8.4s\nuzp2 v9.8b, v10.8b, v11.8b\ntrn1 v12.2d, v13.2d, v14.2d\ntrn2 v15.8h, v16.8h, v17.8h\nzip1 v18.2s, v19.2s, v20.2s"),
        Case("ext", "ext v0.16b, v1.16b, v2.16b, #3\next v3.8b, v4.8b, v5.8b, #7\next v6.16b, v7.16b, v8.16b, #15"),
        // Three same, integer
        Case("add_sub_mul", "add v0.16b, v1.16b, v2.16b\nadd v3.2d, v4.2d, v5.2d\nsub v6.4h, v7.4h, v8.4h\nmul v9.4s, v10.4s, v11.4s\nmla v12.8h, v13.8h, v14.8h\nmls v15.2s, v16.2s, v17.2s\nadd d18, d19, d20\nsub d21, d22, d23"),
        Case("logic", "and v0.16b, v1.16b, v2.16b\norr v3.8b, v4.8b, v5.8b\norn v6.16b, v7.16b, v8.16b\neor v9.16b, v10.16b, v11.16b\nbic v12.8b, v13.8b, v14.8b\nbsl v15.16b, v16.16b, v17.16b\nbit v18.16b, v19.16b, v20.16b\nbif v21.8b, v22.8b, v23.8b\nnot v24.16b, v25.16b"),
        Case("compares", "cmeq v0.16b, v1.16b, v1.16b\ncmhi v2.8h, v3.8h, v4.8h\ncmhs v5.4s, v6.4s, v7.4s\ncmgt v8.2d, v9.2d, v10.2d\ncmge v11.8b, v12.8b, v13.8b\ncmtst v14.4h, v15.4h, v16.4h\ncmeq v17.4s, v18.4s, #0\ncmgt v19.8h, v20.8h, #0\ncmle v21.16b, v22.16b, #0\ncmlt v23.2d, v24.2d, #0\ncmge v25.2s, v26.2s, #0\ncmeq d27, d27, #0",
            s => { s.V[18] = Pair(0, 0xFFFF_FFFF_0000_0000); }),
        Case("minmax_abd", "umax v0.16b, v1.16b, v2.16b\numin v3.8h, v4.8h, v5.8h\nsmax v6.4s, v7.4s, v8.4s\nsmin v9.8b, v10.8b, v11.8b\nsabd v12.16b, v13.16b, v14.16b\nuabd v15.4s, v16.4s, v17.4s\nsaba v18.8h, v19.8h, v20.8h\nuaba v21.2s, v22.2s, v23.2s"),
        Case("halving", "shadd v0.16b, v1.16b, v2.16b\nuhadd v3.8h, v4.8h, v5.8h\nsrhadd v6.4s, v7.4s, v8.4s\nurhadd v9.8b, v10.8b, v11.8b\nshsub v12.4h, v13.4h, v14.4h\nuhsub v15.16b, v16.16b, v17.16b"),
        Case("pairwise", "addp v0.16b, v1.16b, v2.16b\naddp v3.2s, v4.2s, v5.2s\numaxp v6.8h, v7.8h, v8.8h\numinp v9.16b, v10.16b, v11.16b\nsmaxp v12.4s, v13.4s, v14.4s\nsminp v15.8b, v16.8b, v17.8b\naddp d18, v19.2d"),
        Case("shifts_register", "ushl v0.16b, v1.16b, v2.16b\nsshl v3.8h, v4.8h, v5.8h\nurshl v6.4s, v7.4s, v8.4s\nsrshl v9.2d, v10.2d, v11.2d\nushl d12, d13, d14\nsshl d15, d16, d17",
            s => { s.V[2] = Pair(0x0102_0304_F8F9_FAFB, 0x0708_0009_FF80_7F10); s.V[5] = Pair(0x0001_00FF_0010_00F0, 0x0004_FFF8_000F_0011); s.V[8] = Pair(0x0000_0001_FFFF_FFE1, 0x0000_001F_FFFF_FFFF); s.V[11] = Pair(0xFFFF_FFFF_FFFF_FFC0, 0x3F); s.V[14] = 0xFFUL; s.V[17] = 0x40UL; }),
        Case("saturating_arith", "sqadd v0.16b, v1.16b, v2.16b\nuqadd v3.8h, v4.8h, v5.8h\nsqsub v6.4s, v7.4s, v8.4s\nuqsub v9.2d, v10.2d, v11.2d\nsqadd b12, b13, b14\nuqsub h15, h16, h17"),
        Case("saturating_no_qc", "sqadd v0.4s, v1.4s, v2.4s", s => { s.V[1] = Pair(1, 2); s.V[2] = Pair(3, 4); }),
        Case("saturating_shifts", "sqshl v0.8h, v1.8h, v2.8h\nuqshl v3.4s, v4.4s, v5.4s\nsqrshl v6.16b, v7.16b, v8.16b\nuqrshl v9.2d, v10.2d, v11.2d",
            s => { s.V[2] = Pair(0x0001_0002_0003_000F, 0xFFFF_FFFE_0010_0004); s.V[5] = Pair(0x0000_0001_0000_0020, 0xFFFF_FFFF_0000_0004); s.V[8] = Pair(0x0102_03FF_FEFD_0708, 0x0000_0000_0101_0101); s.V[11] = Pair(0xFFFF_FFFF_FFFF_FFFF, 1); }),
        Case("sqdmulh", "sqdmulh v0.8h, v1.8h, v2.8h\nsqrdmulh v3.4s, v4.4s, v5.4s\nsqdmulh s6, s7, s8\nsqrdmulh v9.4h, v10.4h, v11.h[3]\nsqdmulh v12.4s, v13.4s, v14.s[1]",
            s => { s.V[1] = Pair(0x8000_8000_7FFF_1234, 0x8000_0001_4000_C000); s.V[2] = Pair(0x8000_7FFF_7FFF_5678, 0x8000_8000_4000_4000); }),
        Case("sqrdmlah", "sqrdmlah v0.8h, v1.8h, v2.8h\nsqrdmlsh v3.4s, v4.4s, v5.4s\nsqrdmlah h6, h7, h8\nsqrdmlah v9.4s, v10.4s, v11.s[2]"),
        // Two-register misc
        Case("unary_misc", "abs v0.16b, v1.16b\nneg v2.2d, v3.2d\ncnt v4.16b, v5.16b\nclz v6.8h, v7.8h\ncls v8.4s, v9.4s\nrbit v10.8b, v11.8b\nrev64 v12.16b, v13.16b\nrev32 v14.8h, v15.8h\nrev16 v16.16b, v17.16b\nabs d18, d19\nneg d20, d21"),
        Case("narrow_widen", "xtn v0.8b, v1.8h\nxtn2 v2.16b, v3.8h\nxtn v4.2s, v5.2d\nuxtl v6.8h, v7.8b\nsxtl2 v8.4s, v9.8h\nushll v10.2d, v11.2s, #5\nsshll2 v12.8h, v13.16b, #7\nshll v14.4s, v15.4h, #16\nshll2 v16.8h, v17.16b, #8"),
        Case("saturating_narrow", "sqxtn v0.8b, v1.8h\nuqxtn2 v2.8h, v3.4s\nsqxtun v4.2s, v5.2d\nsqxtn s6, d7\nuqxtn b8, h9"),
        Case("add_long_pairwise", "saddlp v0.8h, v1.16b\nuaddlp v2.2s, v3.4h\nsadalp v4.2d, v5.4s\nuadalp v6.4h, v7.8b"),
        Case("sqabs_sqneg", "sqabs v0.16b, v1.16b\nsqneg v2.4s, v3.4s\nsqabs d4, d5\nsuqadd v6.8h, v7.8h\nusqadd v8.4s, v9.4s",
            s => { s.V[1] = Pair(0x8080_7F00_0180_FF80, 0x8000_0000_0000_0001); s.V[3] = Pair(0x8000_0000_0000_0001, 0x7FFF_FFFF_FFFF_FFFF); s.V[5] = 0x8000_0000_0000_0000UL; }),
        // Across lanes
        Case("across_lanes", "addv b0, v1.16b\naddv h2, v3.4h\naddv s4, v5.4s\numaxv b6, v7.8b\numinv h8, v9.8h\nsmaxv s10, v11.4s\nsminv b12, v13.16b\nuaddlv h14, v15.16b\nsaddlv d16, v17.4s\nuaddlv s18, v19.4h"),
        // Shift by immediate
        Case("shift_imm", "shl v0.16b, v1.16b, #3\nushr v2.8h, v3.8h, #16\nsshr v4.4s, v5.4s, #31\nushr v6.2d, v7.2d, #64\nsshr v8.2d, v9.2d, #64\nsrshr v10.16b, v11.16b, #1\nursra v12.4s, v13.4s, #7\nssra v14.8h, v15.8h, #2\nusra d16, d17, #63\nshl d18, d19, #1\nsri v20.4s, v21.4s, #5\nsli v22.2d, v23.2d, #40\nurshr d24, d25, #64"),
        Case("shift_narrow", "shrn v0.8b, v1.8h, #3\nrshrn2 v2.8h, v3.4s, #16\nsqshrn v4.2s, v5.2d, #1\nuqrshrn v6.8b, v7.8h, #8\nsqshrun2 v8.16b, v9.8h, #2\nsqrshrun v10.4h, v11.4s, #11\nuqshrn b12, h13, #4\nsqrshrn s14, d15, #30"),
        Case("sat_shift_imm", "sqshl v0.16b, v1.16b, #3\nuqshl v2.4s, v3.4s, #20\nsqshlu v4.8h, v5.8h, #1\nsqshl d6, d7, #62\nuqshl b8, b9, #7"),
        // Three different
        Case("long_ops", "saddl v0.8h, v1.8b, v2.8b\nuaddl2 v3.4s, v4.8h, v5.8h\nssubw v6.2d, v7.2d, v8.2s\nusubw2 v9.8h, v10.8h, v11.16b\nsmull v12.4s, v13.4h, v14.4h\numull2 v15.2d, v16.4s, v17.4s\nsmlal v18.8h, v19.8b, v20.8b\numlsl2 v21.4s, v22.8h, v23.8h\nsabdl v24.2d, v25.2s, v26.2s\nuabal2 v27.8h, v0.16b, v1.16b"),
        Case("high_narrow", "addhn v0.8b, v1.8h, v2.8h\nsubhn2 v3.8h, v4.4s, v5.4s\nraddhn v6.2s, v7.2d, v8.2d\nrsubhn2 v9.16b, v10.8h, v11.8h"),
        Case("pmull", "pmull v0.8h, v1.8b, v2.8b\npmull2 v3.8h, v4.16b, v5.16b\npmull v6.1q, v7.1d, v8.1d\npmull2 v9.1q, v10.2d, v11.2d\npmul v12.16b, v13.16b, v14.16b"),
        Case("sqdmull", "sqdmull v0.4s, v1.4h, v2.4h\nsqdmlal2 v3.2d, v4.4s, v5.4s\nsqdmlsl s6, h7, h8\nsqdmull v9.2d, v10.2s, v11.s[3]\nsqdmlal2 v12.4s, v13.8h, v14.h[5]",
            s => { s.V[1] = Pair(0x8000_0001_8000_7FFF, 0x8000_8000_1234_8000); s.V[2] = Pair(0x8000_8000_8000_7FFF, 0x8000_7FFF_1111_8000); }),
        // By element
        Case("by_element_int", "mul v0.8h, v1.8h, v2.h[7]\nmla v3.4s, v4.4s, v5.s[3]\nmls v6.4h, v7.4h, v15.h[2]\nsmull v8.4s, v9.4h, v10.h[1]\numlal2 v11.2d, v12.4s, v13.s[2]\nsmlsl v14.4s, v16.4h, v7.h[6]"),
        Case("dot_product", "sdot v0.4s, v1.16b, v2.16b\nudot v3.2s, v4.8b, v5.8b\nsdot v6.4s, v7.16b, v8.4b[3]\nudot v9.4s, v10.16b, v11.4b[1]"),
        // Floating-point vector
        Case("fp_vector_arith", "fadd v0.4s, v1.4s, v2.4s\nfsub v3.2d, v4.2d, v5.2d\nfmul v6.2s, v7.2s, v8.2s\nfdiv v9.4s, v10.4s, v11.4s\nfmla v12.2d, v13.2d, v14.2d\nfmls v15.4s, v16.4s, v17.4s\nfabd v18.4s, v19.4s, v20.4s\nfmulx v21.2d, v22.2d, v23.2d",
            s => { s.V[1] = S4(1, 2.5f, -3, 1e-40f); s.V[2] = S4(1e30f, -2.5f, 0.1f, 1e-40f); s.V[4] = D2(1, double.NaN); s.V[5] = D2(1e-310, 2); }),
        Case("fp_vector_minmax", "fmax v0.4s, v1.4s, v2.4s\nfmin v3.4s, v1.4s, v2.4s\nfmaxnm v4.4s, v1.4s, v2.4s\nfminnm v5.4s, v1.4s, v2.4s\nfmaxp v6.4s, v1.4s, v2.4s\nfminnmp v7.2d, v8.2d, v9.2d\nfaddp v10.4s, v1.4s, v2.4s\nfmaxnmv s11, v1.4s\nfminv s12, v2.4s\nfaddp d13, v8.2d\nfmaxnmp s14, v1.2s",
            s => { s.V[1] = S4(0f, -0f, float.NaN, 3); s.V[2] = S4(-0f, 0f, 1, float.NegativeInfinity); s.V[8] = D2(1.5, -2); s.V[9] = D2(double.NaN, 7); }),
        Case("fp_vector_compare", "fcmeq v0.4s, v1.4s, v2.4s\nfcmge v3.4s, v1.4s, v2.4s\nfcmgt v4.2d, v5.2d, v6.2d\nfacge v7.4s, v1.4s, v2.4s\nfacgt v8.2s, v1.2s, v2.2s\nfcmeq v9.4s, v1.4s, #0.0\nfcmlt v10.2d, v5.2d, #0.0\nfcmle v11.4s, v2.4s, #0.0\nfcmge d12, d5, #0.0",
            s => { s.V[1] = S4(1, float.NaN, -2, 0); s.V[2] = S4(1, 1, 2, -0f); s.V[5] = D2(-1, double.NaN); s.V[6] = D2(-2, 0); }),
        Case("fp_vector_unary", "fsqrt v0.4s, v1.4s\nfabs v2.2d, v3.2d\nfneg v4.4s, v5.4s\nfrintn v6.4s, v7.4s\nfrinta v8.2d, v9.2d\nfrintm v10.4s, v7.4s\nfrintx v11.4s, v7.4s\nfrint32x v12.4s, v7.4s",
            s => { s.V[1] = S4(4, -1, 2, 0); s.V[7] = S4(2.5f, -0.5f, 1.5f, 3e9f); s.V[9] = D2(-2.5, 0.5); }),
        Case("fp_vector_convert", "fcvtzs v0.4s, v1.4s\nfcvtzu v2.2d, v3.2d\nfcvtns v4.4s, v1.4s\nscvtf v5.4s, v6.4s\nucvtf v7.2d, v8.2d\nfcvtzs v9.4s, v1.4s, #8\nscvtf v10.2d, v8.2d, #32\nfcvtas v11.2s, v1.2s\nfcvtmu v12.4s, v1.4s",
            s => { s.V[1] = S4(2.5f, -3.75f, 3e9f, float.NaN); s.V[3] = D2(-1, 1e20); }),
        Case("fp_vector_precision", "fcvtn v0.4h, v1.4s\nfcvtn2 v2.4s, v3.2d\nfcvtl v4.4s, v5.4h\nfcvtl2 v6.2d, v7.4s\nfcvtxn v8.2s, v9.2d\nfcvtxn s10, d9",
            s => { s.V[1] = S4(1f / 3, 65520, 1e-8f, float.NaN); s.V[3] = D2(1.0 / 3, 1e40); s.V[9] = D2(1.0 / 3, 1 + 1e-12); }),
        Case("fp_vector_by_element", "fmul v0.4s, v1.4s, v2.s[3]\nfmla v3.2d, v4.2d, v5.d[1]\nfmls v6.2s, v7.2s, v8.s[1]\nfmul s9, s10, v11.s[2]\nfmla d12, d13, v14.d[0]\nfmulx v15.4s, v16.4s, v17.s[0]"),
        Case("fp_estimates", "frecpe v0.4s, v1.4s\nfrsqrte v2.2d, v3.2d\nfrecps v4.4s, v1.4s, v0.4s\nfrsqrts v5.2d, v3.2d, v2.2d\nfrecpe d6, d7\nfrecpx s8, s9\nfrsqrte s10, s11",
            s => { s.V[1] = S4(3, -0.1f, 1e-39f, 0); s.V[3] = D2(2, 1e-300); s.V[7] = D(-0.75); s.V[9] = S(1234.5f); s.V[11] = S(-4); }),
        Case("fp_half_vector", "fadd v0.8h, v1.8h, v2.8h\nfmul v3.4h, v4.4h, v5.4h\nfmla v6.8h, v7.8h, v8.8h\nfcvtzs v9.8h, v10.8h\nscvtf v11.4h, v12.4h\nfmaxv h13, v14.8h\nfcmgt v15.8h, v16.8h, #0.0"),
        Case("fp_round_mode_vector", "fadd v0.4s, v1.4s, v2.4s\nfcvtns v3.4s, v4.4s\nfrinti v5.2d, v6.2d",
            s => { s.V[1] = S4(1, 1, -1, 1e-8f); s.V[2] = S4(1e-8f, -1e-8f, -1e-8f, 1); s.V[4] = S4(2.5f, -2.5f, 0.5f, 1.5f); s.V[6] = D2(2.5, -2.5); s.Fpcr = FpcrRM; }),
        // Complex arithmetic, widening FP16 multiply-add, unsigned estimates
        Case("fcadd", "fcadd v0.4s, v1.4s, v2.4s, #90\nfcadd v3.2d, v4.2d, v5.2d, #270\nfcadd v6.4h, v7.4h, v8.4h, #90",
            s => { s.V[1] = S4(1, 2, 3, 4); s.V[2] = S4(0.5f, -1, float.NaN, 8); s.V[4] = D2(1, 2); s.V[5] = D2(3, 4); }),
        Case("fcmla", "fcmla v0.4s, v1.4s, v2.4s, #0\nfcmla v3.4s, v1.4s, v2.4s, #90\nfcmla v4.2d, v5.2d, v6.2d, #180\nfcmla v7.8h, v8.8h, v9.8h, #270\nfcmla v10.4s, v1.4s, v2.s[1], #90\nfcmla v11.4h, v12.4h, v13.h[1], #180",
            s => { s.V[1] = S4(1, 2, 3, 4); s.V[2] = S4(0.5f, -1, 2, 8); s.V[0] = S4(1, 1, 1, 1); s.V[3] = S4(0, 0, 0, 0); s.V[5] = D2(1.5, -2); s.V[6] = D2(3, 4); }),
        Case("fmlal", "fmlal v0.4s, v1.4h, v2.4h\nfmlal2 v3.4s, v4.4h, v5.4h\nfmlsl v6.2s, v7.2h, v8.2h\nfmlsl2 v9.2s, v10.2h, v11.2h\nfmlal v12.4s, v13.4h, v14.h[5]\nfmlsl2 v15.2s, v16.2h, v7.h[2]"),
        Case("urecpe_ursqrte", "urecpe v0.4s, v1.4s\nursqrte v2.2s, v3.2s", s => { s.V[1] = Pair(0x7FFF_FFFF_8000_0000, 0xC000_0001_FFFF_FFFF); s.V[3] = Pair(0, 0x3FFF_FFFF_4000_0000); }),
        // FP16 flush-to-zero is FZ16, not FZ
        Case("fp16_fz16", "fadd h0, h1, h2\nfmul v3.8h, v4.8h, v5.8h\nfcvt s6, h1", s => { s.V[1] = 0x0001UL; s.V[2] = 0x0002UL; s.V[4] = Pair(0x0001_0400_8001_0200, 0x03FF_0001_0001_0001); s.V[5] = Pair(0x3C00_3C00_3C00_3C00, 0x3800_3800_3800_3800); s.Fpcr = FpcrFZ16; }),
        Case("fp16_fz_only", "fadd h0, h1, h2\nfadd s3, s4, s5", s => { s.V[1] = 0x0001UL; s.V[2] = 0x0002UL; s.V[4] = 1UL; s.V[5] = 2UL; s.Fpcr = FpcrFZ; }),
    ];

    protected override IReadOnlyList<SnippetCase> AllCases => Cases;

    [TestCaseSource(nameof(Cases))]
    public void MatchesQemu(SnippetCase c) => Check(c);
}
