namespace A64Jit.Frontend.Decoding;

public static partial class DecodeTable
{
    // C4.1.86 Data Processing -- Immediate.
    // Fields: z = sf, d = Rd, n = Rn, m = Rm, h = shift/hw, i = immediate, N/r/s = N/immr/imms.
    static Encoding[] DataProcessingImmediate =>
    [
        // PC-rel. addressing: l = immlo, h = immhi.
        E("ADR",       "0ll10000 hhhhhhhhhhhhhhhhhhh ddddd"),
        E("ADRP",      "1ll10000 hhhhhhhhhhhhhhhhhhh ddddd"),

        // Add/subtract (immediate); sh is bit 22, bit 23 set is Add/subtract (immediate, with tags) (MTE, not implemented).
        E("ADD_imm",   "z0010001 0h iiiiiiiiiiii nnnnn ddddd"),
        E("ADDS_imm",  "z0110001 0h iiiiiiiiiiii nnnnn ddddd"),
        E("SUB_imm",   "z1010001 0h iiiiiiiiiiii nnnnn ddddd"),
        E("SUBS_imm",  "z1110001 0h iiiiiiiiiiii nnnnn ddddd"),

        // Logical (immediate): sf == 0 with N == 1 is unallocated, as are reserved bitmask patterns.
        E("AND_imm",   "z00100100 N rrrrrr ssssss nnnnn ddddd", ValidLogicalImmediate),
        E("ORR_imm",   "z01100100 N rrrrrr ssssss nnnnn ddddd", ValidLogicalImmediate),
        E("EOR_imm",   "z10100100 N rrrrrr ssssss nnnnn ddddd", ValidLogicalImmediate),
        E("ANDS_imm",  "z11100100 N rrrrrr ssssss nnnnn ddddd", ValidLogicalImmediate),

        // Move wide (immediate): opc == 01 is unallocated; sf == 0 needs hw<1> == 0.
        E("MOVN",      "z00100101 hh iiiiiiiiiiiiiiii ddddd", w => Bits(w, 31, 31) == 1 || Bits(w, 22, 22) == 0),
        E("MOVZ",      "z10100101 hh iiiiiiiiiiiiiiii ddddd", w => Bits(w, 31, 31) == 1 || Bits(w, 22, 22) == 0),
        E("MOVK",      "z11100101 hh iiiiiiiiiiiiiiii ddddd", w => Bits(w, 31, 31) == 1 || Bits(w, 22, 22) == 0),

        // Bitfield: N must equal sf; with sf == 0, immr<5> and imms<5> must be 0.
        E("SBFM",      "z00100110 N rrrrrr ssssss nnnnn ddddd", ValidBitfield),
        E("BFM",       "z01100110 N rrrrrr ssssss nnnnn ddddd", ValidBitfield),
        E("UBFM",      "z10100110 N rrrrrr ssssss nnnnn ddddd", ValidBitfield),

        // Extract: N must equal sf; with sf == 0, imms<5> must be 0.
        E("EXTR",      "z00100111 N 0 mmmmm ssssss nnnnn ddddd",
            w => Bits(w, 31, 31) == Bits(w, 22, 22) && (Bits(w, 31, 31) == 1 || Bits(w, 15, 15) == 0)),
    ];

    /// <summary>sf == 0 with N == 1 is unallocated, and so is a mask DecodeBitMasks() reserves.</summary>
    static bool ValidLogicalImmediate(uint w)
    {
        uint sf = Bits(w, 31, 31), n = Bits(w, 22, 22);
        return !(sf == 0 && n == 1)
            && BitMasks.Decode(n, Bits(w, 15, 10), Bits(w, 21, 16), immediate: true, sf == 1 ? 64 : 32) is not null;
    }

    static bool ValidBitfield(uint w)
    {
        uint sf = Bits(w, 31, 31), n = Bits(w, 22, 22);
        if (sf != n)
            return false;
        return sf == 1 || (Bits(w, 21, 21) == 0 && Bits(w, 15, 15) == 0);
    }
}
