using A64Jit.IR;
using A64Jit.IR.Semantics;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>
/// Saturating add and subtract of 8- and 16-bit lanes (SQADD, UQADD, SQSUB, UQSUB on 64- and 128-bit vectors),
/// which SSE has: the saturating result, and FPSR.QC set when it differs from the wrapping one in any lane.
/// A 64-bit vector is computed with zero upper lanes, which never saturate.
/// </summary>
public sealed partial class X64Compiler
{
    const int FpsrQc = 1 << 27;

    static bool CanEmitSaturating(SimdAux aux) =>
        (VecOp)aux.Op is VecOp.SQAdd or VecOp.UQAdd or VecOp.SQSub or VecOp.UQSub
        && aux.ESize is 8 or 16 && aux.ESize * aux.Lanes is 64 or 128;

    void EmitSaturating(Inst inst)
    {
        var aux = SimdAux.Unpack(inst.Aux);
        var op = (VecOp)aux.Op;
        bool bytes = aux.ESize == 8;
        int bits = aux.ESize * aux.Lanes;
        LoadOperand(xmm0, inst.Args[0], bits == 128);
        LoadOperand(xmm1, inst.Args[1], bits == 128);
        asm.movdqa(xmm2, xmm0);
        switch (op)
        {
            case VecOp.SQAdd: if (bytes) asm.paddsb(xmm0, xmm1); else asm.paddsw(xmm0, xmm1); break;
            case VecOp.UQAdd: if (bytes) asm.paddusb(xmm0, xmm1); else asm.paddusw(xmm0, xmm1); break;
            case VecOp.SQSub: if (bytes) asm.psubsb(xmm0, xmm1); else asm.psubsw(xmm0, xmm1); break;
            default: if (bytes) asm.psubusb(xmm0, xmm1); else asm.psubusw(xmm0, xmm1); break;
        }
        if (op is VecOp.SQAdd or VecOp.UQAdd)
        {
            if (bytes) asm.paddb(xmm2, xmm1); else asm.paddw(xmm2, xmm1);
        }
        else
        {
            if (bytes) asm.psubb(xmm2, xmm1); else asm.psubw(xmm2, xmm1);
        }
        asm.pcmpeqb(xmm2, xmm0);
        asm.pmovmskb(eax, xmm2);
        var exact = asm.CreateLabel();
        asm.cmp(eax, 0xFFFF);
        asm.je(exact);
        asm.or(__dword_ptr[Context + ContextLayout.Fpsr], FpsrQc);
        asm.Label(ref exact);
        StoreVector(inst, bits);
    }
}
