namespace A64Jit.Frontend.Decoding;

public static partial class DecodeTable
{
    // C4.1.87 Branches, Exception Generating and System instructions.
    static Encoding[] BranchExceptionSystem =>
    [
        E("B_cond",    "01010100 iiiiiiiiiiiiiiiiiii 0 cccc"),
        E("SVC",       "11010100 000 iiiiiiiiiiiiiiii 000 01"),
        E("BRK",       "11010100 001 iiiiiiiiiiiiiiii 000 00"),
        E("NOP",       "11010101 00000011 0010 0000 000 11111"),
        E("BR",        "1101011 0000 11111 000000 nnnnn 00000"),
        E("BLR",       "1101011 0001 11111 000000 nnnnn 00000"),
        E("RET",       "1101011 0010 11111 000000 nnnnn 00000"),
        // System register moves: o = o0 (op0 = 2 + o0), a = op1, c = CRn, m = CRm, b = op2.
        E("MRS",       "1101010100 1 1 o aaa cccc mmmm bbb ttttt"),
        E("MSR_reg",   "1101010100 0 1 o aaa cccc mmmm bbb ttttt"),
        E("B",         "000101 iiiiiiiiiiiiiiiiiiiiiiiiii"),
        E("BL",        "100101 iiiiiiiiiiiiiiiiiiiiiiiiii"),
        E("CBZ",       "z0110100 iiiiiiiiiiiiiiiiiii ttttt"),
        E("CBNZ",      "z0110101 iiiiiiiiiiiiiiiiiii ttttt"),
        E("TBZ",       "b0110110 ccccc iiiiiiiiiiiiii ttttt"),
        E("TBNZ",      "b0110111 ccccc iiiiiiiiiiiiii ttttt"),
    ];
}
