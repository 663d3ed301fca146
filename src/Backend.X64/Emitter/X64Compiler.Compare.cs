using A64Jit.IR;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>Comparisons into U1 and selection.</summary>
public sealed partial class X64Compiler
{
    void EmitEq32(Inst inst) => EmitCompare(inst, wide: false, asm.sete);
    void EmitEq64(Inst inst) => EmitCompare(inst, wide: true, asm.sete);
    void EmitULessThan64(Inst inst) => EmitCompare(inst, wide: true, asm.setb);
    void EmitSLessThan64(Inst inst) => EmitCompare(inst, wide: true, asm.setl);

    /// <summary>cmp of the two arguments, then the given setcc into a u1.</summary>
    void EmitCompare(Inst inst, bool wide, Action<Iced.Intel.AssemblerRegister8> setcc)
    {
        if (wide)
        {
            Load(rax, inst.Args[0]);
            Load(rcx, inst.Args[1]);
            asm.cmp(rax, rcx);
        }
        else
        {
            Load(eax, inst.Args[0]);
            Load(ecx, inst.Args[1]);
            asm.cmp(eax, ecx);
        }
        setcc(al);
        StoreBool(inst);
    }

    void EmitNotU1(Inst inst)
    {
        Load(eax, inst.Args[0]);
        asm.xor(eax, 1);
        Store(inst, rax);
    }

    void EmitSelect(Inst inst)
    {
        if (inst.Type == IrType.U128)
        {
            EmitGeneric(inst);
            return;
        }
        if (fusedSelects.Contains(inst))
        {
            EmitFusedSelect(inst);
            return;
        }
        Load(ecx, inst.Args[0]);
        Load(rax, inst.Args[1]);
        Load(rdx, inst.Args[2]);
        asm.test(ecx, ecx);
        asm.cmovz(rax, rdx);
        Store(inst, rax);
    }

    void StoreBool(Inst inst)
    {
        asm.movzx(eax, al);
        Store(inst, rax);
    }
}
