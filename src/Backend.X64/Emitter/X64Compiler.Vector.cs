using A64Jit.IR;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>128-bit vector registers and the moves between 128-bit and 64-bit values.</summary>
public sealed partial class X64Compiler
{
    void EmitGetV(Inst inst)
    {
        asm.movdqa(xmm0, __xmmword_ptr[Context + ContextLayout.V((int)inst.Aux)]);
        asm.movdqa(Slot128(inst), xmm0);
    }

    void EmitSetV(Inst inst)
    {
        asm.movdqa(xmm0, Slot128(inst.Args[0]));
        asm.movdqa(__xmmword_ptr[Context + ContextLayout.V((int)inst.Aux)], xmm0);
    }

    void EmitLow64(Inst inst)
    {
        asm.mov(rax, Slot(inst.Args[0]));
        Store(inst, rax);
    }

    void EmitHigh64(Inst inst)
    {
        asm.mov(rax, SlotHigh(inst.Args[0]));
        Store(inst, rax);
    }

    /// <summary>Pack128(low, high).</summary>
    void EmitPack128(Inst inst)
    {
        // Built in xmm0 and stored whole: a 16-byte load of a slot written as two 8-byte halves cannot be
        // forwarded from the store buffer and stalls, and SetV (or the next vector op) loads it at once.
        var (low, high) = (inst.Args[0], inst.Args[1]);
        asm.movq(xmm0, InRegister(low, rax));
        if (!(high.IsConst && high.Aux == 0))
        {
            asm.movq(xmm1, InRegister(high, rax));
            asm.punpcklqdq(xmm0, xmm1);
        }
        asm.movdqa(Slot128(inst), xmm0);
    }
}
