using A64Jit.IR;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>Constants and guest register state.</summary>
public sealed partial class X64Compiler
{
    void EmitConst(Inst inst)
    {
        ulong value = inst.Aux & inst.Type.Mask();
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
        asm.mov(rax, GuestQword(GuestStateLayout.X((int)inst.Aux)));
        Store(inst, rax);
    }

    void EmitSetX(Inst inst)
    {
        Load(rax, inst.Args[0]);
        asm.mov(GuestQword(GuestStateLayout.X((int)inst.Aux)), rax);
    }

    void EmitGetSp(Inst inst)
    {
        asm.mov(rax, GuestQword(GuestStateLayout.Sp));
        Store(inst, rax);
    }

    void EmitSetSp(Inst inst)
    {
        Load(rax, inst.Args[0]);
        asm.mov(GuestQword(GuestStateLayout.Sp), rax);
    }

    void EmitGetNzcv(Inst inst)
    {
        asm.mov(eax, GuestDword(GuestStateLayout.Nzcv));
        Store(inst, rax);
    }

    void EmitSetNzcv(Inst inst)
    {
        Load(eax, inst.Args[0]);
        asm.mov(GuestDword(GuestStateLayout.Nzcv), eax);
    }
}
