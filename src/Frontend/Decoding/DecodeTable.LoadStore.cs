namespace A64Jit.Frontend.Decoding;

public static partial class DecodeTable
{
    // C4.1.88 Loads and Stores.
    // Fields: z = size (or opc<1> for pairs), t = Rt, u = Rt2, n = Rn, m = Rm, s = Rs, i = immediate,
    // o = option (register offset) or opcode (SIMD structures), S = S (shift / lane bit), c = opc<0>
    // (a sign-extending load to W when set), x = opc<1> of SIMD&FP loads and stores (the Q size),
    // q = Q, a = A (acquire), r = R (release), l = o0 or L where named so in the Arm ARM.
    // The allocated/unallocated answers match `llvm-mc -mattr=+v8.5a,+lse,+rcpc,+rcpc-immo`:
    // "should be one" fields (Rs, Rt2 of the exclusives) are ignored, as llvm-mc only warns about them,
    // and the CONSTRAINED UNPREDICTABLE writeback/overlap cases stay allocated.
    // MTE (STG, LDG, STGP, ...) is left out: unallocated for us. LDRAA/LDRAB (PAuth) are lines without handlers.
    static Encoding[] LoadStore =>
    [
        // ---- Advanced SIMD load/store multiple structures (o = opcode, z = size) --------------------
        // LD2/LD3/LD4 of 1D (size 11 with Q 0) are reserved.
        E("ST1_mult",       "0q 0011000 0 000000 oooo zz nnnnn ttttt", ValidMultipleOne),
        E("ST2_mult",       "0q 0011000 0 000000 1000 zz nnnnn ttttt", StructureNotOneD),
        E("ST3_mult",       "0q 0011000 0 000000 0100 zz nnnnn ttttt", StructureNotOneD),
        E("ST4_mult",       "0q 0011000 0 000000 0000 zz nnnnn ttttt", StructureNotOneD),
        E("LD1_mult",       "0q 0011000 1 000000 oooo zz nnnnn ttttt", ValidMultipleOne),
        E("LD2_mult",       "0q 0011000 1 000000 1000 zz nnnnn ttttt", StructureNotOneD),
        E("LD3_mult",       "0q 0011000 1 000000 0100 zz nnnnn ttttt", StructureNotOneD),
        E("LD4_mult",       "0q 0011000 1 000000 0000 zz nnnnn ttttt", StructureNotOneD),
        E("ST1_mult_post",  "0q 0011001 0 0 mmmmm oooo zz nnnnn ttttt", ValidMultipleOne),
        E("ST2_mult_post",  "0q 0011001 0 0 mmmmm 1000 zz nnnnn ttttt", StructureNotOneD),
        E("ST3_mult_post",  "0q 0011001 0 0 mmmmm 0100 zz nnnnn ttttt", StructureNotOneD),
        E("ST4_mult_post",  "0q 0011001 0 0 mmmmm 0000 zz nnnnn ttttt", StructureNotOneD),
        E("LD1_mult_post",  "0q 0011001 1 0 mmmmm oooo zz nnnnn ttttt", ValidMultipleOne),
        E("LD2_mult_post",  "0q 0011001 1 0 mmmmm 1000 zz nnnnn ttttt", StructureNotOneD),
        E("LD3_mult_post",  "0q 0011001 1 0 mmmmm 0100 zz nnnnn ttttt", StructureNotOneD),
        E("LD4_mult_post",  "0q 0011001 1 0 mmmmm 0000 zz nnnnn ttttt", StructureNotOneD),

        // ---- Advanced SIMD load/store single structure (o = opcode<2:1>, S, z = size) ---------------
        // opcode<0>:R + 1 is the number of registers; o picks B (00), H (01) or S/D (10); 11 is replicate.
        E("ST1_single",      "0q 0011010 0 0 00000 oo0 S zz nnnnn ttttt", ValidSingle),
        E("ST2_single",      "0q 0011010 0 1 00000 oo0 S zz nnnnn ttttt", ValidSingle),
        E("ST3_single",      "0q 0011010 0 0 00000 oo1 S zz nnnnn ttttt", ValidSingle),
        E("ST4_single",      "0q 0011010 0 1 00000 oo1 S zz nnnnn ttttt", ValidSingle),
        E("LD1R",            "0q 0011010 1 0 00000 110 0 zz nnnnn ttttt"),
        E("LD2R",            "0q 0011010 1 1 00000 110 0 zz nnnnn ttttt"),
        E("LD3R",            "0q 0011010 1 0 00000 111 0 zz nnnnn ttttt"),
        E("LD4R",            "0q 0011010 1 1 00000 111 0 zz nnnnn ttttt"),
        E("LD1_single",      "0q 0011010 1 0 00000 oo0 S zz nnnnn ttttt", ValidSingle),
        E("LD2_single",      "0q 0011010 1 1 00000 oo0 S zz nnnnn ttttt", ValidSingle),
        E("LD3_single",      "0q 0011010 1 0 00000 oo1 S zz nnnnn ttttt", ValidSingle),
        E("LD4_single",      "0q 0011010 1 1 00000 oo1 S zz nnnnn ttttt", ValidSingle),
        E("ST1_single_post", "0q 0011011 0 0 mmmmm oo0 S zz nnnnn ttttt", ValidSingle),
        E("ST2_single_post", "0q 0011011 0 1 mmmmm oo0 S zz nnnnn ttttt", ValidSingle),
        E("ST3_single_post", "0q 0011011 0 0 mmmmm oo1 S zz nnnnn ttttt", ValidSingle),
        E("ST4_single_post", "0q 0011011 0 1 mmmmm oo1 S zz nnnnn ttttt", ValidSingle),
        E("LD1R_post",       "0q 0011011 1 0 mmmmm 110 0 zz nnnnn ttttt"),
        E("LD2R_post",       "0q 0011011 1 1 mmmmm 110 0 zz nnnnn ttttt"),
        E("LD3R_post",       "0q 0011011 1 0 mmmmm 111 0 zz nnnnn ttttt"),
        E("LD4R_post",       "0q 0011011 1 1 mmmmm 111 0 zz nnnnn ttttt"),
        E("LD1_single_post", "0q 0011011 1 0 mmmmm oo0 S zz nnnnn ttttt", ValidSingle),
        E("LD2_single_post", "0q 0011011 1 1 mmmmm oo0 S zz nnnnn ttttt", ValidSingle),
        E("LD3_single_post", "0q 0011011 1 0 mmmmm oo1 S zz nnnnn ttttt", ValidSingle),
        E("LD4_single_post", "0q 0011011 1 1 mmmmm oo1 S zz nnnnn ttttt", ValidSingle),

        // ---- Load/store exclusive, ordered, and compare-and-swap (bits 23, 21 = o2, o1; l = o0) -----
        E("STXR",   "zz 001000 0 0 0 sssss 0 ----- nnnnn ttttt"),
        E("STLXR",  "zz 001000 0 0 0 sssss 1 ----- nnnnn ttttt"),
        E("LDXR",   "zz 001000 0 1 0 ----- 0 ----- nnnnn ttttt"),
        E("LDAXR",  "zz 001000 0 1 0 ----- 1 ----- nnnnn ttttt"),
        // Pairs: size 1z (z = 64-bit). Size 0z is CASP.
        E("STXP",   "1z 001000 0 0 1 sssss 0 uuuuu nnnnn ttttt"),
        E("STLXP",  "1z 001000 0 0 1 sssss 1 uuuuu nnnnn ttttt"),
        E("LDXP",   "1z 001000 0 1 1 ----- 0 uuuuu nnnnn ttttt"),
        E("LDAXP",  "1z 001000 0 1 1 ----- 1 uuuuu nnnnn ttttt"),
        // CASP needs even Rs and Rt, and CAS/CASP need Rt2 = 11111 (llvm-mc rejects the others).
        E("CASP",   "0z 001000 0 a 1 sssss r 11111 nnnnn ttttt", EvenPairs),
        E("STLLR",  "zz 001000 1 0 0 ----- 0 ----- nnnnn ttttt"),
        E("STLR",   "zz 001000 1 0 0 ----- 1 ----- nnnnn ttttt"),
        E("LDLAR",  "zz 001000 1 1 0 ----- 0 ----- nnnnn ttttt"),
        E("LDAR",   "zz 001000 1 1 0 ----- 1 ----- nnnnn ttttt"),
        E("CAS",    "zz 001000 1 a 1 sssss r 11111 nnnnn ttttt"),

        // ---- LDAPR/STLR (unscaled immediate), RCPC2 ---------------------------------------------------
        E("STLUR",  "zz 011001 00 0 iiiiiiiii 00 nnnnn ttttt"),
        E("LDAPUR", "zz 011001 01 0 iiiiiiiii 00 nnnnn ttttt"),
        E("LDAPURS","zz 011001 1c 0 iiiiiiiii 00 nnnnn ttttt", ValidSignedLoad),

        // ---- Load register (literal) ---------------------------------------------------------------
        E("LDR_lit",      "0z 011 0 00 iiiiiiiiiiiiiiiiiii ttttt"),
        E("LDRSW_lit",    "10 011 0 00 iiiiiiiiiiiiiiiiiii ttttt"),
        E("PRFM_lit",     "11 011 0 00 iiiiiiiiiiiiiiiiiii ttttt"),
        E("LDR_simd_lit", "zz 011 1 00 iiiiiiiiiiiiiiiiiii ttttt", w => Bits(w, 31, 30) != 3),

        // ---- Load/store pairs: no-allocate, post-index, signed offset, pre-index ---------------------
        // GPR opc: 00 W, 10 X, 01 LDPSW (L = 1; L = 0 is STGP, MTE), 11 unallocated. SIMD opc 11 unallocated.
        E("STNP",          "z0 101 0 000 0 iiiiiii uuuuu nnnnn ttttt"),
        E("LDNP",          "z0 101 0 000 1 iiiiiii uuuuu nnnnn ttttt"),
        E("STNP_simd",     "zz 101 1 000 0 iiiiiii uuuuu nnnnn ttttt", NotSize3),
        E("LDNP_simd",     "zz 101 1 000 1 iiiiiii uuuuu nnnnn ttttt", NotSize3),
        E("STP_post",      "z0 101 0 001 0 iiiiiii uuuuu nnnnn ttttt"),
        E("LDP_post",      "z0 101 0 001 1 iiiiiii uuuuu nnnnn ttttt"),
        E("LDPSW_post",    "01 101 0 001 1 iiiiiii uuuuu nnnnn ttttt"),
        E("STP_simd_post", "zz 101 1 001 0 iiiiiii uuuuu nnnnn ttttt", NotSize3),
        E("LDP_simd_post", "zz 101 1 001 1 iiiiiii uuuuu nnnnn ttttt", NotSize3),
        E("STP_off",       "z0 101 0 010 0 iiiiiii uuuuu nnnnn ttttt"),
        E("LDP_off",       "z0 101 0 010 1 iiiiiii uuuuu nnnnn ttttt"),
        E("LDPSW_off",     "01 101 0 010 1 iiiiiii uuuuu nnnnn ttttt"),
        E("STP_simd_off",  "zz 101 1 010 0 iiiiiii uuuuu nnnnn ttttt", NotSize3),
        E("LDP_simd_off",  "zz 101 1 010 1 iiiiiii uuuuu nnnnn ttttt", NotSize3),
        E("STP_pre",       "z0 101 0 011 0 iiiiiii uuuuu nnnnn ttttt"),
        E("LDP_pre",       "z0 101 0 011 1 iiiiiii uuuuu nnnnn ttttt"),
        E("LDPSW_pre",     "01 101 0 011 1 iiiiiii uuuuu nnnnn ttttt"),
        E("STP_simd_pre",  "zz 101 1 011 0 iiiiiii uuuuu nnnnn ttttt", NotSize3),
        E("LDP_simd_pre",  "zz 101 1 011 1 iiiiiii uuuuu nnnnn ttttt", NotSize3),

        // ---- Load/store register: unscaled immediate, post-index, unprivileged, pre-index ------------
        // GPR size/opc: opc 00 store, 01 load, 1c sign-extending load (c: to W), except size 10 opc 11
        // (unallocated) and size 11 opc 1x (PRFUM in the unscaled form, else unallocated).
        // SIMD&FP: x:opc<0> with size picks B/H/S/D (x = 0) or Q (size 00, x = 1).
        E("STUR",          "zz 111 0 00 00 0 iiiiiiiii 00 nnnnn ttttt"),
        E("LDUR",          "zz 111 0 00 01 0 iiiiiiiii 00 nnnnn ttttt"),
        E("PRFUM",         "11 111 0 00 10 0 iiiiiiiii 00 nnnnn ttttt"),
        E("LDURS",         "zz 111 0 00 1c 0 iiiiiiiii 00 nnnnn ttttt", ValidSignedLoad),
        E("STUR_simd",     "zz 111 1 00 x0 0 iiiiiiiii 00 nnnnn ttttt", ValidSimdSize),
        E("LDUR_simd",     "zz 111 1 00 x1 0 iiiiiiiii 00 nnnnn ttttt", ValidSimdSize),
        E("STR_post",      "zz 111 0 00 00 0 iiiiiiiii 01 nnnnn ttttt"),
        E("LDR_post",      "zz 111 0 00 01 0 iiiiiiiii 01 nnnnn ttttt"),
        E("LDRS_post",     "zz 111 0 00 1c 0 iiiiiiiii 01 nnnnn ttttt", ValidSignedLoad),
        E("STR_simd_post", "zz 111 1 00 x0 0 iiiiiiiii 01 nnnnn ttttt", ValidSimdSize),
        E("LDR_simd_post", "zz 111 1 00 x1 0 iiiiiiiii 01 nnnnn ttttt", ValidSimdSize),
        E("STTR",          "zz 111 0 00 00 0 iiiiiiiii 10 nnnnn ttttt"),
        E("LDTR",          "zz 111 0 00 01 0 iiiiiiiii 10 nnnnn ttttt"),
        E("LDTRS",         "zz 111 0 00 1c 0 iiiiiiiii 10 nnnnn ttttt", ValidSignedLoad),
        E("STR_pre",       "zz 111 0 00 00 0 iiiiiiiii 11 nnnnn ttttt"),
        E("LDR_pre",       "zz 111 0 00 01 0 iiiiiiiii 11 nnnnn ttttt"),
        E("LDRS_pre",      "zz 111 0 00 1c 0 iiiiiiiii 11 nnnnn ttttt", ValidSignedLoad),
        E("STR_simd_pre",  "zz 111 1 00 x0 0 iiiiiiiii 11 nnnnn ttttt", ValidSimdSize),
        E("LDR_simd_pre",  "zz 111 1 00 x1 0 iiiiiiiii 11 nnnnn ttttt", ValidSimdSize),

        // ---- Atomic memory operations (LSE), and LDAPR (RCPC) -----------------------------------------
        E("LDADD",  "zz 111 0 00 a r 1 sssss 0 000 00 nnnnn ttttt"),
        E("LDCLR",  "zz 111 0 00 a r 1 sssss 0 001 00 nnnnn ttttt"),
        E("LDEOR",  "zz 111 0 00 a r 1 sssss 0 010 00 nnnnn ttttt"),
        E("LDSET",  "zz 111 0 00 a r 1 sssss 0 011 00 nnnnn ttttt"),
        E("LDSMAX", "zz 111 0 00 a r 1 sssss 0 100 00 nnnnn ttttt"),
        E("LDSMIN", "zz 111 0 00 a r 1 sssss 0 101 00 nnnnn ttttt"),
        E("LDUMAX", "zz 111 0 00 a r 1 sssss 0 110 00 nnnnn ttttt"),
        E("LDUMIN", "zz 111 0 00 a r 1 sssss 0 111 00 nnnnn ttttt"),
        E("SWP",    "zz 111 0 00 a r 1 sssss 1 000 00 nnnnn ttttt"),
        E("LDAPR",  "zz 111 0 00 1 0 1 11111 1 100 00 nnnnn ttttt"),

        // ---- Load/store register (register offset); option<1> == 0 is unallocated ---------------------
        E("STR_reg",       "zz 111 0 00 00 1 mmmmm ooo S 10 nnnnn ttttt", ExtendOption),
        E("LDR_reg",       "zz 111 0 00 01 1 mmmmm ooo S 10 nnnnn ttttt", ExtendOption),
        E("PRFM_reg",      "11 111 0 00 10 1 mmmmm ooo S 10 nnnnn ttttt", ExtendOption),
        E("LDRS_reg",      "zz 111 0 00 1c 1 mmmmm ooo S 10 nnnnn ttttt", w => ExtendOption(w) && ValidSignedLoad(w)),
        E("STR_simd_reg",  "zz 111 1 00 x0 1 mmmmm ooo S 10 nnnnn ttttt", w => ExtendOption(w) && ValidSimdSize(w)),
        E("LDR_simd_reg",  "zz 111 1 00 x1 1 mmmmm ooo S 10 nnnnn ttttt", w => ExtendOption(w) && ValidSimdSize(w)),

        // ---- Load/store register (pac): PAuth, not lifted --------------------------------------------
        E("LDRAA",         "11 111 0 00 0 S 1 iiiiiiiii W 1 nnnnn ttttt"),
        E("LDRAB",         "11 111 0 00 1 S 1 iiiiiiiii W 1 nnnnn ttttt"),

        // ---- Load/store register (unsigned immediate) --------------------------------------------------
        E("STR_imm",       "zz 111 0 01 00 iiiiiiiiiiii nnnnn ttttt"),
        E("LDR_imm",       "zz 111 0 01 01 iiiiiiiiiiii nnnnn ttttt"),
        E("PRFM_imm",      "11 111 0 01 10 iiiiiiiiiiii nnnnn ttttt"),
        E("LDRS_imm",      "zz 111 0 01 1c iiiiiiiiiiii nnnnn ttttt", ValidSignedLoad),
        E("STR_simd_imm",  "zz 111 1 01 x0 iiiiiiiiiiii nnnnn ttttt", ValidSimdSize),
        E("LDR_simd_imm",  "zz 111 1 01 x1 iiiiiiiiiiii nnnnn ttttt", ValidSimdSize),
    ];

    /// <summary>A sign-extending load: size 00 or 01 (to X or W), or size 10 to X (LDRSW).</summary>
    static bool ValidSignedLoad(uint w) => Bits(w, 31, 30) switch
    {
        0 or 1 => true,
        2 => Bits(w, 22, 22) == 0,
        _ => false,
    };

    /// <summary>SIMD&amp;FP register loads and stores: opc&lt;1&gt; set only with size 00 (the Q form).</summary>
    static bool ValidSimdSize(uint w) => Bits(w, 23, 23) == 0 || Bits(w, 31, 30) == 0;

    static bool NotSize3(uint w) => Bits(w, 31, 30) != 3;

    /// <summary>Register offsets extend by UXTW, LSL (UXTX), SXTW or SXTX: option&lt;1&gt; must be set.</summary>
    static bool ExtendOption(uint w) => Bits(w, 14, 14) == 1;

    /// <summary>CASP pairs start at even registers.</summary>
    static bool EvenPairs(uint w) => Bits(w, 16, 16) == 0 && Bits(w, 0, 0) == 0;

    /// <summary>LD2/LD3/LD4 (multiple structures) cannot use the 1D arrangement.</summary>
    static bool StructureNotOneD(uint w) => Bits(w, 11, 10) != 3 || Bits(w, 30, 30) == 1;

    /// <summary>LD1/ST1 (multiple structures): opcode 0111 (one), 1010 (two), 0110 (three) or 0010 (four registers).</summary>
    static bool ValidMultipleOne(uint w) => Bits(w, 15, 12) is 0b0111 or 0b1010 or 0b0110 or 0b0010;

    /// <summary>Single-structure lanes: H needs size&lt;0&gt; 0; S needs size 00; D is size 01 with S 0.</summary>
    static bool ValidSingle(uint w)
    {
        uint size = Bits(w, 11, 10);
        return Bits(w, 15, 14) switch
        {
            0 => true,
            1 => (size & 1) == 0,
            2 => size == 0 || (size == 1 && Bits(w, 12, 12) == 0),
            _ => false,
        };
    }
}
