using A64Jit.IR.Semantics;

namespace A64Jit.IR;

public sealed partial class IrInterpreter
{
    // Advanced SIMD and cryptography semantics (the "Advanced SIMD" and "Cryptography" sections of Opcode).
    bool TryEvalSimd(Inst inst, Inst[] a, IGuestContext ctx, out ulong r)
    {
        r = 0;
        if (inst.Op != Opcode.VecGetElement)
            return false;
        var aux = SimdAux.Unpack(inst.Aux);
        r = Lane(W(a[0]), aux.ESize, aux.Imm);
        return true;
    }

    bool TryEvalSimd128(Inst inst, Inst[] a, IGuestContext ctx, out UInt128 r)
    {
        r = 0;
        switch (inst.Op)
        {
            case Opcode.VecUnary: r = SimdOps.Unary(SimdAux.Unpack(inst.Aux), W(a[0])); return true;
            case Opcode.VecBinary: r = SimdOps.Binary(SimdAux.Unpack(inst.Aux), W(a[0]), W(a[1])); return true;
            case Opcode.VecSatUnary:
            case Opcode.VecSatBinary:
            case Opcode.VecSatTernary:
            {
                bool saturated = false;
                var aux = SimdAux.Unpack(inst.Aux);
                r = inst.Op switch
                {
                    Opcode.VecSatUnary => SimdOps.Saturating(aux, 0, W(a[0]), 0, ref saturated),
                    Opcode.VecSatBinary => SimdOps.Saturating(aux, 0, W(a[0]), W(a[1]), ref saturated),
                    _ => SimdOps.Saturating(aux, W(a[0]), W(a[1]), W(a[2]), ref saturated),
                };
                if (saturated)
                    ctx.Fpsr |= Fpscr.QC;
                return true;
            }
            case Opcode.VecTableLookup:
            {
                var aux = SimdAux.Unpack(inst.Aux);
                r = SimdOps.TableLookup(W(a[0]), W(a[1]), W(a[2]), W(a[3]), aux.Imm, aux.Size2, aux.Lanes);
                return true;
            }
            case Opcode.VecSetElement:
            {
                var aux = SimdAux.Unpack(inst.Aux);
                r = WithLane(W(a[0]), aux.ESize, aux.Imm, V(a[1]));
                return true;
            }
            case Opcode.VecDup:
            {
                var aux = SimdAux.Unpack(inst.Aux);
                for (int i = 0; i < aux.Lanes; i++)
                    r = WithLane(r, aux.ESize, i, V(a[0]));
                return true;
            }
            case Opcode.CryptoUnary: r = CryptoOps.Unary(SimdAux.Unpack(inst.Aux), W(a[0])); return true;
            case Opcode.CryptoBinary: r = CryptoOps.Binary(SimdAux.Unpack(inst.Aux), W(a[0]), W(a[1])); return true;
            case Opcode.CryptoTernary: r = CryptoOps.Ternary(SimdAux.Unpack(inst.Aux), W(a[0]), W(a[1]), W(a[2])); return true;
        }
        return false;
    }
}
