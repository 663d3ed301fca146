using A64Jit.IR;
using A64Jit.IR.Semantics;

namespace A64Jit.Frontend.Lifting;

// Cryptographic AES, SHA-1, SHA-256, SHA-512 and SHA-3 (semantics in IR.Semantics.CryptoOps).
public sealed partial class Lifter
{
    static ulong CryptoAux(CryptoOp op, int imm = 0) => new SimdAux((byte)op, 0, 0, 0, imm).Pack();

    Inst Crypto1(CryptoOp op, Inst a) => ir.EmitWithAux(Opcode.CryptoUnary, CryptoAux(op), a);
    Inst Crypto2(CryptoOp op, Inst a, Inst b, int imm = 0) => ir.EmitWithAux(Opcode.CryptoBinary, CryptoAux(op, imm), a, b);
    Inst Crypto3(CryptoOp op, Inst a, Inst b, Inst c) => ir.EmitWithAux(Opcode.CryptoTernary, CryptoAux(op), a, b, c);

    [Handler] void AESE(uint n, uint d) => V(d, Crypto2(CryptoOp.AesE, V(d), V(n)));
    [Handler] void AESD(uint n, uint d) => V(d, Crypto2(CryptoOp.AesD, V(d), V(n)));
    [Handler] void AESMC(uint n, uint d) => V(d, Crypto1(CryptoOp.AesMC, V(n)));
    [Handler] void AESIMC(uint n, uint d) => V(d, Crypto1(CryptoOp.AesIMC, V(n)));

    [Handler] void SHA1C(uint m, uint n, uint d) => V(d, Crypto3(CryptoOp.Sha1C, V(d), V(n), V(m)));
    [Handler] void SHA1P(uint m, uint n, uint d) => V(d, Crypto3(CryptoOp.Sha1P, V(d), V(n), V(m)));
    [Handler] void SHA1M(uint m, uint n, uint d) => V(d, Crypto3(CryptoOp.Sha1M, V(d), V(n), V(m)));
    [Handler] void SHA1SU0(uint m, uint n, uint d) => V(d, Crypto3(CryptoOp.Sha1Su0, V(d), V(n), V(m)));
    [Handler] void SHA1H(uint n, uint d) => V(d, Crypto1(CryptoOp.Sha1H, V(n)));
    [Handler] void SHA1SU1(uint n, uint d) => V(d, Crypto2(CryptoOp.Sha1Su1, V(d), V(n)));
    [Handler] void SHA256H(uint m, uint n, uint d) => V(d, Crypto3(CryptoOp.Sha256H, V(d), V(n), V(m)));
    [Handler] void SHA256H2(uint m, uint n, uint d) => V(d, Crypto3(CryptoOp.Sha256H2, V(d), V(n), V(m)));
    [Handler] void SHA256SU0(uint n, uint d) => V(d, Crypto2(CryptoOp.Sha256Su0, V(d), V(n)));
    [Handler] void SHA256SU1(uint m, uint n, uint d) => V(d, Crypto3(CryptoOp.Sha256Su1, V(d), V(n), V(m)));
    [Handler] void SHA512H(uint m, uint n, uint d) => V(d, Crypto3(CryptoOp.Sha512H, V(d), V(n), V(m)));
    [Handler] void SHA512H2(uint m, uint n, uint d) => V(d, Crypto3(CryptoOp.Sha512H2, V(d), V(n), V(m)));
    [Handler] void SHA512SU0(uint n, uint d) => V(d, Crypto2(CryptoOp.Sha512Su0, V(d), V(n)));
    [Handler] void SHA512SU1(uint m, uint n, uint d) => V(d, Crypto3(CryptoOp.Sha512Su1, V(d), V(n), V(m)));

    [Handler] void RAX1(uint m, uint n, uint d) => V(d, Crypto2(CryptoOp.Rax1, V(n), V(m)));
    [Handler] void XAR(uint m, uint i, uint n, uint d) => V(d, Crypto2(CryptoOp.Xar, V(n), V(m), (int)i));
    [Handler] void EOR3(uint m, uint a, uint n, uint d) => V(d, Crypto3(CryptoOp.Eor3, V(n), V(m), V(a)));
    [Handler] void BCAX(uint m, uint a, uint n, uint d) => V(d, Crypto3(CryptoOp.Bcax, V(n), V(m), V(a)));
}
