using A64Jit.IR;
using A64Jit.IR.Semantics;

namespace A64Jit.Frontend.Lifting;

// FEAT_FCMA complex arithmetic (FCADD, FCMLA), FEAT_FHM widening multiply-add (FMLAL, FMLSL) and the
// unsigned estimates, composed from the element-wise FP opcodes: the operand permutations and
// negations the pseudocode applies per element pair become lane shuffles and sign-bit flips.
public sealed partial class Lifter
{
    [Handler] void URECPE(uint q, uint s, uint n, uint d) => V(d, VecUnaryOp(VecOp.URecpe, 32, Lanes(q, 32), V(n)));
    [Handler] void URSQRTE(uint q, uint s, uint n, uint d) => V(d, VecUnaryOp(VecOp.URSqrte, 32, Lanes(q, 32), V(n)));

    /// <summary>Flips the sign of the even (real) or odd (imaginary) elements: FPNeg, which also flips a NaN's sign.</summary>
    Inst NegateParts(Inst v, int esize, bool even, bool odd)
    {
        ulong pattern = 0;
        for (int i = 0; i < 64 / esize; i++)
            if ((i % 2 == 0 && even) || (i % 2 == 1 && odd))
                pattern |= 1UL << (esize * i + esize - 1);
        if (esize == 64)
            pattern = 0;
        var mask = esize == 64
            ? ir.Emit(Opcode.Pack128, ir.U64(even ? 1UL << 63 : 0), ir.U64(odd ? 1UL << 63 : 0))
            : Dup(ir.U64(pattern), 64, 2);
        return VecBinaryOp(VecOp.Eor, 64, 2, v, mask);
    }

    /// <summary>Swaps the real and imaginary elements of each pair.</summary>
    Inst SwapParts(Inst v, int esize) => VecUnaryOp(VecOp.Rev, esize, 128 / esize, v, 2 * esize);

    static int ComplexSize(uint size) => 8 << (int)size;

    [Handler]
    void FCADD_vector(uint q, uint s, uint m, uint r, uint n, uint d)
    {
        int esize = ComplexSize(s);
        // rot 90: (-m.im, m.re); rot 270: (m.im, -m.re).
        var mm = NegateParts(SwapParts(V(m), esize), esize, even: r == 0, odd: r == 1);
        V(d, FpBinaryOp(FpOp.Add, esize, Lanes(q, esize), V(n), mm));
    }

    [Handler]
    void FCMLA_vector(uint q, uint s, uint m, uint r, uint n, uint d)
    {
        int esize = ComplexSize(s);
        ComplexMultiplyAdd(q, esize, V(m), r, n, d);
    }

    [Handler]
    void FCMLA_element(uint q, uint s, uint L, uint M, uint m, uint r, uint H, uint n, uint d)
    {
        int esize = ComplexSize(s);
        // Rm is M:Rm in both sizes; the pair index is H:L (half) or H (single).
        uint rm = (M << 4) | m;
        int index = esize == 16 ? (int)((H << 1) | L) : (int)H;
        var pair = VecUnaryOp(VecOp.DupElement, 2 * esize, 128 / (2 * esize), V(rm), index);
        ComplexMultiplyAdd(q, esize, pair, r, n, d);
    }

    void ComplexMultiplyAdd(uint q, int esize, Inst m, uint rot, uint n, uint d)
    {
        int lanes = Lanes(q, esize);
        // Rotations 0 and 180 multiply by n.re, 90 and 270 by n.im.
        var nn = VecBinaryOp(rot % 2 == 0 ? VecOp.Trn1 : VecOp.Trn2, esize, 128 / esize, V(n), V(n));
        var mm = rot switch
        {
            0 => m,
            1 => NegateParts(SwapParts(m, esize), esize, even: true, odd: false),
            2 => NegateParts(m, esize, even: true, odd: true),
            _ => NegateParts(SwapParts(m, esize), esize, even: false, odd: true),
        };
        V(d, FpTernaryOp(FpOp.MulAdd, esize, lanes, V(d), nn, mm));
    }

    // FMLAL/FMLSL take half-precision elements from the lower (FMLAL) or upper (FMLAL2) half of the
    // operand and fuse their product into single-precision lanes (FPMulAddH).
    [Handler] void FMLAL_vector(uint q, uint m, uint n, uint d) => WideningMulAdd(FpOp.MulAdd, q, upper: false, V(m), n, d);
    [Handler] void FMLSL_vector(uint q, uint m, uint n, uint d) => WideningMulAdd(FpOp.MulSub, q, upper: false, V(m), n, d);
    [Handler] void FMLAL2_vector(uint q, uint m, uint n, uint d) => WideningMulAdd(FpOp.MulAdd, q, upper: true, V(m), n, d);
    [Handler] void FMLSL2_vector(uint q, uint m, uint n, uint d) => WideningMulAdd(FpOp.MulSub, q, upper: true, V(m), n, d);

    [Handler] void FMLAL_element(uint q, uint L, uint M, uint m, uint H, uint n, uint d) => WideningMulAdd(FpOp.MulAdd, q, false, HalfElement(L, M, m, H), n, d);
    [Handler] void FMLSL_element(uint q, uint L, uint M, uint m, uint H, uint n, uint d) => WideningMulAdd(FpOp.MulSub, q, false, HalfElement(L, M, m, H), n, d);
    [Handler] void FMLAL2_element(uint q, uint L, uint M, uint m, uint H, uint n, uint d) => WideningMulAdd(FpOp.MulAdd, q, true, HalfElement(L, M, m, H), n, d);
    [Handler] void FMLSL2_element(uint q, uint L, uint M, uint m, uint H, uint n, uint d) => WideningMulAdd(FpOp.MulSub, q, true, HalfElement(L, M, m, H), n, d);

    /// <summary>The by-element operand: Vm (V0-V15) element H:L:M, duplicated.</summary>
    Inst HalfElement(uint L, uint M, uint m, uint H) => DupElement(m & 15, 16, (int)((H << 2) | (L << 1) | M));

    void WideningMulAdd(FpOp op, uint q, bool upper, Inst m, uint n, uint d)
    {
        int lanes = Lanes(q, 32);
        Inst Part(Inst v)
        {
            if (!upper)
                return v;
            // The upper half of the half-precision operand: bits 127:64 (Q == 1) or 63:32 (Q == 0).
            return q == 1 ? UpperHalf(v) : VecUnaryOp(VecOp.UShrImm, 64, 1, v, 32);
        }
        V(d, FpTernaryOp(op == FpOp.MulAdd ? FpOp.MulAddH : FpOp.MulSubH, 32, lanes, V(d), Part(V(n)), Part(m)));
    }
}
