using A64Jit.IR;
using A64Jit.IR.Semantics;

namespace A64Jit.Frontend.Lifting;

// Advanced SIMD vector and scalar x indexed element. The element is read once and duplicated,
// then the same-shaped operation as the vector form runs.
public sealed partial class Lifter
{
    /// <summary>Rm and the index for integer by-element forms: size 01 uses Rm&lt;3:0&gt; and H:L:M, size 10 uses M:Rm and H:L.</summary>
    static (uint Rm, int Index) IntElement(uint size, uint L, uint M, uint m, uint H) =>
        size == 1 ? (m, (int)((H << 2) | (L << 1) | M)) : ((M << 4) | m, (int)((H << 1) | L));

    /// <summary>Rm and the index for FP by-element forms of the given element size.</summary>
    static (uint Rm, int Index) FpElement(int esize, uint L, uint M, uint m, uint H) => esize switch
    {
        16 => (m, (int)((H << 2) | (L << 1) | M)),
        32 => ((M << 4) | m, (int)((H << 1) | L)),
        _ => ((M << 4) | m, (int)H),
    };

    Inst DupElement(uint rm, int esize, int index) => VecUnaryOp(VecOp.DupElement, esize, 128 / esize, V(rm), index);

    [Handler] void MUL_element(uint q, uint s, uint L, uint M, uint m, uint H, uint n, uint d) => IntByElement(VecOp.Mul, null, q, s, L, M, m, H, n, d);
    [Handler] void MLA_element(uint q, uint s, uint L, uint M, uint m, uint H, uint n, uint d) => IntByElement(VecOp.Mul, VecOp.Add, q, s, L, M, m, H, n, d);
    [Handler] void MLS_element(uint q, uint s, uint L, uint M, uint m, uint H, uint n, uint d) => IntByElement(VecOp.Mul, VecOp.Sub, q, s, L, M, m, H, n, d);

    void IntByElement(VecOp op, VecOp? accumulate, uint q, uint size, uint L, uint M, uint m, uint H, uint n, uint d)
    {
        int esize = 8 << (int)size, lanes = Lanes(q, esize);
        var (rm, index) = IntElement(size, L, M, m, H);
        var r = VecBinaryOp(op, esize, lanes, V(n), DupElement(rm, esize, index));
        V(d, accumulate is VecOp acc ? VecBinaryOp(acc, esize, lanes, V(d), r) : r);
    }

    [Handler] void SMULL_element(uint q, uint s, uint L, uint M, uint m, uint H, uint n, uint d) => LongByElement(VecOp.Mul, true, null, q, s, L, M, m, H, n, d);
    [Handler] void UMULL_element(uint q, uint s, uint L, uint M, uint m, uint H, uint n, uint d) => LongByElement(VecOp.Mul, false, null, q, s, L, M, m, H, n, d);
    [Handler] void SMLAL_element(uint q, uint s, uint L, uint M, uint m, uint H, uint n, uint d) => LongByElement(VecOp.Mul, true, VecOp.Add, q, s, L, M, m, H, n, d);
    [Handler] void UMLAL_element(uint q, uint s, uint L, uint M, uint m, uint H, uint n, uint d) => LongByElement(VecOp.Mul, false, VecOp.Add, q, s, L, M, m, H, n, d);
    [Handler] void SMLSL_element(uint q, uint s, uint L, uint M, uint m, uint H, uint n, uint d) => LongByElement(VecOp.Mul, true, VecOp.Sub, q, s, L, M, m, H, n, d);
    [Handler] void UMLSL_element(uint q, uint s, uint L, uint M, uint m, uint H, uint n, uint d) => LongByElement(VecOp.Mul, false, VecOp.Sub, q, s, L, M, m, H, n, d);

    void LongByElement(VecOp op, bool signed, VecOp? accumulate, uint q, uint size, uint L, uint M, uint m, uint H, uint n, uint d)
    {
        var (rm, index) = IntElement(size, L, M, m, H);
        LongWith(op, signed, false, q, size, DupElement(rm, 8 << (int)size, index), n, d, accumulate);
    }

    [Handler] void SQDMULH_element(uint q, uint s, uint L, uint M, uint m, uint H, uint n, uint d) => SatByElement(VecOp.SQDMulH, q, s, L, M, m, H, n, d, false);
    [Handler] void SQRDMULH_element(uint q, uint s, uint L, uint M, uint m, uint H, uint n, uint d) => SatByElement(VecOp.SQRDMulH, q, s, L, M, m, H, n, d, false);
    [Handler] void SQDMULH_element_scalar(uint s, uint L, uint M, uint m, uint H, uint n, uint d) => SatByElement(VecOp.SQDMulH, 0, s, L, M, m, H, n, d, true);
    [Handler] void SQRDMULH_element_scalar(uint s, uint L, uint M, uint m, uint H, uint n, uint d) => SatByElement(VecOp.SQRDMulH, 0, s, L, M, m, H, n, d, true);

    void SatByElement(VecOp op, uint q, uint size, uint L, uint M, uint m, uint H, uint n, uint d, bool scalar)
    {
        int esize = 8 << (int)size;
        var (rm, index) = IntElement(size, L, M, m, H);
        V(d, VecSatBinaryOp(op, esize, scalar ? 1 : Lanes(q, esize), V(n), DupElement(rm, esize, index)));
    }

    [Handler] void SQRDMLAH_element(uint q, uint s, uint L, uint M, uint m, uint H, uint n, uint d) => SatMlahByElement(VecOp.SQRDMlah, q, s, L, M, m, H, n, d, false);
    [Handler] void SQRDMLSH_element(uint q, uint s, uint L, uint M, uint m, uint H, uint n, uint d) => SatMlahByElement(VecOp.SQRDMlsh, q, s, L, M, m, H, n, d, false);
    [Handler] void SQRDMLAH_element_scalar(uint s, uint L, uint M, uint m, uint H, uint n, uint d) => SatMlahByElement(VecOp.SQRDMlah, 0, s, L, M, m, H, n, d, true);
    [Handler] void SQRDMLSH_element_scalar(uint s, uint L, uint M, uint m, uint H, uint n, uint d) => SatMlahByElement(VecOp.SQRDMlsh, 0, s, L, M, m, H, n, d, true);

    void SatMlahByElement(VecOp op, uint q, uint size, uint L, uint M, uint m, uint H, uint n, uint d, bool scalar)
    {
        int esize = 8 << (int)size;
        var (rm, index) = IntElement(size, L, M, m, H);
        V(d, ir.EmitWithAux(Opcode.VecSatTernary, VecAux(op, esize, scalar ? 1 : Lanes(q, esize)), V(d), V(n), DupElement(rm, esize, index)));
    }

    [Handler] void SQDMULL_element(uint q, uint s, uint L, uint M, uint m, uint H, uint n, uint d) => SatLongByElement(null, q, s, L, M, m, H, n, d, false);
    [Handler] void SQDMLAL_element(uint q, uint s, uint L, uint M, uint m, uint H, uint n, uint d) => SatLongByElement(VecOp.SQAdd, q, s, L, M, m, H, n, d, false);
    [Handler] void SQDMLSL_element(uint q, uint s, uint L, uint M, uint m, uint H, uint n, uint d) => SatLongByElement(VecOp.SQSub, q, s, L, M, m, H, n, d, false);
    [Handler] void SQDMULL_element_scalar(uint s, uint L, uint M, uint m, uint H, uint n, uint d) => SatLongByElement(null, 0, s, L, M, m, H, n, d, true);
    [Handler] void SQDMLAL_element_scalar(uint s, uint L, uint M, uint m, uint H, uint n, uint d) => SatLongByElement(VecOp.SQAdd, 0, s, L, M, m, H, n, d, true);
    [Handler] void SQDMLSL_element_scalar(uint s, uint L, uint M, uint m, uint H, uint n, uint d) => SatLongByElement(VecOp.SQSub, 0, s, L, M, m, H, n, d, true);

    void SatLongByElement(VecOp? accumulate, uint q, uint size, uint L, uint M, uint m, uint H, uint n, uint d, bool scalar)
    {
        var (rm, index) = IntElement(size, L, M, m, H);
        // The duplicated element fills both halves, so HalfOf(q, ...) of it is the element again.
        SatDoublingLong(q, size, DupElement(rm, 8 << (int)size, index), n, d, accumulate, scalar);
    }

    [Handler] void SDOT_element(uint q, uint L, uint M, uint m, uint H, uint n, uint d) => DotProduct(VecOp.SDot, q, DupElement((M << 4) | m, 32, (int)((H << 1) | L)), n, d);
    [Handler] void UDOT_element(uint q, uint L, uint M, uint m, uint H, uint n, uint d) => DotProduct(VecOp.UDot, q, DupElement((M << 4) | m, 32, (int)((H << 1) | L)), n, d);

    // ---- Floating point ------------------------------------------------------------------------
    [Handler] void FMUL_element(uint q, uint s, uint L, uint M, uint m, uint H, uint n, uint d) => FpByElement(FpOp.Mul, q, FpSize(s), L, M, m, H, n, d, false);
    [Handler] void FMULX_element(uint q, uint s, uint L, uint M, uint m, uint H, uint n, uint d) => FpByElement(FpOp.MulX, q, FpSize(s), L, M, m, H, n, d, false);
    [Handler] void FMLA_element(uint q, uint s, uint L, uint M, uint m, uint H, uint n, uint d) => FpByElement(FpOp.MulAdd, q, FpSize(s), L, M, m, H, n, d, false);
    [Handler] void FMLS_element(uint q, uint s, uint L, uint M, uint m, uint H, uint n, uint d) => FpByElement(FpOp.MulSub, q, FpSize(s), L, M, m, H, n, d, false);
    [Handler] void FMUL_element_half(uint q, uint L, uint M, uint m, uint H, uint n, uint d) => FpByElement(FpOp.Mul, q, 16, L, M, m, H, n, d, false);
    [Handler] void FMULX_element_half(uint q, uint L, uint M, uint m, uint H, uint n, uint d) => FpByElement(FpOp.MulX, q, 16, L, M, m, H, n, d, false);
    [Handler] void FMLA_element_half(uint q, uint L, uint M, uint m, uint H, uint n, uint d) => FpByElement(FpOp.MulAdd, q, 16, L, M, m, H, n, d, false);
    [Handler] void FMLS_element_half(uint q, uint L, uint M, uint m, uint H, uint n, uint d) => FpByElement(FpOp.MulSub, q, 16, L, M, m, H, n, d, false);
    [Handler] void FMUL_element_scalar(uint s, uint L, uint M, uint m, uint H, uint n, uint d) => FpByElement(FpOp.Mul, 0, FpSize(s), L, M, m, H, n, d, true);
    [Handler] void FMULX_element_scalar(uint s, uint L, uint M, uint m, uint H, uint n, uint d) => FpByElement(FpOp.MulX, 0, FpSize(s), L, M, m, H, n, d, true);
    [Handler] void FMLA_element_scalar(uint s, uint L, uint M, uint m, uint H, uint n, uint d) => FpByElement(FpOp.MulAdd, 0, FpSize(s), L, M, m, H, n, d, true);
    [Handler] void FMLS_element_scalar(uint s, uint L, uint M, uint m, uint H, uint n, uint d) => FpByElement(FpOp.MulSub, 0, FpSize(s), L, M, m, H, n, d, true);
    [Handler] void FMUL_element_scalar_half(uint L, uint M, uint m, uint H, uint n, uint d) => FpByElement(FpOp.Mul, 0, 16, L, M, m, H, n, d, true);
    [Handler] void FMULX_element_scalar_half(uint L, uint M, uint m, uint H, uint n, uint d) => FpByElement(FpOp.MulX, 0, 16, L, M, m, H, n, d, true);
    [Handler] void FMLA_element_scalar_half(uint L, uint M, uint m, uint H, uint n, uint d) => FpByElement(FpOp.MulAdd, 0, 16, L, M, m, H, n, d, true);
    [Handler] void FMLS_element_scalar_half(uint L, uint M, uint m, uint H, uint n, uint d) => FpByElement(FpOp.MulSub, 0, 16, L, M, m, H, n, d, true);

    void FpByElement(FpOp op, uint q, int esize, uint L, uint M, uint m, uint H, uint n, uint d, bool scalar)
    {
        var (rm, index) = FpElement(esize, L, M, m, H);
        int lanes = scalar ? 1 : Lanes(q, esize);
        var element = DupElement(rm, esize, index);
        V(d, op is FpOp.MulAdd or FpOp.MulSub
            ? FpTernaryOp(op, esize, lanes, V(d), V(n), element)
            : FpBinaryOp(op, esize, lanes, V(n), element));
    }
}
