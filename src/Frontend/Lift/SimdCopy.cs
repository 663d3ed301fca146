using A64Jit.IR;
using A64Jit.IR.Semantics;

namespace A64Jit.Frontend.Lifting;

// Advanced SIMD copy, modified immediate, table lookup, permute and extract.
public sealed partial class Lifter
{
    /// <summary>The element size and index an imm5 selects (its lowest set bit is the size).</summary>
    static (int ESize, int Index) CopyElement(uint imm5)
    {
        int size = System.Numerics.BitOperations.TrailingZeroCount(imm5);
        return (8 << size, (int)(imm5 >> (size + 1)));
    }

    [Handler]
    void DUP_element(uint q, uint i, uint n, uint d)
    {
        var (esize, index) = CopyElement(i);
        V(d, Dup(Elem(V(n), esize, index), esize, Lanes(q, esize)));
    }

    [Handler]
    void DUP_element_scalar(uint i, uint n, uint d)
    {
        var (esize, index) = CopyElement(i);
        V(d, VFromU64(Elem(V(n), esize, index)));
    }

    [Handler]
    void DUP_general(uint q, uint i, uint n, uint d)
    {
        var (esize, _) = CopyElement(i);
        V(d, Dup(X(n, 64), esize, Lanes(q, esize)));
    }

    [Handler]
    void INS_general(uint i, uint n, uint d)
    {
        var (esize, index) = CopyElement(i);
        V(d, WithElem(V(d), esize, index, X(n, 64)));
    }

    [Handler]
    void INS_element(uint i, uint j, uint n, uint d)
    {
        var (esize, index) = CopyElement(i);
        int from = (int)(j >> System.Numerics.BitOperations.TrailingZeroCount(i));
        V(d, WithElem(V(d), esize, index, Elem(V(n), esize, from)));
    }

    [Handler]
    void UMOV(uint q, uint i, uint n, uint d)
    {
        var (esize, index) = CopyElement(i);
        X(d, Elem(V(n), esize, index));
    }

    [Handler]
    void SMOV(uint q, uint i, uint n, uint d)
    {
        var (esize, index) = CopyElement(i);
        var value = SignExtendFrom(Elem(V(n), esize, index), esize);
        X(d, q == 1 ? value : Truncate(value, 32));
    }

    // ---- Modified immediate ----------------------------------------------------------------
    [Handler] void MOVI_32(uint q, uint i, uint c, uint d) => ModifiedImmediate(q, i, d, ImmOp.Move);
    [Handler] void MOVI_16(uint q, uint i, uint c, uint d) => ModifiedImmediate(q, i, d, ImmOp.Move);
    [Handler] void MOVI_32_ones(uint q, uint i, uint c, uint d) => ModifiedImmediate(q, i, d, ImmOp.Move);
    [Handler] void MOVI_8(uint q, uint i, uint d) => ModifiedImmediate(q, i, d, ImmOp.Move);
    [Handler] void MOVI_64(uint q, uint i, uint d) => ModifiedImmediate(q, i, d, ImmOp.Move);
    [Handler] void FMOV_vector_imm_single(uint q, uint i, uint d) => ModifiedImmediate(q, i, d, ImmOp.Move);
    [Handler] void FMOV_vector_imm_double(uint i, uint d) => ModifiedImmediate(1, i, d, ImmOp.Move);
    [Handler] void FMOV_vector_imm_half(uint q, uint i, uint d) => ModifiedImmediate(q, i, d, ImmOp.Move);
    [Handler] void MVNI_32(uint q, uint i, uint c, uint d) => ModifiedImmediate(q, i, d, ImmOp.MoveNot);
    [Handler] void MVNI_16(uint q, uint i, uint c, uint d) => ModifiedImmediate(q, i, d, ImmOp.MoveNot);
    [Handler] void MVNI_32_ones(uint q, uint i, uint c, uint d) => ModifiedImmediate(q, i, d, ImmOp.MoveNot);
    [Handler] void ORR_imm_32(uint q, uint i, uint c, uint d) => ModifiedImmediate(q, i, d, ImmOp.Or);
    [Handler] void ORR_imm_16(uint q, uint i, uint c, uint d) => ModifiedImmediate(q, i, d, ImmOp.Or);
    [Handler] void BIC_imm_32(uint q, uint i, uint c, uint d) => ModifiedImmediate(q, i, d, ImmOp.Bic);
    [Handler] void BIC_imm_16(uint q, uint i, uint c, uint d) => ModifiedImmediate(q, i, d, ImmOp.Bic);

    enum ImmOp { Move, MoveNot, Or, Bic }

    void ModifiedImmediate(uint q, uint imm8, uint rd, ImmOp kind)
    {
        uint op = (word >> 29) & 1, cmode = (word >> 12) & 0xF, o2 = (word >> 11) & 1;
        ulong imm = o2 == 1 ? Replicate(VFPExpandImm(imm8, 16), 16, 64) : AdvSIMDExpandImm(op, cmode, imm8);
        if (kind == ImmOp.MoveNot)
            imm = ~imm;
        int lanes = q == 1 ? 2 : 1;
        var value = Dup(ir.U64(imm), 64, lanes);
        V(rd, kind switch
        {
            ImmOp.Or => VecBinaryOp(VecOp.Orr, 64, lanes, V(rd), value),
            ImmOp.Bic => VecBinaryOp(VecOp.Bic, 64, lanes, V(rd), value),
            _ => value,
        });
    }

    /// <summary>AdvSIMDExpandImm(op, cmode, imm8).</summary>
    static ulong AdvSIMDExpandImm(uint op, uint cmode, uint imm8)
    {
        ulong i = imm8;
        switch (cmode >> 1)
        {
            case 0: return Replicate(i, 32, 64);
            case 1: return Replicate(i << 8, 32, 64);
            case 2: return Replicate(i << 16, 32, 64);
            case 3: return Replicate(i << 24, 32, 64);
            case 4: return Replicate(i, 16, 64);
            case 5: return Replicate(i << 8, 16, 64);
            case 6: return Replicate((cmode & 1) == 0 ? (i << 8) | 0xFF : (i << 16) | 0xFFFF, 32, 64);
        }
        if ((cmode & 1) == 0)
        {
            if (op == 0)
                return Replicate(i, 8, 64);
            ulong r = 0;
            for (int b = 0; b < 8; b++)
                if ((imm8 >> b & 1) != 0)
                    r |= 0xFFUL << (8 * b);
            return r;
        }
        return op == 0 ? Replicate(VFPExpandImm(imm8, 32), 32, 64) : VFPExpandImm(imm8, 64);
    }

    // ---- Table lookup, permute, extract --------------------------------------------------------
    [Handler] void TBL(uint q, uint m, uint l, uint n, uint d) => TableLookup(q, m, l, n, d, VZero());
    [Handler] void TBX(uint q, uint m, uint l, uint n, uint d) => TableLookup(q, m, l, n, d, V(d));

    void TableLookup(uint q, uint m, uint len, uint n, uint d, Inst fallback)
    {
        int regs = (int)len + 1, lanes = q == 1 ? 16 : 8;
        var indices = V(m);
        Inst Table(int k) => k < regs ? V((n + (uint)k) % 32) : VZero();
        var result = ir.EmitWithAux(Opcode.VecTableLookup, VecAux(0, 8, lanes, 0, Math.Min(regs, 2) * 16),
            Table(0), Table(1), indices, fallback);
        if (regs > 2)
            result = ir.EmitWithAux(Opcode.VecTableLookup, VecAux(0, 8, lanes, 32, (regs - 2) * 16),
                Table(2), Table(3), indices, result);
        V(d, result);
    }

    [Handler] void UZP1(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.Uzp1, q, s, m, n, d);
    [Handler] void UZP2(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.Uzp2, q, s, m, n, d);
    [Handler] void TRN1(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.Trn1, q, s, m, n, d);
    [Handler] void TRN2(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.Trn2, q, s, m, n, d);
    [Handler] void ZIP1(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.Zip1, q, s, m, n, d);
    [Handler] void ZIP2(uint q, uint s, uint m, uint n, uint d) => Vec3(VecOp.Zip2, q, s, m, n, d);

    [Handler]
    void EXT(uint q, uint m, uint i, uint n, uint d) => V(d, VecBinaryOp(VecOp.Ext, 8, q == 1 ? 16 : 8, V(n), V(m), (int)i));
}
