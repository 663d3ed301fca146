namespace A64Jit.Frontend.Decoding;

public static partial class DecodeTable
{
    // C4.1.95 Data Processing -- Register.
    // Fields: z = sf, d = Rd, n = Rn, m = Rm, a = Ra, h = shift, i = immediate, o = option,
    // c = cond, f = the nzcv immediate or flag mask, r = the REV opc<0> bit.
    static Encoding[] DataProcessingRegister =>
    [
        // Data-processing (2 source). Bits 15..10 with opcode 000000/000100/000101 are SUBP/IRG/GMI (MTE, not implemented).
        E("UDIV",      "z0011010110 mmmmm 000010 nnnnn ddddd"),
        E("SDIV",      "z0011010110 mmmmm 000011 nnnnn ddddd"),
        E("LSLV",      "z0011010110 mmmmm 001000 nnnnn ddddd"),
        E("LSRV",      "z0011010110 mmmmm 001001 nnnnn ddddd"),
        E("ASRV",      "z0011010110 mmmmm 001010 nnnnn ddddd"),
        E("RORV",      "z0011010110 mmmmm 001011 nnnnn ddddd"),
        E("PACGA",     "10011010110 mmmmm 001100 nnnnn ddddd"), // PAuth: not implemented
        E("CRC32B",    "00011010110 mmmmm 010000 nnnnn ddddd"),
        E("CRC32H",    "00011010110 mmmmm 010001 nnnnn ddddd"),
        E("CRC32W",    "00011010110 mmmmm 010010 nnnnn ddddd"),
        E("CRC32X",    "10011010110 mmmmm 010011 nnnnn ddddd"),
        E("CRC32CB",   "00011010110 mmmmm 010100 nnnnn ddddd"),
        E("CRC32CH",   "00011010110 mmmmm 010101 nnnnn ddddd"),
        E("CRC32CW",   "00011010110 mmmmm 010110 nnnnn ddddd"),
        E("CRC32CX",   "10011010110 mmmmm 010111 nnnnn ddddd"),

        // Data-processing (1 source).
        E("RBIT",      "z101101011000000 000000 nnnnn ddddd"),
        E("REV16",     "z101101011000000 000001 nnnnn ddddd"),
        E("REV32",     "1101101011000000 000010 nnnnn ddddd"),
        // REV: opc is 10 for 32 bits and 11 for 64 bits, so opc<0> must equal sf.
        E("REV",       "z101101011000000 00001r nnnnn ddddd", w => Bits(w, 31, 31) == Bits(w, 10, 10)),
        E("CLZ",       "z101101011000000 000100 nnnnn ddddd"),
        E("CLS",       "z101101011000000 000101 nnnnn ddddd"),
        // Pointer authentication (PAuth): not implemented, so these stay unlifted (UNDEF).
        E("PACIA",     "1101101011000001 000000 nnnnn ddddd"),
        E("PACIB",     "1101101011000001 000001 nnnnn ddddd"),
        E("PACDA",     "1101101011000001 000010 nnnnn ddddd"),
        E("PACDB",     "1101101011000001 000011 nnnnn ddddd"),
        E("AUTIA",     "1101101011000001 000100 nnnnn ddddd"),
        E("AUTIB",     "1101101011000001 000101 nnnnn ddddd"),
        E("AUTDA",     "1101101011000001 000110 nnnnn ddddd"),
        E("AUTDB",     "1101101011000001 000111 nnnnn ddddd"),
        E("PACIZA",    "1101101011000001 001000 11111 ddddd"),
        E("PACIZB",    "1101101011000001 001001 11111 ddddd"),
        E("PACDZA",    "1101101011000001 001010 11111 ddddd"),
        E("PACDZB",    "1101101011000001 001011 11111 ddddd"),
        E("AUTIZA",    "1101101011000001 001100 11111 ddddd"),
        E("AUTIZB",    "1101101011000001 001101 11111 ddddd"),
        E("AUTDZA",    "1101101011000001 001110 11111 ddddd"),
        E("AUTDZB",    "1101101011000001 001111 11111 ddddd"),
        E("XPACI",     "1101101011000001 010000 11111 ddddd"),
        E("XPACD",     "1101101011000001 010001 11111 ddddd"),

        // Logical (shifted register): with sf == 0, imm6<5> must be 0.
        E("AND_shift",  "z0001010 hh0 mmmmm iiiiii nnnnn ddddd", ValidShiftAmount),
        E("BIC_shift",  "z0001010 hh1 mmmmm iiiiii nnnnn ddddd", ValidShiftAmount),
        E("ORR_shift",  "z0101010 hh0 mmmmm iiiiii nnnnn ddddd", ValidShiftAmount),
        E("ORN_shift",  "z0101010 hh1 mmmmm iiiiii nnnnn ddddd", ValidShiftAmount),
        E("EOR_shift",  "z1001010 hh0 mmmmm iiiiii nnnnn ddddd", ValidShiftAmount),
        E("EON_shift",  "z1001010 hh1 mmmmm iiiiii nnnnn ddddd", ValidShiftAmount),
        E("ANDS_shift", "z1101010 hh0 mmmmm iiiiii nnnnn ddddd", ValidShiftAmount),
        E("BICS_shift", "z1101010 hh1 mmmmm iiiiii nnnnn ddddd", ValidShiftAmount),

        // Add/subtract (shifted register): shift == 11 is reserved.
        E("ADD_shift",  "z0001011 hh0 mmmmm iiiiii nnnnn ddddd", ValidArithmeticShift),
        E("ADDS_shift", "z0101011 hh0 mmmmm iiiiii nnnnn ddddd", ValidArithmeticShift),
        E("SUB_shift",  "z1001011 hh0 mmmmm iiiiii nnnnn ddddd", ValidArithmeticShift),
        E("SUBS_shift", "z1101011 hh0 mmmmm iiiiii nnnnn ddddd", ValidArithmeticShift),

        // Add/subtract (extended register): opt (bits 23..22) must be 00 and imm3 at most 4.
        E("ADD_ext",    "z0001011 001 mmmmm ooo iii nnnnn ddddd", w => Bits(w, 12, 10) <= 4),
        E("ADDS_ext",   "z0101011 001 mmmmm ooo iii nnnnn ddddd", w => Bits(w, 12, 10) <= 4),
        E("SUB_ext",    "z1001011 001 mmmmm ooo iii nnnnn ddddd", w => Bits(w, 12, 10) <= 4),
        E("SUBS_ext",   "z1101011 001 mmmmm ooo iii nnnnn ddddd", w => Bits(w, 12, 10) <= 4),

        // Add/subtract (with carry).
        E("ADC",       "z0011010000 mmmmm 000000 nnnnn ddddd"),
        E("ADCS",      "z0111010000 mmmmm 000000 nnnnn ddddd"),
        E("SBC",       "z1011010000 mmmmm 000000 nnnnn ddddd"),
        E("SBCS",      "z1111010000 mmmmm 000000 nnnnn ddddd"),

        // Rotate right into flags and evaluate into flags (FlagM).
        E("RMIF",      "10111010000 iiiiii 00001 nnnnn 0 ffff"),
        E("SETF8",     "00111010000 000000 0 0010 nnnnn 0 1101"),
        E("SETF16",    "00111010000 000000 1 0010 nnnnn 0 1101"),

        // Conditional compare (register and immediate).
        E("CCMN_reg",  "z0111010010 mmmmm cccc 00 nnnnn 0 ffff"),
        E("CCMP_reg",  "z1111010010 mmmmm cccc 00 nnnnn 0 ffff"),
        E("CCMN_imm",  "z0111010010 iiiii cccc 10 nnnnn 0 ffff"),
        E("CCMP_imm",  "z1111010010 iiiii cccc 10 nnnnn 0 ffff"),

        // Conditional select.
        E("CSEL",      "z0011010100 mmmmm cccc 00 nnnnn ddddd"),
        E("CSINC",     "z0011010100 mmmmm cccc 01 nnnnn ddddd"),
        E("CSINV",     "z1011010100 mmmmm cccc 00 nnnnn ddddd"),
        E("CSNEG",     "z1011010100 mmmmm cccc 01 nnnnn ddddd"),

        // Data-processing (3 source). SMULH/UMULH have Ra should-be-ones; it is ignored.
        E("MADD",      "z0011011000 mmmmm 0 aaaaa nnnnn ddddd"),
        E("MSUB",      "z0011011000 mmmmm 1 aaaaa nnnnn ddddd"),
        E("SMADDL",    "10011011001 mmmmm 0 aaaaa nnnnn ddddd"),
        E("SMSUBL",    "10011011001 mmmmm 1 aaaaa nnnnn ddddd"),
        E("SMULH",     "10011011010 mmmmm 0 ----- nnnnn ddddd"),
        E("UMADDL",    "10011011101 mmmmm 0 aaaaa nnnnn ddddd"),
        E("UMSUBL",    "10011011101 mmmmm 1 aaaaa nnnnn ddddd"),
        E("UMULH",     "10011011110 mmmmm 0 ----- nnnnn ddddd"),
    ];

    /// <summary>Shifted-register operands: with sf == 0, an amount of 32 or more (imm6&lt;5&gt; set) is reserved.</summary>
    static bool ValidShiftAmount(uint w) => Bits(w, 31, 31) == 1 || Bits(w, 15, 15) == 0;

    /// <summary>Add/subtract (shifted register): the amount as above, and shift type ROR (11) is reserved.</summary>
    static bool ValidArithmeticShift(uint w) => Bits(w, 23, 22) != 3 && ValidShiftAmount(w);
}
