using A64Jit.IR;
using A64Jit.IR.Semantics;

namespace A64Jit.Frontend.Lifting;

// Advanced SIMD three different (long, wide and narrow forms) and scalar three different.
// Long forms widen the low or (for the "2" forms, Q == 1) high halves and compute at double width.
public sealed partial class Lifter
{
    [Handler] void SADDL(uint q, uint s, uint m, uint n, uint d) => Long(VecOp.Add, true, false, q, s, m, n, d);
    [Handler] void UADDL(uint q, uint s, uint m, uint n, uint d) => Long(VecOp.Add, false, false, q, s, m, n, d);
    [Handler] void SSUBL(uint q, uint s, uint m, uint n, uint d) => Long(VecOp.Sub, true, false, q, s, m, n, d);
    [Handler] void USUBL(uint q, uint s, uint m, uint n, uint d) => Long(VecOp.Sub, false, false, q, s, m, n, d);
    [Handler] void SADDW(uint q, uint s, uint m, uint n, uint d) => Long(VecOp.Add, true, true, q, s, m, n, d);
    [Handler] void UADDW(uint q, uint s, uint m, uint n, uint d) => Long(VecOp.Add, false, true, q, s, m, n, d);
    [Handler] void SSUBW(uint q, uint s, uint m, uint n, uint d) => Long(VecOp.Sub, true, true, q, s, m, n, d);
    [Handler] void USUBW(uint q, uint s, uint m, uint n, uint d) => Long(VecOp.Sub, false, true, q, s, m, n, d);
    [Handler] void SABDL(uint q, uint s, uint m, uint n, uint d) => Long(VecOp.SAbd, true, false, q, s, m, n, d);
    [Handler] void UABDL(uint q, uint s, uint m, uint n, uint d) => Long(VecOp.UAbd, false, false, q, s, m, n, d);
    [Handler] void SMULL_vector(uint q, uint s, uint m, uint n, uint d) => Long(VecOp.Mul, true, false, q, s, m, n, d);
    [Handler] void UMULL_vector(uint q, uint s, uint m, uint n, uint d) => Long(VecOp.Mul, false, false, q, s, m, n, d);
    [Handler] void SABAL(uint q, uint s, uint m, uint n, uint d) => Long(VecOp.SAbd, true, false, q, s, m, n, d, VecOp.Add);
    [Handler] void UABAL(uint q, uint s, uint m, uint n, uint d) => Long(VecOp.UAbd, false, false, q, s, m, n, d, VecOp.Add);
    [Handler] void SMLAL_vector(uint q, uint s, uint m, uint n, uint d) => Long(VecOp.Mul, true, false, q, s, m, n, d, VecOp.Add);
    [Handler] void UMLAL_vector(uint q, uint s, uint m, uint n, uint d) => Long(VecOp.Mul, false, false, q, s, m, n, d, VecOp.Add);
    [Handler] void SMLSL_vector(uint q, uint s, uint m, uint n, uint d) => Long(VecOp.Mul, true, false, q, s, m, n, d, VecOp.Sub);
    [Handler] void UMLSL_vector(uint q, uint s, uint m, uint n, uint d) => Long(VecOp.Mul, false, false, q, s, m, n, d, VecOp.Sub);

    Inst Widen(bool signed, int esize, Inst v) => VecUnaryOp(signed ? VecOp.SWiden : VecOp.UWiden, esize, 64 / esize, v);

    void Long(VecOp op, bool signed, bool wide, uint q, uint size, uint m, uint n, uint d, VecOp? accumulate = null) =>
        LongWith(op, signed, wide, q, size, V(m), n, d, accumulate);

    /// <summary>The long/wide body with the second operand given (by-element forms pass a duplicated element).</summary>
    void LongWith(VecOp op, bool signed, bool wide, uint q, uint size, Inst m, uint n, uint d, VecOp? accumulate)
    {
        int esize = 8 << (int)size, lanes = 64 / esize;
        var a = wide ? V(n) : Widen(signed, esize, HalfOf(q, V(n)));
        var b = Widen(signed, esize, HalfOf(q, m));
        var r = VecBinaryOp(op, 2 * esize, lanes, a, b);
        if (accumulate is VecOp acc)
            r = VecBinaryOp(acc, 2 * esize, lanes, V(d), r);
        V(d, r);
    }

    [Handler] void ADDHN(uint q, uint s, uint m, uint n, uint d) => HighNarrow(VecOp.Add, VecOp.UShrImm, q, s, m, n, d);
    [Handler] void SUBHN(uint q, uint s, uint m, uint n, uint d) => HighNarrow(VecOp.Sub, VecOp.UShrImm, q, s, m, n, d);
    [Handler] void RADDHN(uint q, uint s, uint m, uint n, uint d) => HighNarrow(VecOp.Add, VecOp.URShrImm, q, s, m, n, d);
    [Handler] void RSUBHN(uint q, uint s, uint m, uint n, uint d) => HighNarrow(VecOp.Sub, VecOp.URShrImm, q, s, m, n, d);

    void HighNarrow(VecOp op, VecOp shift, uint q, uint size, uint m, uint n, uint d)
    {
        int esize = 8 << (int)size, lanes = 64 / esize;
        var r = VecBinaryOp(op, 2 * esize, lanes, V(n), V(m));
        r = VecUnaryOp(shift, 2 * esize, lanes, r, esize);
        VNarrow(q, d, VecUnaryOp(VecOp.Narrow, 2 * esize, lanes, r));
    }

    [Handler]
    void PMULL(uint q, uint s, uint m, uint n, uint d)
    {
        int esize = 8 << (int)s;
        V(d, VecBinaryOp(VecOp.PMull, esize, 64 / esize, HalfOf(q, V(n)), HalfOf(q, V(m))));
    }

    [Handler] void SQDMULL_vector(uint q, uint s, uint m, uint n, uint d) => SatDoublingLong(q, s, V(m), n, d, null, scalar: false);
    [Handler] void SQDMLAL_vector(uint q, uint s, uint m, uint n, uint d) => SatDoublingLong(q, s, V(m), n, d, VecOp.SQAdd, scalar: false);
    [Handler] void SQDMLSL_vector(uint q, uint s, uint m, uint n, uint d) => SatDoublingLong(q, s, V(m), n, d, VecOp.SQSub, scalar: false);
    [Handler] void SQDMULL_scalar(uint s, uint m, uint n, uint d) => SatDoublingLong(0, s, V(m), n, d, null, scalar: true);
    [Handler] void SQDMLAL_scalar(uint s, uint m, uint n, uint d) => SatDoublingLong(0, s, V(m), n, d, VecOp.SQAdd, scalar: true);
    [Handler] void SQDMLSL_scalar(uint s, uint m, uint n, uint d) => SatDoublingLong(0, s, V(m), n, d, VecOp.SQSub, scalar: true);

    void SatDoublingLong(uint q, uint size, Inst m, uint n, uint d, VecOp? accumulate, bool scalar)
    {
        int esize = 8 << (int)size, lanes = scalar ? 1 : 64 / esize;
        var product = VecSatBinaryOp(VecOp.SQDMull, esize, lanes, HalfOf(q, V(n)), HalfOf(q, m));
        V(d, accumulate is VecOp acc ? VecSatBinaryOp(acc, 2 * esize, lanes, V(d), product) : product);
    }
}
