namespace A64Jit.IR;

public sealed partial class IrInterpreter
{
    // Scalar floating-point semantics (the "Scalar floating point" section of Opcode).
    bool TryEvalFloatingPoint(Inst inst, Inst[] a, IGuestContext ctx, out ulong r)
    {
        r = 0;
        return false;
    }

    bool TryEvalFloatingPoint128(Inst inst, Inst[] a, IGuestContext ctx, out UInt128 r)
    {
        r = 0;
        return false;
    }
}
