namespace A64Jit.Frontend.Decoding;

public static partial class DecodeTable
{
    // C4.1.95 Data Processing -- Advanced SIMD (vector and scalar classes).
    // Fields: q = Q, s = size (or sz, one bit, where the other size bit is part of the opcode),
    // a = the FP16 "a" bit kept as a field only where it names the element size, d = Rd, n = Rn,
    // m = Rm (four bits in by-element forms, with M its top bit), L/H = index bits, h = immh,
    // b = immb, i = imm (modified immediate abc:defgh, EXT imm4, copy imm5), j = imm4 of INS,
    // c = the variable bits of cmode, l = TBL len, r = rotation.
    // The helpers below spell each class's bit layout once; every line is still one encoding.
    static Encoding[] AdvancedSimd =>
    [
        // ---- Table lookup, permute, extract ---------------------------------------------------
        E("TBL",  "0q001110 000 mmmmm 0 ll 0 00 nnnnn ddddd"),
        E("TBX",  "0q001110 000 mmmmm 0 ll 1 00 nnnnn ddddd"),
        Permute("UZP1", "001"), Permute("TRN1", "010"), Permute("ZIP1", "011"),
        Permute("UZP2", "101"), Permute("TRN2", "110"), Permute("ZIP2", "111"),
        E("EXT",  "0q101110 000 mmmmm 0 iiii 0 nnnnn ddddd", w => Q(w) == 1 || Bits(w, 14, 14) == 0),

        // ---- Copy ------------------------------------------------------------------------------
        E("DUP_element",  "0q001110000 iiiii 0 0000 1 nnnnn ddddd", w => CopySize(w) is >= 0 and < 3 || (CopySize(w) == 3 && Q(w) == 1)),
        E("DUP_general",  "0q001110000 iiiii 0 0001 1 nnnnn ddddd", w => CopySize(w) is >= 0 and < 3 || (CopySize(w) == 3 && Q(w) == 1)),
        E("INS_general",  "01001110000 iiiii 0 0011 1 nnnnn ddddd", w => CopySize(w) >= 0),
        E("SMOV",         "0q001110000 iiiii 0 0101 1 nnnnn ddddd", w => CopySize(w) is 0 or 1 || (CopySize(w) == 2 && Q(w) == 1)),
        E("UMOV",         "0q001110000 iiiii 0 0111 1 nnnnn ddddd", w => Q(w) == 0 ? CopySize(w) is >= 0 and < 3 : CopySize(w) == 3),
        E("INS_element",  "01101110000 iiiii 0 jjjj 1 nnnnn ddddd", w => CopySize(w) >= 0),
        E("DUP_element_scalar", "01011110000 iiiii 0 0000 1 nnnnn ddddd", w => CopySize(w) >= 0),

        // ---- Modified immediate (op, cmode, o2) ---------------------------------------------------
        E("MOVI_32",        "0q00111100000 iii 0cc0 0 1 iiiii ddddd"),
        E("ORR_imm_32",     "0q00111100000 iii 0cc1 0 1 iiiii ddddd"),
        E("MOVI_16",        "0q00111100000 iii 10c0 0 1 iiiii ddddd"),
        E("ORR_imm_16",     "0q00111100000 iii 10c1 0 1 iiiii ddddd"),
        E("MOVI_32_ones",   "0q00111100000 iii 110c 0 1 iiiii ddddd"),
        E("MOVI_8",         "0q00111100000 iii 1110 0 1 iiiii ddddd"),
        E("FMOV_vector_imm_single", "0q00111100000 iii 1111 0 1 iiiii ddddd"),
        E("FMOV_vector_imm_half",   "0q00111100000 iii 1111 1 1 iiiii ddddd"),
        E("MVNI_32",        "0q10111100000 iii 0cc0 0 1 iiiii ddddd"),
        E("BIC_imm_32",     "0q10111100000 iii 0cc1 0 1 iiiii ddddd"),
        E("MVNI_16",        "0q10111100000 iii 10c0 0 1 iiiii ddddd"),
        E("BIC_imm_16",     "0q10111100000 iii 10c1 0 1 iiiii ddddd"),
        E("MVNI_32_ones",   "0q10111100000 iii 110c 0 1 iiiii ddddd"),
        E("MOVI_64",        "0q10111100000 iii 1110 0 1 iiiii ddddd"),
        E("FMOV_vector_imm_double", "0110111100000 iii 1111 0 1 iiiii ddddd"),

        // ---- Shift by immediate (immh != 0; immh<3> == 1 needs Q == 1) -----------------------
        ShiftImm("SSHR",  "0", "00000", ShiftQ), ShiftImm("SSRA", "0", "00010", ShiftQ),
        ShiftImm("SRSHR", "0", "00100", ShiftQ), ShiftImm("SRSRA", "0", "00110", ShiftQ),
        ShiftImm("SHL",   "0", "01010", ShiftQ), ShiftImm("SQSHL_imm", "0", "01110", ShiftQ),
        ShiftImm("SHRN",  "0", "10000", ShiftNarrow), ShiftImm("RSHRN", "0", "10001", ShiftNarrow),
        ShiftImm("SQSHRN", "0", "10010", ShiftNarrow), ShiftImm("SQRSHRN", "0", "10011", ShiftNarrow),
        ShiftImm("SSHLL", "0", "10100", ShiftNarrow),
        ShiftImm("SCVTF_vector_fix", "0", "11100", ShiftFp), ShiftImm("FCVTZS_vector_fix", "0", "11111", ShiftFp),
        ShiftImm("USHR",  "1", "00000", ShiftQ), ShiftImm("USRA", "1", "00010", ShiftQ),
        ShiftImm("URSHR", "1", "00100", ShiftQ), ShiftImm("URSRA", "1", "00110", ShiftQ),
        ShiftImm("SRI",   "1", "01000", ShiftQ), ShiftImm("SLI", "1", "01010", ShiftQ),
        ShiftImm("SQSHLU", "1", "01100", ShiftQ), ShiftImm("UQSHL_imm", "1", "01110", ShiftQ),
        ShiftImm("SQSHRUN", "1", "10000", ShiftNarrow), ShiftImm("SQRSHRUN", "1", "10001", ShiftNarrow),
        ShiftImm("UQSHRN", "1", "10010", ShiftNarrow), ShiftImm("UQRSHRN", "1", "10011", ShiftNarrow),
        ShiftImm("USHLL", "1", "10100", ShiftNarrow),
        ShiftImm("UCVTF_vector_fix", "1", "11100", ShiftFp), ShiftImm("FCVTZU_vector_fix", "1", "11111", ShiftFp),

        // ---- Scalar shift by immediate ----------------------------------------------------------
        ScalarShiftImm("SSHR_scalar", "0", "00000", ShiftD), ScalarShiftImm("SSRA_scalar", "0", "00010", ShiftD),
        ScalarShiftImm("SRSHR_scalar", "0", "00100", ShiftD), ScalarShiftImm("SRSRA_scalar", "0", "00110", ShiftD),
        ScalarShiftImm("SHL_scalar", "0", "01010", ShiftD), ScalarShiftImm("SQSHL_imm_scalar", "0", "01110", ShiftAny),
        ScalarShiftImm("SQSHRN_scalar", "0", "10010", ShiftNarrowScalar), ScalarShiftImm("SQRSHRN_scalar", "0", "10011", ShiftNarrowScalar),
        ScalarShiftImm("SCVTF_scalar_fix", "0", "11100", ShiftFpScalar), ScalarShiftImm("FCVTZS_scalar_fix", "0", "11111", ShiftFpScalar),
        ScalarShiftImm("USHR_scalar", "1", "00000", ShiftD), ScalarShiftImm("USRA_scalar", "1", "00010", ShiftD),
        ScalarShiftImm("URSHR_scalar", "1", "00100", ShiftD), ScalarShiftImm("URSRA_scalar", "1", "00110", ShiftD),
        ScalarShiftImm("SRI_scalar", "1", "01000", ShiftD), ScalarShiftImm("SLI_scalar", "1", "01010", ShiftD),
        ScalarShiftImm("SQSHLU_scalar", "1", "01100", ShiftAny), ScalarShiftImm("UQSHL_imm_scalar", "1", "01110", ShiftAny),
        ScalarShiftImm("SQSHRUN_scalar", "1", "10000", ShiftNarrowScalar), ScalarShiftImm("SQRSHRUN_scalar", "1", "10001", ShiftNarrowScalar),
        ScalarShiftImm("UQSHRN_scalar", "1", "10010", ShiftNarrowScalar), ScalarShiftImm("UQRSHRN_scalar", "1", "10011", ShiftNarrowScalar),
        ScalarShiftImm("UCVTF_scalar_fix", "1", "11100", ShiftFpScalar), ScalarShiftImm("FCVTZU_scalar_fix", "1", "11111", ShiftFpScalar),

        // ---- Three same (integer) -----------------------------------------------------------
        ThreeSame("SHADD", "0", "ss", "00000", NoSize3), ThreeSame("SQADD", "0", "ss", "00001", NotOneD),
        ThreeSame("SRHADD", "0", "ss", "00010", NoSize3), ThreeSame("SHSUB", "0", "ss", "00100", NoSize3),
        ThreeSame("SQSUB", "0", "ss", "00101", NotOneD), ThreeSame("CMGT_reg", "0", "ss", "00110", NotOneD),
        ThreeSame("CMGE_reg", "0", "ss", "00111", NotOneD), ThreeSame("SSHL", "0", "ss", "01000", NotOneD),
        ThreeSame("SQSHL_reg", "0", "ss", "01001", NotOneD), ThreeSame("SRSHL", "0", "ss", "01010", NotOneD),
        ThreeSame("SQRSHL", "0", "ss", "01011", NotOneD), ThreeSame("SMAX", "0", "ss", "01100", NoSize3),
        ThreeSame("SMIN", "0", "ss", "01101", NoSize3), ThreeSame("SABD", "0", "ss", "01110", NoSize3),
        ThreeSame("SABA", "0", "ss", "01111", NoSize3), ThreeSame("ADD_vector", "0", "ss", "10000", NotOneD),
        ThreeSame("CMTST", "0", "ss", "10001", NotOneD), ThreeSame("MLA_vector", "0", "ss", "10010", NoSize3),
        ThreeSame("MUL_vector", "0", "ss", "10011", NoSize3), ThreeSame("SMAXP", "0", "ss", "10100", NoSize3),
        ThreeSame("SMINP", "0", "ss", "10101", NoSize3), ThreeSame("SQDMULH_vector", "0", "ss", "10110", SizeHS),
        ThreeSame("ADDP_vector", "0", "ss", "10111", NotOneD),
        ThreeSame("AND_vector", "0", "00", "00011"), ThreeSame("BIC_vector", "0", "01", "00011"),
        ThreeSame("ORR_vector", "0", "10", "00011"), ThreeSame("ORN_vector", "0", "11", "00011"),
        ThreeSame("UHADD", "1", "ss", "00000", NoSize3), ThreeSame("UQADD", "1", "ss", "00001", NotOneD),
        ThreeSame("URHADD", "1", "ss", "00010", NoSize3), ThreeSame("UHSUB", "1", "ss", "00100", NoSize3),
        ThreeSame("UQSUB", "1", "ss", "00101", NotOneD), ThreeSame("CMHI_reg", "1", "ss", "00110", NotOneD),
        ThreeSame("CMHS_reg", "1", "ss", "00111", NotOneD), ThreeSame("USHL", "1", "ss", "01000", NotOneD),
        ThreeSame("UQSHL_reg", "1", "ss", "01001", NotOneD), ThreeSame("URSHL", "1", "ss", "01010", NotOneD),
        ThreeSame("UQRSHL", "1", "ss", "01011", NotOneD), ThreeSame("UMAX", "1", "ss", "01100", NoSize3),
        ThreeSame("UMIN", "1", "ss", "01101", NoSize3), ThreeSame("UABD", "1", "ss", "01110", NoSize3),
        ThreeSame("UABA", "1", "ss", "01111", NoSize3), ThreeSame("SUB_vector", "1", "ss", "10000", NotOneD),
        ThreeSame("CMEQ_reg", "1", "ss", "10001", NotOneD), ThreeSame("MLS_vector", "1", "ss", "10010", NoSize3),
        ThreeSame("PMUL", "1", "ss", "10011", w => Size(w) == 0), ThreeSame("UMAXP", "1", "ss", "10100", NoSize3),
        ThreeSame("UMINP", "1", "ss", "10101", NoSize3), ThreeSame("SQRDMULH_vector", "1", "ss", "10110", SizeHS),
        ThreeSame("EOR_vector", "1", "00", "00011"), ThreeSame("BSL", "1", "01", "00011"),
        ThreeSame("BIT", "1", "10", "00011"), ThreeSame("BIF", "1", "11", "00011"),

        // ---- Three same (floating point, single and double: s = sz) ----------------------------
        ThreeSame("FMAXNM_vector", "0", "0s", "11000", FpQ), ThreeSame("FMLA_vector", "0", "0s", "11001", FpQ),
        ThreeSame("FADD_vector", "0", "0s", "11010", FpQ), ThreeSame("FMULX_vector", "0", "0s", "11011", FpQ),
        ThreeSame("FCMEQ_reg", "0", "0s", "11100", FpQ), ThreeSame("FMAX_vector", "0", "0s", "11110", FpQ),
        ThreeSame("FRECPS_vector", "0", "0s", "11111", FpQ),
        ThreeSame("FMINNM_vector", "0", "1s", "11000", FpQ), ThreeSame("FMLS_vector", "0", "1s", "11001", FpQ),
        ThreeSame("FSUB_vector", "0", "1s", "11010", FpQ), ThreeSame("FMIN_vector", "0", "1s", "11110", FpQ),
        ThreeSame("FRSQRTS_vector", "0", "1s", "11111", FpQ),
        ThreeSame("FMAXNMP_vector", "1", "0s", "11000", FpQ), ThreeSame("FADDP_vector", "1", "0s", "11010", FpQ),
        ThreeSame("FMUL_vector", "1", "0s", "11011", FpQ), ThreeSame("FCMGE_reg", "1", "0s", "11100", FpQ),
        ThreeSame("FACGE", "1", "0s", "11101", FpQ), ThreeSame("FMAXP_vector", "1", "0s", "11110", FpQ),
        ThreeSame("FDIV_vector", "1", "0s", "11111", FpQ),
        ThreeSame("FMINNMP_vector", "1", "1s", "11000", FpQ), ThreeSame("FABD", "1", "1s", "11010", FpQ),
        ThreeSame("FCMGT_reg", "1", "1s", "11100", FpQ), ThreeSame("FACGT", "1", "1s", "11101", FpQ),
        ThreeSame("FMINP_vector", "1", "1s", "11110", FpQ),
        // FEAT_FHM widening multiply-add.
        ThreeSame("FMLAL_vector", "0", "00", "11101"), ThreeSame("FMLSL_vector", "0", "10", "11101"),
        ThreeSame("FMLAL2_vector", "1", "00", "11001"), ThreeSame("FMLSL2_vector", "1", "10", "11001"),

        // ---- Three same (half precision) ---------------------------------------------------------
        ThreeSameHalf("FMAXNM_vector_half", "0", "0", "000"), ThreeSameHalf("FMLA_vector_half", "0", "0", "001"),
        ThreeSameHalf("FADD_vector_half", "0", "0", "010"), ThreeSameHalf("FMULX_vector_half", "0", "0", "011"),
        ThreeSameHalf("FCMEQ_reg_half", "0", "0", "100"), ThreeSameHalf("FMAX_vector_half", "0", "0", "110"),
        ThreeSameHalf("FRECPS_vector_half", "0", "0", "111"),
        ThreeSameHalf("FMINNM_vector_half", "0", "1", "000"), ThreeSameHalf("FMLS_vector_half", "0", "1", "001"),
        ThreeSameHalf("FSUB_vector_half", "0", "1", "010"), ThreeSameHalf("FMIN_vector_half", "0", "1", "110"),
        ThreeSameHalf("FRSQRTS_vector_half", "0", "1", "111"),
        ThreeSameHalf("FMAXNMP_vector_half", "1", "0", "000"), ThreeSameHalf("FADDP_vector_half", "1", "0", "010"),
        ThreeSameHalf("FMUL_vector_half", "1", "0", "011"), ThreeSameHalf("FCMGE_reg_half", "1", "0", "100"),
        ThreeSameHalf("FACGE_half", "1", "0", "101"), ThreeSameHalf("FMAXP_vector_half", "1", "0", "110"),
        ThreeSameHalf("FDIV_vector_half", "1", "0", "111"),
        ThreeSameHalf("FMINNMP_vector_half", "1", "1", "000"), ThreeSameHalf("FABD_half", "1", "1", "010"),
        ThreeSameHalf("FCMGT_reg_half", "1", "1", "100"), ThreeSameHalf("FACGT_half", "1", "1", "101"),
        ThreeSameHalf("FMINP_vector_half", "1", "1", "110"),

        // ---- Three-register extension --------------------------------------------------------------
        E("SDOT_vector",     "0q001110 10 0 mmmmm 1 0010 1 nnnnn ddddd"),
        E("UDOT_vector",     "0q101110 10 0 mmmmm 1 0010 1 nnnnn ddddd"),
        E("SQRDMLAH_vector", "0q101110 ss 0 mmmmm 1 0000 1 nnnnn ddddd", SizeHS),
        E("SQRDMLSH_vector", "0q101110 ss 0 mmmmm 1 0001 1 nnnnn ddddd", SizeHS),
        E("FCMLA_vector",    "0q101110 ss 0 mmmmm 1 10rr 1 nnnnn ddddd", ComplexSize),
        E("FCADD_vector",    "0q101110 ss 0 mmmmm 1 11r0 1 nnnnn ddddd", ComplexSize),

        // ---- Three different --------------------------------------------------------------------
        ThreeDiff("SADDL", "0", "0000", NoSize3), ThreeDiff("SADDW", "0", "0001", NoSize3),
        ThreeDiff("SSUBL", "0", "0010", NoSize3), ThreeDiff("SSUBW", "0", "0011", NoSize3),
        ThreeDiff("ADDHN", "0", "0100", NoSize3), ThreeDiff("SABAL", "0", "0101", NoSize3),
        ThreeDiff("SUBHN", "0", "0110", NoSize3), ThreeDiff("SABDL", "0", "0111", NoSize3),
        ThreeDiff("SMLAL_vector", "0", "1000", NoSize3), ThreeDiff("SQDMLAL_vector", "0", "1001", SizeHS),
        ThreeDiff("SMLSL_vector", "0", "1010", NoSize3), ThreeDiff("SQDMLSL_vector", "0", "1011", SizeHS),
        ThreeDiff("SMULL_vector", "0", "1100", NoSize3), ThreeDiff("SQDMULL_vector", "0", "1101", SizeHS),
        ThreeDiff("PMULL", "0", "1110", w => Size(w) is 0 or 3),
        ThreeDiff("UADDL", "1", "0000", NoSize3), ThreeDiff("UADDW", "1", "0001", NoSize3),
        ThreeDiff("USUBL", "1", "0010", NoSize3), ThreeDiff("USUBW", "1", "0011", NoSize3),
        ThreeDiff("RADDHN", "1", "0100", NoSize3), ThreeDiff("UABAL", "1", "0101", NoSize3),
        ThreeDiff("RSUBHN", "1", "0110", NoSize3), ThreeDiff("UABDL", "1", "0111", NoSize3),
        ThreeDiff("UMLAL_vector", "1", "1000", NoSize3), ThreeDiff("UMLSL_vector", "1", "1010", NoSize3),
        ThreeDiff("UMULL_vector", "1", "1100", NoSize3),

        // ---- Two-register miscellaneous ---------------------------------------------------------
        TwoMisc("REV64", "0", "ss", "00000", NoSize3), TwoMisc("REV16_vector", "0", "ss", "00001", w => Size(w) == 0),
        TwoMisc("SADDLP", "0", "ss", "00010", NoSize3), TwoMisc("SUQADD", "0", "ss", "00011", NotOneD),
        TwoMisc("CLS_vector", "0", "ss", "00100", NoSize3), TwoMisc("CNT", "0", "ss", "00101", w => Size(w) == 0),
        TwoMisc("SADALP", "0", "ss", "00110", NoSize3), TwoMisc("SQABS", "0", "ss", "00111", NotOneD),
        TwoMisc("CMGT_zero", "0", "ss", "01000", NotOneD), TwoMisc("CMEQ_zero", "0", "ss", "01001", NotOneD),
        TwoMisc("CMLT_zero", "0", "ss", "01010", NotOneD), TwoMisc("ABS", "0", "ss", "01011", NotOneD),
        TwoMisc("XTN", "0", "ss", "10010", NoSize3), TwoMisc("SQXTN", "0", "ss", "10100", NoSize3),
        TwoMisc("REV32_vector", "1", "ss", "00000", w => Size(w) < 2), TwoMisc("UADDLP", "1", "ss", "00010", NoSize3),
        TwoMisc("USQADD", "1", "ss", "00011", NotOneD), TwoMisc("CLZ_vector", "1", "ss", "00100", NoSize3),
        TwoMisc("UADALP", "1", "ss", "00110", NoSize3), TwoMisc("SQNEG", "1", "ss", "00111", NotOneD),
        TwoMisc("CMGE_zero", "1", "ss", "01000", NotOneD), TwoMisc("CMLE_zero", "1", "ss", "01001", NotOneD),
        TwoMisc("NEG_vector", "1", "ss", "01011", NotOneD), TwoMisc("SQXTUN", "1", "ss", "10010", NoSize3),
        TwoMisc("SHLL", "1", "ss", "10011", NoSize3), TwoMisc("UQXTN", "1", "ss", "10100", NoSize3),
        TwoMisc("NOT", "1", "00", "00101"), TwoMisc("RBIT_vector", "1", "01", "00101"),
        // Floating point (s = sz).
        TwoMisc("FCVTN", "0", "0s", "10110"), TwoMisc("FCVTL", "0", "0s", "10111"),
        TwoMisc("FRINTN_vector", "0", "0s", "11000", FpQ), TwoMisc("FRINTM_vector", "0", "0s", "11001", FpQ),
        TwoMisc("FCVTNS_vector", "0", "0s", "11010", FpQ), TwoMisc("FCVTMS_vector", "0", "0s", "11011", FpQ),
        TwoMisc("FCVTAS_vector", "0", "0s", "11100", FpQ), TwoMisc("SCVTF_vector_int", "0", "0s", "11101", FpQ),
        TwoMisc("FRINT32Z_vector", "0", "0s", "11110", FpQ), TwoMisc("FRINT64Z_vector", "0", "0s", "11111", FpQ),
        TwoMisc("FCMGT_zero", "0", "1s", "01100", FpQ), TwoMisc("FCMEQ_zero", "0", "1s", "01101", FpQ),
        TwoMisc("FCMLT_zero", "0", "1s", "01110", FpQ), TwoMisc("FABS_vector", "0", "1s", "01111", FpQ),
        TwoMisc("FRINTP_vector", "0", "1s", "11000", FpQ), TwoMisc("FRINTZ_vector", "0", "1s", "11001", FpQ),
        TwoMisc("FCVTPS_vector", "0", "1s", "11010", FpQ), TwoMisc("FCVTZS_vector_int", "0", "1s", "11011", FpQ),
        TwoMisc("URECPE", "0", "1s", "11100", w => Bits(w, 22, 22) == 0), TwoMisc("FRECPE_vector", "0", "1s", "11101", FpQ),
        TwoMisc("FCVTXN", "1", "0s", "10110", w => Bits(w, 22, 22) == 1),
        TwoMisc("FRINTA_vector", "1", "0s", "11000", FpQ), TwoMisc("FRINTX_vector", "1", "0s", "11001", FpQ),
        TwoMisc("FCVTNU_vector", "1", "0s", "11010", FpQ), TwoMisc("FCVTMU_vector", "1", "0s", "11011", FpQ),
        TwoMisc("FCVTAU_vector", "1", "0s", "11100", FpQ), TwoMisc("UCVTF_vector_int", "1", "0s", "11101", FpQ),
        TwoMisc("FRINT32X_vector", "1", "0s", "11110", FpQ), TwoMisc("FRINT64X_vector", "1", "0s", "11111", FpQ),
        TwoMisc("FCMGE_zero", "1", "1s", "01100", FpQ), TwoMisc("FCMLE_zero", "1", "1s", "01101", FpQ),
        TwoMisc("FNEG_vector", "1", "1s", "01111", FpQ), TwoMisc("FRINTI_vector", "1", "1s", "11001", FpQ),
        TwoMisc("FCVTPU_vector", "1", "1s", "11010", FpQ), TwoMisc("FCVTZU_vector_int", "1", "1s", "11011", FpQ),
        TwoMisc("URSQRTE", "1", "1s", "11100", w => Bits(w, 22, 22) == 0), TwoMisc("FRSQRTE_vector", "1", "1s", "11101", FpQ),
        TwoMisc("FSQRT_vector", "1", "1s", "11111", FpQ),

        // ---- Two-register miscellaneous (half precision) --------------------------------------------
        TwoMiscHalf("FRINTN_vector_half", "0", "0", "11000"), TwoMiscHalf("FRINTM_vector_half", "0", "0", "11001"),
        TwoMiscHalf("FCVTNS_vector_half", "0", "0", "11010"), TwoMiscHalf("FCVTMS_vector_half", "0", "0", "11011"),
        TwoMiscHalf("FCVTAS_vector_half", "0", "0", "11100"), TwoMiscHalf("SCVTF_vector_int_half", "0", "0", "11101"),
        TwoMiscHalf("FCMGT_zero_half", "0", "1", "01100"), TwoMiscHalf("FCMEQ_zero_half", "0", "1", "01101"),
        TwoMiscHalf("FCMLT_zero_half", "0", "1", "01110"), TwoMiscHalf("FABS_vector_half", "0", "1", "01111"),
        TwoMiscHalf("FRINTP_vector_half", "0", "1", "11000"), TwoMiscHalf("FRINTZ_vector_half", "0", "1", "11001"),
        TwoMiscHalf("FCVTPS_vector_half", "0", "1", "11010"), TwoMiscHalf("FCVTZS_vector_int_half", "0", "1", "11011"),
        TwoMiscHalf("FRECPE_vector_half", "0", "1", "11101"),
        TwoMiscHalf("FRINTA_vector_half", "1", "0", "11000"), TwoMiscHalf("FRINTX_vector_half", "1", "0", "11001"),
        TwoMiscHalf("FCVTNU_vector_half", "1", "0", "11010"), TwoMiscHalf("FCVTMU_vector_half", "1", "0", "11011"),
        TwoMiscHalf("FCVTAU_vector_half", "1", "0", "11100"), TwoMiscHalf("UCVTF_vector_int_half", "1", "0", "11101"),
        TwoMiscHalf("FCMGE_zero_half", "1", "1", "01100"), TwoMiscHalf("FCMLE_zero_half", "1", "1", "01101"),
        TwoMiscHalf("FNEG_vector_half", "1", "1", "01111"), TwoMiscHalf("FRINTI_vector_half", "1", "1", "11001"),
        TwoMiscHalf("FCVTPU_vector_half", "1", "1", "11010"), TwoMiscHalf("FCVTZU_vector_int_half", "1", "1", "11011"),
        TwoMiscHalf("FRSQRTE_vector_half", "1", "1", "11101"), TwoMiscHalf("FSQRT_vector_half", "1", "1", "11111"),

        // ---- Across lanes ------------------------------------------------------------------------------
        Across("SADDLV", "0", "ss", "00011", AcrossSize), Across("SMAXV", "0", "ss", "01010", AcrossSize),
        Across("SMINV", "0", "ss", "11010", AcrossSize), Across("ADDV", "0", "ss", "11011", AcrossSize),
        Across("UADDLV", "1", "ss", "00011", AcrossSize), Across("UMAXV", "1", "ss", "01010", AcrossSize),
        Across("UMINV", "1", "ss", "11010", AcrossSize),
        Across("FMAXNMV_half", "0", "00", "01100"), Across("FMAXV_half", "0", "00", "01111"),
        Across("FMINNMV_half", "0", "10", "01100"), Across("FMINV_half", "0", "10", "01111"),
        Across("FMAXNMV", "1", "00", "01100", w => Q(w) == 1), Across("FMAXV", "1", "00", "01111", w => Q(w) == 1),
        Across("FMINNMV", "1", "10", "01100", w => Q(w) == 1), Across("FMINV", "1", "10", "01111", w => Q(w) == 1),

        // ---- Vector x indexed element -------------------------------------------------------------
        ByElement("MLA_element", "1", "ss", "0000", SizeHS), ByElement("MLS_element", "1", "ss", "0100", SizeHS),
        ByElement("MUL_element", "0", "ss", "1000", SizeHS),
        ByElement("SMLAL_element", "0", "ss", "0010", SizeHS), ByElement("SQDMLAL_element", "0", "ss", "0011", SizeHS),
        ByElement("SMLSL_element", "0", "ss", "0110", SizeHS), ByElement("SQDMLSL_element", "0", "ss", "0111", SizeHS),
        ByElement("SMULL_element", "0", "ss", "1010", SizeHS), ByElement("SQDMULL_element", "0", "ss", "1011", SizeHS),
        ByElement("SQDMULH_element", "0", "ss", "1100", SizeHS), ByElement("SQRDMULH_element", "0", "ss", "1101", SizeHS),
        ByElement("SDOT_element", "0", "10", "1110"),
        ByElement("UMLAL_element", "1", "ss", "0010", SizeHS), ByElement("UMLSL_element", "1", "ss", "0110", SizeHS),
        ByElement("UMULL_element", "1", "ss", "1010", SizeHS), ByElement("SQRDMLAH_element", "1", "ss", "1101", SizeHS),
        ByElement("UDOT_element", "1", "10", "1110"), ByElement("SQRDMLSH_element", "1", "ss", "1111", SizeHS),
        ByElement("FMLA_element_half", "0", "00", "0001"), ByElement("FMLS_element_half", "0", "00", "0101"),
        ByElement("FMUL_element_half", "0", "00", "1001"), ByElement("FMULX_element_half", "1", "00", "1001"),
        ByElement("FMLA_element", "0", "1s", "0001", FpElementQ), ByElement("FMLS_element", "0", "1s", "0101", FpElementQ),
        ByElement("FMUL_element", "0", "1s", "1001", FpElementQ), ByElement("FMULX_element", "1", "1s", "1001", FpElementQ),
        ByElement("FMLAL_element", "0", "10", "0000"), ByElement("FMLSL_element", "0", "10", "0100"),
        ByElement("FMLAL2_element", "1", "10", "1000"), ByElement("FMLSL2_element", "1", "10", "1100"),
        E("FCMLA_element", "0q101111 ss LM mmmm 0 rr 1 H 0 nnnnn ddddd",
            w => Size(w) == 1 ? (Q(w) == 1 || Bits(w, 11, 11) == 0) : Size(w) == 2 && Q(w) == 1 && Bits(w, 21, 21) == 0),

        // ---- Scalar three same -------------------------------------------------------------------
        ScalarThreeSame("SQADD_scalar", "0", "ss", "00001"), ScalarThreeSame("SQSUB_scalar", "0", "ss", "00101"),
        ScalarThreeSame("CMGT_reg_scalar", "0", "11", "00110"), ScalarThreeSame("CMGE_reg_scalar", "0", "11", "00111"),
        ScalarThreeSame("SSHL_scalar", "0", "11", "01000"), ScalarThreeSame("SQSHL_reg_scalar", "0", "ss", "01001"),
        ScalarThreeSame("SRSHL_scalar", "0", "11", "01010"), ScalarThreeSame("SQRSHL_scalar", "0", "ss", "01011"),
        ScalarThreeSame("ADD_scalar", "0", "11", "10000"), ScalarThreeSame("CMTST_scalar", "0", "11", "10001"),
        ScalarThreeSame("SQDMULH_scalar", "0", "ss", "10110", SizeHS),
        ScalarThreeSame("UQADD_scalar", "1", "ss", "00001"), ScalarThreeSame("UQSUB_scalar", "1", "ss", "00101"),
        ScalarThreeSame("CMHI_reg_scalar", "1", "11", "00110"), ScalarThreeSame("CMHS_reg_scalar", "1", "11", "00111"),
        ScalarThreeSame("USHL_scalar", "1", "11", "01000"), ScalarThreeSame("UQSHL_reg_scalar", "1", "ss", "01001"),
        ScalarThreeSame("URSHL_scalar", "1", "11", "01010"), ScalarThreeSame("UQRSHL_scalar", "1", "ss", "01011"),
        ScalarThreeSame("SUB_scalar", "1", "11", "10000"), ScalarThreeSame("CMEQ_reg_scalar", "1", "11", "10001"),
        ScalarThreeSame("SQRDMULH_scalar", "1", "ss", "10110", SizeHS),
        ScalarThreeSame("FMULX_scalar", "0", "0s", "11011"), ScalarThreeSame("FCMEQ_reg_scalar", "0", "0s", "11100"),
        ScalarThreeSame("FRECPS_scalar", "0", "0s", "11111"), ScalarThreeSame("FRSQRTS_scalar", "0", "1s", "11111"),
        ScalarThreeSame("FCMGE_reg_scalar", "1", "0s", "11100"), ScalarThreeSame("FACGE_scalar", "1", "0s", "11101"),
        ScalarThreeSame("FABD_scalar", "1", "1s", "11010"), ScalarThreeSame("FCMGT_reg_scalar", "1", "1s", "11100"),
        ScalarThreeSame("FACGT_scalar", "1", "1s", "11101"),
        ScalarThreeSameHalf("FMULX_scalar_half", "0", "0", "011"), ScalarThreeSameHalf("FCMEQ_reg_scalar_half", "0", "0", "100"),
        ScalarThreeSameHalf("FRECPS_scalar_half", "0", "0", "111"), ScalarThreeSameHalf("FRSQRTS_scalar_half", "0", "1", "111"),
        ScalarThreeSameHalf("FCMGE_reg_scalar_half", "1", "0", "100"), ScalarThreeSameHalf("FACGE_scalar_half", "1", "0", "101"),
        ScalarThreeSameHalf("FABD_scalar_half", "1", "1", "010"), ScalarThreeSameHalf("FCMGT_reg_scalar_half", "1", "1", "100"),
        ScalarThreeSameHalf("FACGT_scalar_half", "1", "1", "101"),
        E("SQRDMLAH_scalar", "01111110 ss 0 mmmmm 1 0000 1 nnnnn ddddd", SizeHS),
        E("SQRDMLSH_scalar", "01111110 ss 0 mmmmm 1 0001 1 nnnnn ddddd", SizeHS),

        // ---- Scalar three different ------------------------------------------------------------
        E("SQDMLAL_scalar", "01011110 ss 1 mmmmm 1001 00 nnnnn ddddd", SizeHS),
        E("SQDMLSL_scalar", "01011110 ss 1 mmmmm 1011 00 nnnnn ddddd", SizeHS),
        E("SQDMULL_scalar", "01011110 ss 1 mmmmm 1101 00 nnnnn ddddd", SizeHS),

        // ---- Scalar two-register miscellaneous -------------------------------------------------
        ScalarTwoMisc("SUQADD_scalar", "0", "ss", "00011"), ScalarTwoMisc("SQABS_scalar", "0", "ss", "00111"),
        ScalarTwoMisc("CMGT_zero_scalar", "0", "11", "01000"), ScalarTwoMisc("CMEQ_zero_scalar", "0", "11", "01001"),
        ScalarTwoMisc("CMLT_zero_scalar", "0", "11", "01010"), ScalarTwoMisc("ABS_scalar", "0", "11", "01011"),
        ScalarTwoMisc("SQXTN_scalar", "0", "ss", "10100", NoSize3),
        ScalarTwoMisc("USQADD_scalar", "1", "ss", "00011"), ScalarTwoMisc("SQNEG_scalar", "1", "ss", "00111"),
        ScalarTwoMisc("CMGE_zero_scalar", "1", "11", "01000"), ScalarTwoMisc("CMLE_zero_scalar", "1", "11", "01001"),
        ScalarTwoMisc("NEG_scalar", "1", "11", "01011"), ScalarTwoMisc("SQXTUN_scalar", "1", "ss", "10010", NoSize3),
        ScalarTwoMisc("UQXTN_scalar", "1", "ss", "10100", NoSize3), ScalarTwoMisc("FCVTXN_scalar", "1", "01", "10110"),
        ScalarTwoMisc("FCVTNS_scalar", "0", "0s", "11010"), ScalarTwoMisc("FCVTMS_scalar", "0", "0s", "11011"),
        ScalarTwoMisc("FCVTAS_scalar", "0", "0s", "11100"), ScalarTwoMisc("SCVTF_scalar_int", "0", "0s", "11101"),
        ScalarTwoMisc("FCMGT_zero_scalar", "0", "1s", "01100"), ScalarTwoMisc("FCMEQ_zero_scalar", "0", "1s", "01101"),
        ScalarTwoMisc("FCMLT_zero_scalar", "0", "1s", "01110"), ScalarTwoMisc("FCVTPS_scalar", "0", "1s", "11010"),
        ScalarTwoMisc("FCVTZS_scalar_int", "0", "1s", "11011"), ScalarTwoMisc("FRECPE_scalar", "0", "1s", "11101"),
        ScalarTwoMisc("FRECPX", "0", "1s", "11111"),
        ScalarTwoMisc("FCVTNU_scalar", "1", "0s", "11010"), ScalarTwoMisc("FCVTMU_scalar", "1", "0s", "11011"),
        ScalarTwoMisc("FCVTAU_scalar", "1", "0s", "11100"), ScalarTwoMisc("UCVTF_scalar_int", "1", "0s", "11101"),
        ScalarTwoMisc("FCMGE_zero_scalar", "1", "1s", "01100"), ScalarTwoMisc("FCMLE_zero_scalar", "1", "1s", "01101"),
        ScalarTwoMisc("FCVTPU_scalar", "1", "1s", "11010"), ScalarTwoMisc("FCVTZU_scalar_int", "1", "1s", "11011"),
        ScalarTwoMisc("FRSQRTE_scalar", "1", "1s", "11101"),

        // ---- Scalar two-register miscellaneous (half precision) -----------------------------------
        ScalarTwoMiscHalf("FCVTNS_scalar_half", "0", "0", "11010"), ScalarTwoMiscHalf("FCVTMS_scalar_half", "0", "0", "11011"),
        ScalarTwoMiscHalf("FCVTAS_scalar_half", "0", "0", "11100"), ScalarTwoMiscHalf("SCVTF_scalar_int_half", "0", "0", "11101"),
        ScalarTwoMiscHalf("FCMGT_zero_scalar_half", "0", "1", "01100"), ScalarTwoMiscHalf("FCMEQ_zero_scalar_half", "0", "1", "01101"),
        ScalarTwoMiscHalf("FCMLT_zero_scalar_half", "0", "1", "01110"), ScalarTwoMiscHalf("FCVTPS_scalar_half", "0", "1", "11010"),
        ScalarTwoMiscHalf("FCVTZS_scalar_int_half", "0", "1", "11011"), ScalarTwoMiscHalf("FRECPE_scalar_half", "0", "1", "11101"),
        ScalarTwoMiscHalf("FRECPX_half", "0", "1", "11111"),
        ScalarTwoMiscHalf("FCVTNU_scalar_half", "1", "0", "11010"), ScalarTwoMiscHalf("FCVTMU_scalar_half", "1", "0", "11011"),
        ScalarTwoMiscHalf("FCVTAU_scalar_half", "1", "0", "11100"), ScalarTwoMiscHalf("UCVTF_scalar_int_half", "1", "0", "11101"),
        ScalarTwoMiscHalf("FCMGE_zero_scalar_half", "1", "1", "01100"), ScalarTwoMiscHalf("FCMLE_zero_scalar_half", "1", "1", "01101"),
        ScalarTwoMiscHalf("FCVTPU_scalar_half", "1", "1", "11010"), ScalarTwoMiscHalf("FCVTZU_scalar_int_half", "1", "1", "11011"),
        ScalarTwoMiscHalf("FRSQRTE_scalar_half", "1", "1", "11101"),

        // ---- Scalar pairwise ----------------------------------------------------------------------
        E("ADDP_scalar",          "01011110 11 11000 11011 10 nnnnn ddddd"),
        E("FMAXNMP_scalar_half",  "01011110 00 11000 01100 10 nnnnn ddddd"),
        E("FADDP_scalar_half",    "01011110 00 11000 01101 10 nnnnn ddddd"),
        E("FMAXP_scalar_half",    "01011110 00 11000 01111 10 nnnnn ddddd"),
        E("FMINNMP_scalar_half",  "01011110 10 11000 01100 10 nnnnn ddddd"),
        E("FMINP_scalar_half",    "01011110 10 11000 01111 10 nnnnn ddddd"),
        E("FMAXNMP_scalar",       "01111110 0s 11000 01100 10 nnnnn ddddd"),
        E("FADDP_scalar",         "01111110 0s 11000 01101 10 nnnnn ddddd"),
        E("FMAXP_scalar",         "01111110 0s 11000 01111 10 nnnnn ddddd"),
        E("FMINNMP_scalar",       "01111110 1s 11000 01100 10 nnnnn ddddd"),
        E("FMINP_scalar",         "01111110 1s 11000 01111 10 nnnnn ddddd"),

        // ---- Scalar x indexed element ----------------------------------------------------------
        ScalarByElement("SQDMLAL_element_scalar", "0", "ss", "0011", SizeHS),
        ScalarByElement("SQDMLSL_element_scalar", "0", "ss", "0111", SizeHS),
        ScalarByElement("SQDMULL_element_scalar", "0", "ss", "1011", SizeHS),
        ScalarByElement("SQDMULH_element_scalar", "0", "ss", "1100", SizeHS),
        ScalarByElement("SQRDMULH_element_scalar", "0", "ss", "1101", SizeHS),
        ScalarByElement("SQRDMLAH_element_scalar", "1", "ss", "1101", SizeHS),
        ScalarByElement("SQRDMLSH_element_scalar", "1", "ss", "1111", SizeHS),
        ScalarByElement("FMLA_element_scalar_half", "0", "00", "0001"), ScalarByElement("FMLS_element_scalar_half", "0", "00", "0101"),
        ScalarByElement("FMUL_element_scalar_half", "0", "00", "1001"), ScalarByElement("FMULX_element_scalar_half", "1", "00", "1001"),
        ScalarByElement("FMLA_element_scalar", "0", "1s", "0001", FpElementScalar),
        ScalarByElement("FMLS_element_scalar", "0", "1s", "0101", FpElementScalar),
        ScalarByElement("FMUL_element_scalar", "0", "1s", "1001", FpElementScalar),
        ScalarByElement("FMULX_element_scalar", "1", "1s", "1001", FpElementScalar),
    ];

    static Encoding Permute(string name, string op) =>
        E(name, $"0q001110 ss 0 mmmmm 0 {op} 10 nnnnn ddddd", NotOneD);

    static Encoding ThreeSame(string name, string u, string size, string op, Func<uint, bool>? c = null) =>
        E(name, $"0q{u}01110 {size} 1 mmmmm {op} 1 nnnnn ddddd", c);

    static Encoding ThreeSameHalf(string name, string u, string a, string op) =>
        E(name, $"0q{u}01110 {a}10 mmmmm 00 {op} 1 nnnnn ddddd");

    static Encoding ThreeDiff(string name, string u, string op, Func<uint, bool>? c = null) =>
        E(name, $"0q{u}01110 ss 1 mmmmm {op} 00 nnnnn ddddd", c);

    static Encoding TwoMisc(string name, string u, string size, string op, Func<uint, bool>? c = null) =>
        E(name, $"0q{u}01110 {size} 10000 {op} 10 nnnnn ddddd", c);

    static Encoding TwoMiscHalf(string name, string u, string a, string op) =>
        E(name, $"0q{u}01110 {a} 111100 {op} 10 nnnnn ddddd");

    static Encoding Across(string name, string u, string size, string op, Func<uint, bool>? c = null) =>
        E(name, $"0q{u}01110 {size} 11000 {op} 10 nnnnn ddddd", c);

    static Encoding ShiftImm(string name, string u, string op, Func<uint, bool> c) =>
        E(name, $"0q{u}011110 hhhh bbb {op} 1 nnnnn ddddd", c);

    static Encoding ScalarShiftImm(string name, string u, string op, Func<uint, bool> c) =>
        E(name, $"01{u}111110 hhhh bbb {op} 1 nnnnn ddddd", c);

    static Encoding ByElement(string name, string u, string size, string op, Func<uint, bool>? c = null) =>
        E(name, $"0q{u}01111 {size} LM mmmm {op} H 0 nnnnn ddddd", c);

    static Encoding ScalarByElement(string name, string u, string size, string op, Func<uint, bool>? c = null) =>
        E(name, $"01{u}11111 {size} LM mmmm {op} H 0 nnnnn ddddd", c);

    static Encoding ScalarThreeSame(string name, string u, string size, string op, Func<uint, bool>? c = null) =>
        E(name, $"01{u}11110 {size} 1 mmmmm {op} 1 nnnnn ddddd", c);

    static Encoding ScalarThreeSameHalf(string name, string u, string a, string op) =>
        E(name, $"01{u}11110 {a}10 mmmmm 00 {op} 1 nnnnn ddddd");

    static Encoding ScalarTwoMisc(string name, string u, string size, string op, Func<uint, bool>? c = null) =>
        E(name, $"01{u}11110 {size} 10000 {op} 10 nnnnn ddddd", c);

    static Encoding ScalarTwoMiscHalf(string name, string u, string a, string op) =>
        E(name, $"01{u}11110 {a} 111100 {op} 10 nnnnn ddddd");

    static uint Q(uint w) => Bits(w, 30, 30);
    static uint Size(uint w) => Bits(w, 23, 22);
    static uint Immh(uint w) => Bits(w, 22, 19);

    /// <summary>The 1D arrangement (size 11 with Q 0) is reserved.</summary>
    static bool NotOneD(uint w) => Size(w) != 3 || Q(w) == 1;
    static bool NoSize3(uint w) => Size(w) != 3;
    static bool SizeHS(uint w) => Size(w) is 1 or 2;

    /// <summary>Vector FP with sz == 1 (double) needs Q == 1.</summary>
    static bool FpQ(uint w) => Bits(w, 22, 22) == 0 || Q(w) == 1;

    static bool AcrossSize(uint w) => Size(w) < 2 || (Size(w) == 2 && Q(w) == 1);
    static bool ComplexSize(uint w) => Size(w) is 1 or 2 || (Size(w) == 3 && Q(w) == 1);

    /// <summary>FP by element: double (sz == 1) needs L == 0 and Q == 1.</summary>
    static bool FpElementQ(uint w) => Bits(w, 22, 22) == 0 || (Bits(w, 21, 21) == 0 && Q(w) == 1);
    static bool FpElementScalar(uint w) => Bits(w, 22, 22) == 0 || Bits(w, 21, 21) == 0;

    /// <summary>The element size (0..3) a copy instruction's imm5 selects, or -1 when reserved.</summary>
    static int CopySize(uint w)
    {
        uint imm5 = Bits(w, 20, 16);
        return (imm5 & 0xF) == 0 ? -1 : System.Numerics.BitOperations.TrailingZeroCount(imm5);
    }

    static bool ShiftQ(uint w) => Immh(w) != 0 && (Bits(w, 22, 22) == 0 || Q(w) == 1);
    static bool ShiftNarrow(uint w) => Immh(w) != 0 && Bits(w, 22, 22) == 0;
    static bool ShiftFp(uint w) => Immh(w) > 1 && (Bits(w, 22, 22) == 0 || Q(w) == 1);
    static bool ShiftD(uint w) => Bits(w, 22, 22) == 1;
    static bool ShiftAny(uint w) => Immh(w) != 0;
    static bool ShiftNarrowScalar(uint w) => Immh(w) != 0 && Bits(w, 22, 22) == 0;
    static bool ShiftFpScalar(uint w) => Immh(w) > 1;
}
