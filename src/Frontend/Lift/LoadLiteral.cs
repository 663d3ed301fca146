using A64Jit.IR;

namespace A64Jit.Frontend.Lifting;

// C4.1.88 Loads and Stores: load register (literal), PC-relative with a 19-bit word offset.
public sealed partial class Lifter
{
    Inst LiteralAddress(uint i) => ir.U64(pc + (ulong)(SignExtend(i, 19) << 2));

    [Handler] void LDR_lit(uint z, uint i, uint t) => X(t, Mem(LiteralAddress(i), z == 1 ? 8 : 4));
    [Handler] void LDRSW_lit(uint i, uint t) => X(t, LoadExtended(LiteralAddress(i), 4, signed: true, to32: false));
    /// <summary>Prefetch is a hint: it does nothing.</summary>
    [Handler] void PRFM_lit(uint i, uint t) { }
    /// <summary>LDR (literal, SIMD&amp;FP): opc 00 S, 01 D, 10 Q.</summary>
    [Handler] void LDR_simd_lit(uint z, uint i, uint t) => V(t, LoadVector(LiteralAddress(i), 4 << (int)z));
}
