namespace A64Jit.Frontend.Decoding;

public static partial class DecodeTable
{
    // C4.1.95 Data Processing -- Scalar Floating-Point (the classes with M == 0, S == 0).
    // Fields: t = ftype (00 single, 01 double, 11 half with FEAT_FP16; 10 is unallocated),
    // z = sf, d = Rd, n = Rn, m = Rm, a = Ra, c = cond, f = nzcv, i = imm8, s = scale.
    static Encoding[] ScalarFloatingPoint =>
    [
        // Conversion between floating-point and fixed-point: sf == 0 needs scale >= 32.
        E("SCVTF_float_fix",  "z0011110 tt 0 00 010 ssssss nnnnn ddddd", FpFixed),
        E("UCVTF_float_fix",  "z0011110 tt 0 00 011 ssssss nnnnn ddddd", FpFixed),
        E("FCVTZS_float_fix", "z0011110 tt 0 11 000 ssssss nnnnn ddddd", FpFixed),
        E("FCVTZU_float_fix", "z0011110 tt 0 11 001 ssssss nnnnn ddddd", FpFixed),

        // Conversion between floating-point and integer.
        E("FCVTNS_float",     "z0011110 tt 1 00 000 000000 nnnnn ddddd", FpType),
        E("FCVTNU_float",     "z0011110 tt 1 00 001 000000 nnnnn ddddd", FpType),
        E("SCVTF_float_int",  "z0011110 tt 1 00 010 000000 nnnnn ddddd", FpType),
        E("UCVTF_float_int",  "z0011110 tt 1 00 011 000000 nnnnn ddddd", FpType),
        E("FCVTAS_float",     "z0011110 tt 1 00 100 000000 nnnnn ddddd", FpType),
        E("FCVTAU_float",     "z0011110 tt 1 00 101 000000 nnnnn ddddd", FpType),
        // FMOV (general): 32-bit with single or half, 64-bit with double or half, and the top half of V.
        E("FMOV_float_gen",   "z0011110 tt 1 00 110 000000 nnnnn ddddd", FmovGeneral),
        E("FMOV_gen_float",   "z0011110 tt 1 00 111 000000 nnnnn ddddd", FmovGeneral),
        E("FMOV_float_gen_top", "10011110 10 1 01 110 000000 nnnnn ddddd"),
        E("FMOV_gen_float_top", "10011110 10 1 01 111 000000 nnnnn ddddd"),
        E("FCVTPS_float",     "z0011110 tt 1 01 000 000000 nnnnn ddddd", FpType),
        E("FCVTPU_float",     "z0011110 tt 1 01 001 000000 nnnnn ddddd", FpType),
        E("FCVTMS_float",     "z0011110 tt 1 10 000 000000 nnnnn ddddd", FpType),
        E("FCVTMU_float",     "z0011110 tt 1 10 001 000000 nnnnn ddddd", FpType),
        E("FCVTZS_float_int", "z0011110 tt 1 11 000 000000 nnnnn ddddd", FpType),
        E("FCVTZU_float_int", "z0011110 tt 1 11 001 000000 nnnnn ddddd", FpType),
        E("FJCVTZS",          "00011110 01 1 11 110 000000 nnnnn ddddd"),

        // Floating-point data-processing (1 source).
        E("FMOV_float",       "00011110 tt 1 000000 10000 nnnnn ddddd", FpType),
        E("FABS_float",       "00011110 tt 1 000001 10000 nnnnn ddddd", FpType),
        E("FNEG_float",       "00011110 tt 1 000010 10000 nnnnn ddddd", FpType),
        E("FSQRT_float",      "00011110 tt 1 000011 10000 nnnnn ddddd", FpType),
        // FCVT: o = the destination type, which must differ from the source and not be 10.
        E("FCVT_float",       "00011110 tt 1 0001oo 10000 nnnnn ddddd",
            w => Bits(w, 23, 22) != 2 && Bits(w, 16, 15) != 2 && Bits(w, 23, 22) != Bits(w, 16, 15)),
        E("FRINTN_float",     "00011110 tt 1 001000 10000 nnnnn ddddd", FpType),
        E("FRINTP_float",     "00011110 tt 1 001001 10000 nnnnn ddddd", FpType),
        E("FRINTM_float",     "00011110 tt 1 001010 10000 nnnnn ddddd", FpType),
        E("FRINTZ_float",     "00011110 tt 1 001011 10000 nnnnn ddddd", FpType),
        E("FRINTA_float",     "00011110 tt 1 001100 10000 nnnnn ddddd", FpType),
        E("FRINTX_float",     "00011110 tt 1 001110 10000 nnnnn ddddd", FpType),
        E("FRINTI_float",     "00011110 tt 1 001111 10000 nnnnn ddddd", FpType),
        // FEAT_FRINTTS: single and double only.
        E("FRINT32Z_float",   "00011110 0t 1 010000 10000 nnnnn ddddd"),
        E("FRINT32X_float",   "00011110 0t 1 010001 10000 nnnnn ddddd"),
        E("FRINT64Z_float",   "00011110 0t 1 010010 10000 nnnnn ddddd"),
        E("FRINT64X_float",   "00011110 0t 1 010011 10000 nnnnn ddddd"),

        // Floating-point compare: e = signal on quiet NaNs (FCMPE), the zero forms ignore Rm.
        E("FCMP_float",       "00011110 tt 1 mmmmm 001000 nnnnn e0000", FpType),
        E("FCMP_float_zero",  "00011110 tt 1 ----- 001000 nnnnn e1000", FpType),

        // Floating-point immediate.
        E("FMOV_float_imm",   "00011110 tt 1 iiiiiiii 100 00000 ddddd", FpType),

        // Floating-point conditional compare: e = FCCMPE.
        E("FCCMP_float",      "00011110 tt 1 mmmmm cccc 01 nnnnn e ffff", FpType),

        // Floating-point data-processing (2 source).
        E("FMUL_float",       "00011110 tt 1 mmmmm 0000 10 nnnnn ddddd", FpType),
        E("FDIV_float",       "00011110 tt 1 mmmmm 0001 10 nnnnn ddddd", FpType),
        E("FADD_float",       "00011110 tt 1 mmmmm 0010 10 nnnnn ddddd", FpType),
        E("FSUB_float",       "00011110 tt 1 mmmmm 0011 10 nnnnn ddddd", FpType),
        E("FMAX_float",       "00011110 tt 1 mmmmm 0100 10 nnnnn ddddd", FpType),
        E("FMIN_float",       "00011110 tt 1 mmmmm 0101 10 nnnnn ddddd", FpType),
        E("FMAXNM_float",     "00011110 tt 1 mmmmm 0110 10 nnnnn ddddd", FpType),
        E("FMINNM_float",     "00011110 tt 1 mmmmm 0111 10 nnnnn ddddd", FpType),
        E("FNMUL_float",      "00011110 tt 1 mmmmm 1000 10 nnnnn ddddd", FpType),

        // Floating-point conditional select.
        E("FCSEL_float",      "00011110 tt 1 mmmmm cccc 11 nnnnn ddddd", FpType),

        // Floating-point data-processing (3 source).
        E("FMADD_float",      "00011111 tt 0 mmmmm 0 aaaaa nnnnn ddddd", FpType),
        E("FMSUB_float",      "00011111 tt 0 mmmmm 1 aaaaa nnnnn ddddd", FpType),
        E("FNMADD_float",     "00011111 tt 1 mmmmm 0 aaaaa nnnnn ddddd", FpType),
        E("FNMSUB_float",     "00011111 tt 1 mmmmm 1 aaaaa nnnnn ddddd", FpType),
    ];

    /// <summary>ftype 10 is unallocated in the scalar floating-point classes.</summary>
    static bool FpType(uint w) => Bits(w, 23, 22) != 2;

    static bool FpFixed(uint w) => FpType(w) && (Bits(w, 31, 31) == 1 || Bits(w, 15, 15) == 1);

    /// <summary>FMOV (general): W with single or half, X with double or half.</summary>
    static bool FmovGeneral(uint w) => (Bits(w, 31, 31), Bits(w, 23, 22)) is (0, 0) or (1, 1) or (_, 3);
}
