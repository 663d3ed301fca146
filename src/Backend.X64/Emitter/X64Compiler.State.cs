using A64Jit.IR;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>Constants and guest register state.</summary>
public sealed partial class X64Compiler
{
    /// <summary>Constants are immediates where they are used; only a helper reading one from the frame needs it stored.</summary>
    void EmitConst(Inst inst)
    {
        if (!registers.SlotOnly(inst))
            return;
        ulong value = inst.Aux & inst.Type.Mask();
        if (inst.Type == IrType.U128)
            asm.mov(SlotHigh(inst), 0);
        if ((long)value is >= int.MinValue and <= int.MaxValue)
            asm.mov(Slot(inst), (int)(long)value);
        else
        {
            asm.mov(rax, value);
            Store(inst, rax);
        }
    }

    void EmitGetX(Inst inst)
    {
        if (inst.Aux > 30)
        {
            EmitGeneric(inst);
            return;
        }
        asm.mov(rax, GuestQword(ContextLayout.X((int)inst.Aux)));
        Store(inst, rax);
    }

    void EmitSetX(Inst inst)
    {
        if (inst.Aux > 30)
        {
            EmitGeneric(inst);
            return;
        }
        Load(rax, inst.Args[0]);
        asm.mov(GuestQword(ContextLayout.X((int)inst.Aux)), rax);
    }

    void EmitGetSp(Inst inst)
    {
        asm.mov(rax, GuestQword(ContextLayout.Sp));
        Store(inst, rax);
    }

    void EmitSetSp(Inst inst)
    {
        Load(rax, inst.Args[0]);
        asm.mov(GuestQword(ContextLayout.Sp), rax);
    }

    void EmitGetNzcv(Inst inst)
    {
        asm.mov(eax, GuestDword(ContextLayout.Nzcv));
        Store(inst, rax);
    }

    void EmitSetNzcv(Inst inst)
    {
        Load(eax, inst.Args[0]);
        asm.mov(GuestDword(ContextLayout.Nzcv), eax);
    }
}
