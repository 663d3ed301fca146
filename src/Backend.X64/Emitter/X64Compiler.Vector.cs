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
        StoreQword(Slot(inst), inst.Args[0]);
        StoreQword(SlotHigh(inst), inst.Args[1]);
    }
}
