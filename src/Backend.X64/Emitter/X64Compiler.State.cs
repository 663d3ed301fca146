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
        var dst = Target(inst);
        asm.mov(dst, GuestQword(ContextLayout.X((int)inst.Aux)));
        Store(inst, dst);
    }

    void EmitSetX(Inst inst)
    {
        if (inst.Aux > 30)
        {
            EmitGeneric(inst);
            return;
        }
        StoreGuestQword(ContextLayout.X((int)inst.Aux), inst.Args[0]);
    }

    void EmitGetSp(Inst inst)
    {
        var dst = Target(inst);
        asm.mov(dst, GuestQword(ContextLayout.Sp));
        Store(inst, dst);
    }

    void EmitSetSp(Inst inst)
    {
        StoreGuestQword(ContextLayout.Sp, inst.Args[0]);
    }

    void EmitGetSysRegSlot(Inst inst)
    {
        var dst = Target(inst);
        asm.mov(dst, GuestQword(ContextLayout.SysReg((int)inst.Aux)));
        Store(inst, dst);
    }

    /// <summary>Profiling: one more for counter Aux, in the table the context points at.</summary>
    void EmitCount(Inst inst)
    {
        asm.mov(rax, GuestQword(ContextLayout.ProfileCounters));
        asm.inc(__qword_ptr[rax + 8 * (int)inst.Aux]);
    }

    void EmitGetNzcv(Inst inst)
    {
        var dst = Target(inst);
        asm.mov(Low32(dst), GuestDword(ContextLayout.Nzcv));
        Store(inst, dst);
    }

    void EmitSetNzcv(Inst inst)
    {
        var value = inst.Args[0];
        if (value.IsConst)
            asm.mov(GuestDword(ContextLayout.Nzcv), (int)(uint)value.Aux);
        else
            asm.mov(GuestDword(ContextLayout.Nzcv), Low32(InRegister(value, rax)));
    }

    /// <summary>Writes a value to a guest-state qword: an immediate, its register, or through rax.</summary>
    void StoreGuestQword(int offset, Inst value) => StoreQword(GuestQword(offset), value);

    /// <summary>Writes a value to a qword in memory: an immediate, its register, or through rax.</summary>
    void StoreQword(Iced.Intel.AssemblerMemoryOperand target, Inst value)
    {
        if (value.IsConst && (long)(value.Aux & value.Type.Mask()) is >= int.MinValue and <= int.MaxValue)
            asm.mov(target, (int)(long)(value.Aux & value.Type.Mask()));
        else if (!value.IsConst && registers.Register(value) is { } reg)
            asm.mov(target, reg);
        else
        {
            Load(rax, value);
            asm.mov(target, rax);
        }
    }
}
