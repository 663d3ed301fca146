using A64Jit.IR;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>Width changes. Slots hold values masked to their type, so zero extension is a copy.</summary>
public sealed partial class X64Compiler
{
    void EmitCopy(Inst inst)
    {
        Load(rax, inst.Args[0]);
        Store(inst, rax);
    }

    void EmitSignExtend8To32(Inst inst)
    {
        Load(eax, inst.Args[0]);
        asm.movsx(eax, al);
        Store(inst, rax);
    }

    void EmitSignExtend16To32(Inst inst)
    {
        Load(eax, inst.Args[0]);
        asm.movsx(eax, ax);
        Store(inst, rax);
    }

    void EmitSignExtend8To64(Inst inst)
    {
        Load(eax, inst.Args[0]);
        asm.movsx(rax, al);
        Store(inst, rax);
    }

    void EmitSignExtend16To64(Inst inst)
    {
        Load(eax, inst.Args[0]);
        asm.movsx(rax, ax);
        Store(inst, rax);
    }

    void EmitSignExtend32To64(Inst inst)
    {
        Load(eax, inst.Args[0]);
        asm.movsxd(rax, eax);
        Store(inst, rax);
    }

    void EmitTruncateTo8(Inst inst)
    {
        Load(eax, inst.Args[0]);
        asm.movzx(eax, al);
        Store(inst, rax);
    }

    void EmitTruncateTo16(Inst inst)
    {
        Load(eax, inst.Args[0]);
        asm.movzx(eax, ax);
        Store(inst, rax);
    }

    void EmitTruncate64To32(Inst inst)
    {
        Load(eax, inst.Args[0]);
        Store(inst, rax);
    }
}
