using A64Jit.IR;

namespace A64Jit.Frontend.Lifting;

// C4.1.88 Loads and Stores, SIMD&FP: LDR/STR/LDUR/STUR/LDP/STP/LDNP/STNP of B, H, S, D and Q registers
// (the shared bodies are LoadStoreSimdRegister and LoadStorePairSimd), and the Advanced SIMD
// load/store multiple structures (LD1-LD4, ST1-ST4), single structure, and replicate (LD1R-LD4R),
// each also post-indexed (Rm = 31: by the bytes transferred, else by X[m]).
// Lanes are assembled and taken apart as two 64-bit halves with integer operations.
public sealed partial class Lifter
{
    [Handler] void STR_simd_imm(uint z, uint x, uint i, uint n, uint t) => LoadStoreSimdRegister(1 << SimdScale(z, x), false, t, n, Imm12(i, SimdScale(z, x)), Indexing.Offset);
    [Handler] void LDR_simd_imm(uint z, uint x, uint i, uint n, uint t) => LoadStoreSimdRegister(1 << SimdScale(z, x), true, t, n, Imm12(i, SimdScale(z, x)), Indexing.Offset);
    [Handler] void STUR_simd(uint z, uint x, uint i, uint n, uint t) => LoadStoreSimdRegister(1 << SimdScale(z, x), false, t, n, Imm9(i), Indexing.Offset);
    [Handler] void LDUR_simd(uint z, uint x, uint i, uint n, uint t) => LoadStoreSimdRegister(1 << SimdScale(z, x), true, t, n, Imm9(i), Indexing.Offset);
    [Handler] void STR_simd_post(uint z, uint x, uint i, uint n, uint t) => LoadStoreSimdRegister(1 << SimdScale(z, x), false, t, n, Imm9(i), Indexing.Post);
    [Handler] void LDR_simd_post(uint z, uint x, uint i, uint n, uint t) => LoadStoreSimdRegister(1 << SimdScale(z, x), true, t, n, Imm9(i), Indexing.Post);
    [Handler] void STR_simd_pre(uint z, uint x, uint i, uint n, uint t) => LoadStoreSimdRegister(1 << SimdScale(z, x), false, t, n, Imm9(i), Indexing.Pre);
    [Handler] void LDR_simd_pre(uint z, uint x, uint i, uint n, uint t) => LoadStoreSimdRegister(1 << SimdScale(z, x), true, t, n, Imm9(i), Indexing.Pre);
    [Handler] void STR_simd_reg(uint z, uint x, uint m, uint o, bool S, uint n, uint t) => LoadStoreSimdRegister(1 << SimdScale(z, x), false, t, n, RegisterOffset(m, o, S, SimdScale(z, x)), Indexing.Offset);
    [Handler] void LDR_simd_reg(uint z, uint x, uint m, uint o, bool S, uint n, uint t) => LoadStoreSimdRegister(1 << SimdScale(z, x), true, t, n, RegisterOffset(m, o, S, SimdScale(z, x)), Indexing.Offset);
    [Handler] void STNP_simd(uint z, uint i, uint u, uint n, uint t) => LoadStorePairSimd(z, false, t, u, n, i, Indexing.Offset);
    [Handler] void LDNP_simd(uint z, uint i, uint u, uint n, uint t) => LoadStorePairSimd(z, true, t, u, n, i, Indexing.Offset);
    [Handler] void STP_simd_post(uint z, uint i, uint u, uint n, uint t) => LoadStorePairSimd(z, false, t, u, n, i, Indexing.Post);
    [Handler] void LDP_simd_post(uint z, uint i, uint u, uint n, uint t) => LoadStorePairSimd(z, true, t, u, n, i, Indexing.Post);
    [Handler] void STP_simd_off(uint z, uint i, uint u, uint n, uint t) => LoadStorePairSimd(z, false, t, u, n, i, Indexing.Offset);
    [Handler] void LDP_simd_off(uint z, uint i, uint u, uint n, uint t) => LoadStorePairSimd(z, true, t, u, n, i, Indexing.Offset);
    [Handler] void STP_simd_pre(uint z, uint i, uint u, uint n, uint t) => LoadStorePairSimd(z, false, t, u, n, i, Indexing.Pre);
    [Handler] void LDP_simd_pre(uint z, uint i, uint u, uint n, uint t) => LoadStorePairSimd(z, true, t, u, n, i, Indexing.Pre);
    /// <summary>Elem[vector, index, esize] read from (low, high) halves, zero-extended to u64.</summary>
    Inst ElemOfHalves(Inst[] halves, int index, int esize)
    {
        int bit = index * esize, pos = bit % 64;
        var half = halves[bit / 64];
        var shifted = pos == 0 ? half : Lsr(half, ir.U64((ulong)pos));
        return esize == 64 ? shifted : And(shifted, ir.U64(Ones(esize)));
    }

    /// <summary>Elem[vector, index, esize] = value (a zero-extended u64) in (low, high) halves.</summary>
    void ElemOfHalves(Inst[] halves, int index, int esize, Inst value)
    {
        int bit = index * esize, pos = bit % 64, h = bit / 64;
        if (esize == 64)
        {
            halves[h] = value;
            return;
        }
        var cleared = And(halves[h], ir.U64(~(Ones(esize) << pos)));
        halves[h] = Or(cleared, pos == 0 ? value : Lsl(value, ir.U64((ulong)pos)));
    }

    Inst[] HalvesOf(Inst vector) => [ir.Emit(Opcode.Low64, vector), ir.Emit(Opcode.High64, vector)];
    Inst Vector(Inst[] halves) => ir.Emit(Opcode.Pack128, halves[0], halves[1]);

    /// <summary>Post-index writeback of the structure forms: by the transferred bytes when m is 31, else by X[m].</summary>
    void StructureWriteBack(uint? m, uint n, Inst baseAddress, int offs)
    {
        if (m is not uint rm)
            return;
        var offset = rm == 31 ? ir.U64((ulong)offs) : X(rm, 64);
        XOrSP(n, Add(baseAddress, offset));
    }

    Inst At(Inst baseAddress, int offs) => offs == 0 ? baseAddress : Add(baseAddress, ir.U64((ulong)offs));

    /// <summary>The pseudocode of LD1-LD4/ST1-ST4 (multiple structures): element-interleaved, rpt * selem registers.</summary>
    void MultipleStructures(bool load, uint q, int rpt, int selem, uint z, uint n, uint t, uint? m)
    {
        int datasize = q == 1 ? 128 : 64, esize = 8 << (int)z, ebytes = esize / 8, elements = datasize / esize;
        int regs = rpt * selem;
        var baseAddress = XOrSP(n, 64);
        int offs = 0;
        if (selem == 1)
        {
            // One structure element per register: each register is one contiguous access.
            var values = new Inst[regs];
            for (int r = 0; r < regs; r++, offs += datasize / 8)
            {
                uint tt = (t + (uint)r) % 32;
                if (load)
                    values[r] = LoadVector(At(baseAddress, offs), datasize / 8);
                else
                    Mem(At(baseAddress, offs), datasize / 8, V(tt));
            }
            if (load)
                for (int r = 0; r < regs; r++)
                    V((t + (uint)r) % 32, values[r]);
            StructureWriteBack(m, n, baseAddress, offs);
            return;
        }
        var halves = new Inst[regs][];
        for (int r = 0; r < regs; r++)
            halves[r] = load ? [ir.U64(0), ir.U64(0)] : HalvesOf(V((t + (uint)r) % 32));
        for (int e = 0; e < elements; e++)
            for (int s = 0; s < selem; s++, offs += ebytes)
            {
                var address = At(baseAddress, offs);
                if (load)
                    ElemOfHalves(halves[s], e, esize, Mem(address, ebytes));
                else
                    Mem(address, ebytes, ElemOfHalves(halves[s], e, esize));
            }
        if (load)
            for (int r = 0; r < regs; r++)
                V((t + (uint)r) % 32, Vector(halves[r]));
        StructureWriteBack(m, n, baseAddress, offs);
    }

    /// <summary>LD1/ST1 (multiple structures): opcode 0111, 1010, 0110, 0010 are one to four registers.</summary>
    static int Registers(uint o) => o switch { 0b0111 => 1, 0b1010 => 2, 0b0110 => 3, _ => 4 };

    [Handler] void ST1_mult(uint q, uint o, uint z, uint n, uint t) => MultipleStructures(false, q, Registers(o), 1, z, n, t, null);
    [Handler] void ST2_mult(uint q, uint z, uint n, uint t) => MultipleStructures(false, q, 1, 2, z, n, t, null);
    [Handler] void ST3_mult(uint q, uint z, uint n, uint t) => MultipleStructures(false, q, 1, 3, z, n, t, null);
    [Handler] void ST4_mult(uint q, uint z, uint n, uint t) => MultipleStructures(false, q, 1, 4, z, n, t, null);
    [Handler] void LD1_mult(uint q, uint o, uint z, uint n, uint t) => MultipleStructures(true, q, Registers(o), 1, z, n, t, null);
    [Handler] void LD2_mult(uint q, uint z, uint n, uint t) => MultipleStructures(true, q, 1, 2, z, n, t, null);
    [Handler] void LD3_mult(uint q, uint z, uint n, uint t) => MultipleStructures(true, q, 1, 3, z, n, t, null);
    [Handler] void LD4_mult(uint q, uint z, uint n, uint t) => MultipleStructures(true, q, 1, 4, z, n, t, null);
    [Handler] void ST1_mult_post(uint q, uint m, uint o, uint z, uint n, uint t) => MultipleStructures(false, q, Registers(o), 1, z, n, t, m);
    [Handler] void ST2_mult_post(uint q, uint m, uint z, uint n, uint t) => MultipleStructures(false, q, 1, 2, z, n, t, m);
    [Handler] void ST3_mult_post(uint q, uint m, uint z, uint n, uint t) => MultipleStructures(false, q, 1, 3, z, n, t, m);
    [Handler] void ST4_mult_post(uint q, uint m, uint z, uint n, uint t) => MultipleStructures(false, q, 1, 4, z, n, t, m);
    [Handler] void LD1_mult_post(uint q, uint m, uint o, uint z, uint n, uint t) => MultipleStructures(true, q, Registers(o), 1, z, n, t, m);
    [Handler] void LD2_mult_post(uint q, uint m, uint z, uint n, uint t) => MultipleStructures(true, q, 1, 2, z, n, t, m);
    [Handler] void LD3_mult_post(uint q, uint m, uint z, uint n, uint t) => MultipleStructures(true, q, 1, 3, z, n, t, m);
    [Handler] void LD4_mult_post(uint q, uint m, uint z, uint n, uint t) => MultipleStructures(true, q, 1, 4, z, n, t, m);

    /// <summary>The pseudocode of LD1-LD4/ST1-ST4 (single structure): one lane of selem consecutive registers.</summary>
    void SingleStructure(bool load, uint q, uint o, uint S, uint z, int selem, uint n, uint t, uint? m)
    {
        int scale = (int)o, index;
        switch (scale)
        {
            case 0: index = (int)((q << 3) | (S << 2) | z); break;
            case 1: index = (int)((q << 2) | (S << 1) | (z >> 1)); break;
            default:
                if ((z & 1) == 0)
                {
                    index = (int)((q << 1) | S);
                }
                else
                {
                    index = (int)q;
                    scale = 3;
                }
                break;
        }
        int esize = 8 << scale, ebytes = esize / 8;
        var baseAddress = XOrSP(n, 64);
        int offs = 0;
        if (load)
        {
            var elements = new Inst[selem];
            for (int s = 0; s < selem; s++, offs += ebytes)
                elements[s] = Mem(At(baseAddress, offs), ebytes);
            var vectors = new Inst[selem][];
            for (int s = 0; s < selem; s++)
                vectors[s] = HalvesOf(V((t + (uint)s) % 32));
            for (int s = 0; s < selem; s++)
            {
                ElemOfHalves(vectors[s], index, esize, elements[s]);
                V((t + (uint)s) % 32, Vector(vectors[s]));
            }
        }
        else
        {
            for (int s = 0; s < selem; s++, offs += ebytes)
                Mem(At(baseAddress, offs), ebytes, ElemOfHalves(HalvesOf(V((t + (uint)s) % 32)), index, esize));
        }
        StructureWriteBack(m, n, baseAddress, offs);
    }

    /// <summary>LD1R-LD4R: one element per register, replicated to every lane (the upper half zero when Q is 0).</summary>
    void ReplicateStructure(uint q, uint z, int selem, uint n, uint t, uint? m)
    {
        int esize = 8 << (int)z, ebytes = esize / 8;
        var baseAddress = XOrSP(n, 64);
        var elements = new Inst[selem];
        int offs = 0;
        for (int s = 0; s < selem; s++, offs += ebytes)
            elements[s] = Mem(At(baseAddress, offs), ebytes);
        for (int s = 0; s < selem; s++)
        {
            var replicated = esize == 64 ? elements[s] : Mul(elements[s], ir.U64(Replicate(1, esize, 64)));
            V((t + (uint)s) % 32, ir.Emit(Opcode.Pack128, replicated, q == 1 ? replicated : ir.U64(0)));
        }
        StructureWriteBack(m, n, baseAddress, offs);
    }

    [Handler] void ST1_single(uint q, uint o, uint S, uint z, uint n, uint t) => SingleStructure(false, q, o, S, z, 1, n, t, null);
    [Handler] void ST2_single(uint q, uint o, uint S, uint z, uint n, uint t) => SingleStructure(false, q, o, S, z, 2, n, t, null);
    [Handler] void ST3_single(uint q, uint o, uint S, uint z, uint n, uint t) => SingleStructure(false, q, o, S, z, 3, n, t, null);
    [Handler] void ST4_single(uint q, uint o, uint S, uint z, uint n, uint t) => SingleStructure(false, q, o, S, z, 4, n, t, null);
    [Handler] void LD1_single(uint q, uint o, uint S, uint z, uint n, uint t) => SingleStructure(true, q, o, S, z, 1, n, t, null);
    [Handler] void LD2_single(uint q, uint o, uint S, uint z, uint n, uint t) => SingleStructure(true, q, o, S, z, 2, n, t, null);
    [Handler] void LD3_single(uint q, uint o, uint S, uint z, uint n, uint t) => SingleStructure(true, q, o, S, z, 3, n, t, null);
    [Handler] void LD4_single(uint q, uint o, uint S, uint z, uint n, uint t) => SingleStructure(true, q, o, S, z, 4, n, t, null);
    [Handler] void ST1_single_post(uint q, uint m, uint o, uint S, uint z, uint n, uint t) => SingleStructure(false, q, o, S, z, 1, n, t, m);
    [Handler] void ST2_single_post(uint q, uint m, uint o, uint S, uint z, uint n, uint t) => SingleStructure(false, q, o, S, z, 2, n, t, m);
    [Handler] void ST3_single_post(uint q, uint m, uint o, uint S, uint z, uint n, uint t) => SingleStructure(false, q, o, S, z, 3, n, t, m);
    [Handler] void ST4_single_post(uint q, uint m, uint o, uint S, uint z, uint n, uint t) => SingleStructure(false, q, o, S, z, 4, n, t, m);
    [Handler] void LD1_single_post(uint q, uint m, uint o, uint S, uint z, uint n, uint t) => SingleStructure(true, q, o, S, z, 1, n, t, m);
    [Handler] void LD2_single_post(uint q, uint m, uint o, uint S, uint z, uint n, uint t) => SingleStructure(true, q, o, S, z, 2, n, t, m);
    [Handler] void LD3_single_post(uint q, uint m, uint o, uint S, uint z, uint n, uint t) => SingleStructure(true, q, o, S, z, 3, n, t, m);
    [Handler] void LD4_single_post(uint q, uint m, uint o, uint S, uint z, uint n, uint t) => SingleStructure(true, q, o, S, z, 4, n, t, m);
    [Handler] void LD1R(uint q, uint z, uint n, uint t) => ReplicateStructure(q, z, 1, n, t, null);
    [Handler] void LD2R(uint q, uint z, uint n, uint t) => ReplicateStructure(q, z, 2, n, t, null);
    [Handler] void LD3R(uint q, uint z, uint n, uint t) => ReplicateStructure(q, z, 3, n, t, null);
    [Handler] void LD4R(uint q, uint z, uint n, uint t) => ReplicateStructure(q, z, 4, n, t, null);
    [Handler] void LD1R_post(uint q, uint m, uint z, uint n, uint t) => ReplicateStructure(q, z, 1, n, t, m);
    [Handler] void LD2R_post(uint q, uint m, uint z, uint n, uint t) => ReplicateStructure(q, z, 2, n, t, m);
    [Handler] void LD3R_post(uint q, uint m, uint z, uint n, uint t) => ReplicateStructure(q, z, 3, n, t, m);
    [Handler] void LD4R_post(uint q, uint m, uint z, uint n, uint t) => ReplicateStructure(q, z, 4, n, t, m);
}
