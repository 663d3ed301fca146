namespace A64Jit.IR;

public sealed partial class IrInterpreter
{
    // Advanced SIMD and cryptography semantics (the "Advanced SIMD" and "Cryptography" sections of Opcode).
    bool TryEvalSimd(Inst inst, Inst[] a, IGuestContext ctx, out ulong r)
    {
        r = 0;
        return false;
    }

    bool TryEvalSimd128(Inst inst, Inst[] a, IGuestContext ctx, out UInt128 r)
    {
        r = 0;
        return false;
    }
}
