using A64Jit.IR;

namespace A64Jit.Frontend.Lifting;

// C4.1.95 Data Processing -- Register: data-processing (1, 2 and 3 source) and the flag
// manipulation of FlagM (RMIF, SETF8, SETF16). PACGA and the 1-source PAuth lines are not lifted.
public sealed partial class Lifter
{
    // Data-processing (2 source). Division by zero gives zero (the opcodes implement Arm's rules).
    [Handler] void UDIV(uint z, uint m, uint n, uint d) => TwoSource(z, m, n, d, Opcode.UDiv32, Opcode.UDiv64);
    [Handler] void SDIV(uint z, uint m, uint n, uint d) => TwoSource(z, m, n, d, Opcode.SDiv32, Opcode.SDiv64);
    // The shift opcodes take the amount modulo the width, as LSLV and friends do.
    [Handler] void LSLV(uint z, uint m, uint n, uint d) => TwoSource(z, m, n, d, Opcode.Lsl32, Opcode.Lsl64);
    [Handler] void LSRV(uint z, uint m, uint n, uint d) => TwoSource(z, m, n, d, Opcode.Lsr32, Opcode.Lsr64);
    [Handler] void ASRV(uint z, uint m, uint n, uint d) => TwoSource(z, m, n, d, Opcode.Asr32, Opcode.Asr64);
    [Handler] void RORV(uint z, uint m, uint n, uint d) => TwoSource(z, m, n, d, Opcode.Ror32, Opcode.Ror64);

    void TwoSource(uint sf, uint m, uint n, uint d, Opcode op32, Opcode op64)
    {
        int width = Width(sf);
        X(d, Pick(op32, op64, X(n, width), X(m, width)));
    }

    // CRC32 and CRC32C: the accumulator is Wn, the data the low 1, 2, 4 or 8 bytes of Rm.
    [Handler] void CRC32B(uint m, uint n, uint d) => Crc32(m, n, d, 1, castagnoli: false);
    [Handler] void CRC32H(uint m, uint n, uint d) => Crc32(m, n, d, 2, castagnoli: false);
    [Handler] void CRC32W(uint m, uint n, uint d) => Crc32(m, n, d, 4, castagnoli: false);
    [Handler] void CRC32X(uint m, uint n, uint d) => Crc32(m, n, d, 8, castagnoli: false);
    [Handler] void CRC32CB(uint m, uint n, uint d) => Crc32(m, n, d, 1, castagnoli: true);
    [Handler] void CRC32CH(uint m, uint n, uint d) => Crc32(m, n, d, 2, castagnoli: true);
    [Handler] void CRC32CW(uint m, uint n, uint d) => Crc32(m, n, d, 4, castagnoli: true);
    [Handler] void CRC32CX(uint m, uint n, uint d) => Crc32(m, n, d, 8, castagnoli: true);

    void Crc32(uint m, uint n, uint d, int bytes, bool castagnoli) =>
        X(d, ir.EmitWithAux(Opcode.Crc32, (uint)bytes | (castagnoli ? 0x10UL : 0), X(n, 32), X(m, 64)));

    // Data-processing (1 source).
    [Handler] void RBIT(uint z, uint n, uint d) => X(d, Pick(Opcode.Rbit32, Opcode.Rbit64, X(n, Width(z))));
    [Handler] void REV16(uint z, uint n, uint d) => X(d, Pick(Opcode.ByteReverseHalves32, Opcode.ByteReverseHalves64, X(n, Width(z))));
    [Handler] void REV32(uint n, uint d) => X(d, ir.Emit(Opcode.ByteReverseWords64, X(n, 64)));
    [Handler] void REV(uint z, uint r, uint n, uint d) => X(d, Pick(Opcode.ByteReverse32, Opcode.ByteReverse64, X(n, Width(z))));
    [Handler] void CLZ(uint z, uint n, uint d) => X(d, Pick(Opcode.Clz32, Opcode.Clz64, X(n, Width(z))));
    [Handler] void CLS(uint z, uint n, uint d) => X(d, Pick(Opcode.Cls32, Opcode.Cls64, X(n, Width(z))));

    // Data-processing (3 source).
    [Handler] void MADD(uint z, uint m, uint a, uint n, uint d) => MultiplyAdd(z, m, a, n, d, sub: false);
    [Handler] void MSUB(uint z, uint m, uint a, uint n, uint d) => MultiplyAdd(z, m, a, n, d, sub: true);

    void MultiplyAdd(uint sf, uint m, uint a, uint n, uint d, bool sub)
    {
        int width = Width(sf);
        var product = Mul(X(n, width), X(m, width));
        var addend = X(a, width);
        X(d, sub ? Sub(addend, product) : Add(addend, product));
    }

    [Handler] void SMADDL(uint m, uint a, uint n, uint d) => MultiplyAddLong(m, a, n, d, signed: true, sub: false);
    [Handler] void SMSUBL(uint m, uint a, uint n, uint d) => MultiplyAddLong(m, a, n, d, signed: true, sub: true);
    [Handler] void UMADDL(uint m, uint a, uint n, uint d) => MultiplyAddLong(m, a, n, d, signed: false, sub: false);
    [Handler] void UMSUBL(uint m, uint a, uint n, uint d) => MultiplyAddLong(m, a, n, d, signed: false, sub: true);

    /// <summary>Xd = Xa +/- Wn * Wm, the 32-bit operands sign- or zero-extended to 64 bits.</summary>
    void MultiplyAddLong(uint m, uint a, uint n, uint d, bool signed, bool sub)
    {
        var extend = signed ? Opcode.SignExtend32To64 : Opcode.ZeroExtend32To64;
        var product = Mul(ir.Emit(extend, X(n, 32)), ir.Emit(extend, X(m, 32)));
        var addend = X(a, 64);
        X(d, sub ? Sub(addend, product) : Add(addend, product));
    }

    [Handler] void SMULH(uint m, uint n, uint d) => X(d, ir.Emit(Opcode.SMulHigh64, X(n, 64), X(m, 64)));
    [Handler] void UMULH(uint m, uint n, uint d) => X(d, ir.Emit(Opcode.UMulHigh64, X(n, 64), X(m, 64)));

    /// <summary>RMIF: rotate Xn right by imm6 and copy its low four bits into the flags selected by mask.</summary>
    [Handler]
    void RMIF(uint i, uint n, uint f)
    {
        var rotated = Ror(X(n, 64), ir.U64(i));
        var bits = Lsl(Truncate(rotated, 32), ir.U32(28));
        uint mask = f << 28;
        var kept = And(NzcvBits(), ir.U32(~mask));
        Nzcv(ir.Emit(Opcode.U32ToNzcv, Or(kept, And(bits, ir.U32(mask)))));
    }

    [Handler] void SETF8(uint n) => SetFlagsFrom(n, 8);
    [Handler] void SETF16(uint n) => SetFlagsFrom(n, 16);

    /// <summary>SETF8/SETF16: N = Wn&lt;bits-1&gt;, Z = (Wn&lt;bits-1:0&gt; == 0), V = Wn&lt;bits&gt; XOR Wn&lt;bits-1&gt;; C is kept.</summary>
    void SetFlagsFrom(uint n, int bits)
    {
        var value = X(n, 32);
        // N: bit (bits-1) moved to bit 31.
        var top = Lsl(value, ir.U32((ulong)(32 - bits)));
        var flagN = And(top, ir.U32(FlagN));
        var flagZ = Lsl(ir.Emit(Opcode.ZeroExtend1To32, IsZero(top)), ir.U32(30));
        // V: bit bits XOR bit (bits-1), moved to bit 28.
        var flagV = And(Lsl(Xor(value, Lsr(value, ir.U32(1))), ir.U32((ulong)(28 - (bits - 1)))), ir.U32(FlagV));
        var kept = And(NzcvBits(), ir.U32(FlagC));
        Nzcv(ir.Emit(Opcode.U32ToNzcv, Or(Or(flagN, flagZ), Or(flagV, kept))));
    }
}
