namespace A64Jit.Frontend.Decoding;

public static partial class DecodeTable
{
    // C4.1.87 Branches, Exception Generating and System instructions.
    // Fields: i = immediate, c = cond (or TBZ's b40), t = Rt, n = Rn, m = Rm (or CRm), b = op2 (or TBZ's b5),
    // a = op1, k = CRn, o = o0 (op0 = 2 + o0).
    static Encoding[] BranchExceptionSystem =>
    [
        // Conditional branch (immediate). Bit 4 set is BC.cond (FEAT_HBC, v8.8: not implemented).
        E("B_cond",    "01010100 iiiiiiiiiiiiiiiiiii 0 cccc"),

        // Exception generation. opc 011 is TSTART/TCOMMIT space (TME, not implemented).
        // C6.2.387 UDF (the Reserved group, op0 = 0000): permanently undefined, allocated so that tools agree.
        E("UDF",       "0000000000000000 iiiiiiiiiiiiiiii"),
        E("SVC",       "11010100 000 iiiiiiiiiiiiiiii 000 01"),
        E("HVC",       "11010100 000 iiiiiiiiiiiiiiii 000 10"),
        E("SMC",       "11010100 000 iiiiiiiiiiiiiiii 000 11"),
        E("BRK",       "11010100 001 iiiiiiiiiiiiiiii 000 00"),
        E("HLT",       "11010100 010 iiiiiiiiiiiiiiii 000 00"),
        E("DCPS1",     "11010100 101 iiiiiiiiiiiiiiii 000 01"),
        E("DCPS2",     "11010100 101 iiiiiiiiiiiiiiii 000 10"),
        E("DCPS3",     "11010100 101 iiiiiiiiiiiiiiii 000 11"),

        // Hints: the whole space is allocated and a hint the CPU does not implement is a NOP.
        // The named ones come first for the disassembler; all of them execute as NOP here: PAuth and
        // BTI are not implemented (so their hints do nothing), and WFE/WFI/YIELD may always complete at once.
        E("NOP",       "11010101 00000011 0010 0000 000 11111"),
        E("YIELD",     "11010101 00000011 0010 0000 001 11111"),
        E("WFE",       "11010101 00000011 0010 0000 010 11111"),
        E("WFI",       "11010101 00000011 0010 0000 011 11111"),
        E("SEV",       "11010101 00000011 0010 0000 100 11111"),
        E("SEVL",      "11010101 00000011 0010 0000 101 11111"),
        E("XPACLRI",   "11010101 00000011 0010 0000 111 11111"),
        E("PACIA1716", "11010101 00000011 0010 0001 000 11111"),
        E("PACIB1716", "11010101 00000011 0010 0001 010 11111"),
        E("AUTIA1716", "11010101 00000011 0010 0001 100 11111"),
        E("AUTIB1716", "11010101 00000011 0010 0001 110 11111"),
        E("ESB",       "11010101 00000011 0010 0010 000 11111"),
        E("PSB_CSYNC", "11010101 00000011 0010 0010 001 11111"),
        E("TSB_CSYNC", "11010101 00000011 0010 0010 010 11111"),
        E("CSDB",      "11010101 00000011 0010 0010 100 11111"),
        E("PACIAZ",    "11010101 00000011 0010 0011 000 11111"),
        E("PACIASP",   "11010101 00000011 0010 0011 001 11111"),
        E("PACIBZ",    "11010101 00000011 0010 0011 010 11111"),
        E("PACIBSP",   "11010101 00000011 0010 0011 011 11111"),
        E("AUTIAZ",    "11010101 00000011 0010 0011 100 11111"),
        E("AUTIASP",   "11010101 00000011 0010 0011 101 11111"),
        E("AUTIBZ",    "11010101 00000011 0010 0011 110 11111"),
        E("AUTIBSP",   "11010101 00000011 0010 0011 111 11111"),
        E("BTI",       "11010101 00000011 0010 0100 --0 11111"),
        E("HINT",      "11010101 00000011 0010 ---- --- 11111"),

        // Barriers. CRm is the option of DSB/DMB/ISB and the ignored immediate of CLREX.
        // op2 000, 001 (DSB nXS, v8.7) and 011 (TCOMMIT, TME) are not implemented.
        E("CLREX",     "11010101 00000011 0011 ---- 010 11111"),
        E("SSBB",      "11010101 00000011 0011 0000 100 11111"),
        E("PSSBB",     "11010101 00000011 0011 0100 100 11111"),
        E("DSB",       "11010101 00000011 0011 mmmm 100 11111"),
        E("DMB",       "11010101 00000011 0011 mmmm 101 11111"),
        E("ISB",       "11010101 00000011 0011 ---- 110 11111"),
        E("SB",        "11010101 00000011 0011 ---- 111 11111"), // CRm is should-be-zero

        // PSTATE: MSR (immediate) and the flag-format instructions (FlagM, FlagM2). CRm is the immediate.
        // op1:op2 = 011:100 is TCO (MTE, not implemented); other unlisted fields are unallocated.
        E("CFINV",          "11010101 00000 000 0100 ---- 000 11111"),
        E("XAFLAG",         "11010101 00000 000 0100 ---- 001 11111"),
        E("AXFLAG",         "11010101 00000 000 0100 ---- 010 11111"),
        E("MSR_imm_UAO",    "11010101 00000 000 0100 mmmm 011 11111"),
        E("MSR_imm_PAN",    "11010101 00000 000 0100 mmmm 100 11111"),
        E("MSR_imm_SPSel",  "11010101 00000 000 0100 mmmm 101 11111"),
        E("MSR_imm_SSBS",   "11010101 00000 011 0100 mmmm 001 11111"),
        E("MSR_imm_DIT",    "11010101 00000 011 0100 mmmm 010 11111"),
        E("MSR_imm_DAIFSet","11010101 00000 011 0100 mmmm 110 11111"),
        E("MSR_imm_DAIFClr","11010101 00000 011 0100 mmmm 111 11111"),

        // System instructions (op0 = 01) and system register moves (op0 = 1x).
        E("SYS",       "1101010100 0 01 aaa kkkk mmmm bbb ttttt"),
        E("SYSL",      "1101010100 1 01 aaa kkkk mmmm bbb ttttt"),
        E("MRS",       "1101010100 1 1 o aaa kkkk mmmm bbb ttttt"),
        E("MSR_reg",   "1101010100 0 1 o aaa kkkk mmmm bbb ttttt"),

        // Unconditional branch (register). The A/B-key forms are PAuth: not implemented.
        E("BR",        "1101011 0000 11111 000000 nnnnn 00000"),
        E("BRAAZ",     "1101011 0000 11111 000010 nnnnn 11111"),
        E("BRABZ",     "1101011 0000 11111 000011 nnnnn 11111"),
        E("BLR",       "1101011 0001 11111 000000 nnnnn 00000"),
        E("BLRAAZ",    "1101011 0001 11111 000010 nnnnn 11111"),
        E("BLRABZ",    "1101011 0001 11111 000011 nnnnn 11111"),
        E("RET",       "1101011 0010 11111 000000 nnnnn 00000"),
        E("RETAA",     "1101011 0010 11111 000010 11111 11111"),
        E("RETAB",     "1101011 0010 11111 000011 11111 11111"),
        E("ERET",      "1101011 0100 11111 000000 11111 00000"),
        E("ERETAA",    "1101011 0100 11111 000010 11111 11111"),
        E("ERETAB",    "1101011 0100 11111 000011 11111 11111"),
        E("DRPS",      "1101011 0101 11111 000000 11111 00000"),
        E("BRAA",      "1101011 1000 11111 000010 nnnnn mmmmm"),
        E("BRAB",      "1101011 1000 11111 000011 nnnnn mmmmm"),
        E("BLRAA",     "1101011 1001 11111 000010 nnnnn mmmmm"),
        E("BLRAB",     "1101011 1001 11111 000011 nnnnn mmmmm"),

        // Unconditional branch (immediate), compare and branch, test and branch.
        E("B",         "000101 iiiiiiiiiiiiiiiiiiiiiiiiii"),
        E("BL",        "100101 iiiiiiiiiiiiiiiiiiiiiiiiii"),
        E("CBZ",       "z0110100 iiiiiiiiiiiiiiiiiii ttttt"),
        E("CBNZ",      "z0110101 iiiiiiiiiiiiiiiiiii ttttt"),
        E("TBZ",       "b0110110 ccccc iiiiiiiiiiiiii ttttt"),
        E("TBNZ",      "b0110111 ccccc iiiiiiiiiiiiii ttttt"),
    ];
}
