namespace A64Jit.Frontend.Decoding;

public static partial class DecodeTable
{
    // C4.1.95 Cryptographic AES, SHA, SHA512 and SHA3 (FEAT_AES, FEAT_SHA1, FEAT_SHA256, FEAT_SHA512, FEAT_SHA3).
    // PMULL (FEAT_PMULL) lives with the three-different class. SM3 and SM4 are not implemented.
    // Fields: d = Rd, n = Rn, m = Rm, a = Ra, i = imm6.
    static Encoding[] Cryptography =>
    [
        // Cryptographic AES.
        E("AESE",      "01001110 00 10100 00100 10 nnnnn ddddd"),
        E("AESD",      "01001110 00 10100 00101 10 nnnnn ddddd"),
        E("AESMC",     "01001110 00 10100 00110 10 nnnnn ddddd"),
        E("AESIMC",    "01001110 00 10100 00111 10 nnnnn ddddd"),

        // Cryptographic three-register SHA.
        E("SHA1C",     "01011110 000 mmmmm 0 000 00 nnnnn ddddd"),
        E("SHA1P",     "01011110 000 mmmmm 0 001 00 nnnnn ddddd"),
        E("SHA1M",     "01011110 000 mmmmm 0 010 00 nnnnn ddddd"),
        E("SHA1SU0",   "01011110 000 mmmmm 0 011 00 nnnnn ddddd"),
        E("SHA256H",   "01011110 000 mmmmm 0 100 00 nnnnn ddddd"),
        E("SHA256H2",  "01011110 000 mmmmm 0 101 00 nnnnn ddddd"),
        E("SHA256SU1", "01011110 000 mmmmm 0 110 00 nnnnn ddddd"),

        // Cryptographic two-register SHA.
        E("SHA1H",     "01011110 00 10100 00000 10 nnnnn ddddd"),
        E("SHA1SU1",   "01011110 00 10100 00001 10 nnnnn ddddd"),
        E("SHA256SU0", "01011110 00 10100 00010 10 nnnnn ddddd"),

        // Cryptographic three-register SHA512 and RAX1.
        E("SHA512H",   "11001110 011 mmmmm 1 0 00 00 nnnnn ddddd"),
        E("SHA512H2",  "11001110 011 mmmmm 1 0 00 01 nnnnn ddddd"),
        E("SHA512SU1", "11001110 011 mmmmm 1 0 00 10 nnnnn ddddd"),
        E("RAX1",      "11001110 011 mmmmm 1 0 00 11 nnnnn ddddd"),

        // Cryptographic four-register and XAR (SHA3).
        E("EOR3",      "11001110 000 mmmmm 0 aaaaa nnnnn ddddd"),
        E("BCAX",      "11001110 001 mmmmm 0 aaaaa nnnnn ddddd"),
        E("XAR",       "11001110 100 mmmmm iiiiii nnnnn ddddd"),

        // Cryptographic two-register SHA512.
        E("SHA512SU0", "11001110 11000000 1000 00 nnnnn ddddd"),
    ];
}
