using A64Jit.IR;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>
/// Width changes, computed straight into the result's register. Registers and slots hold values masked
/// to their type, so a zero extension is a copy (none at all when the allocator gave the result its
/// operand's register).
/// </summary>
public sealed partial class X64Compiler
{
    void EmitCopy(Inst inst)
    {
        var dst = Target(inst);
        Load(dst, inst.Args[0]);
        Store(inst, dst);
    }

    void EmitSignExtend8To32(Inst inst)
    {
        var dst = Target(inst);
        Load(Low32(dst), inst.Args[0]);
        asm.movsx(Low32(dst), Low8(dst));
        Store(inst, dst);
    }

    void EmitSignExtend16To32(Inst inst)
    {
        var dst = Target(inst);
        Load(Low32(dst), inst.Args[0]);
        asm.movsx(Low32(dst), Low16(dst));
        Store(inst, dst);
    }

    void EmitSignExtend8To64(Inst inst)
    {
        var dst = Target(inst);
        Load(Low32(dst), inst.Args[0]);
        asm.movsx(dst, Low8(dst));
        Store(inst, dst);
    }

    void EmitSignExtend16To64(Inst inst)
    {
        var dst = Target(inst);
        Load(Low32(dst), inst.Args[0]);
        asm.movsx(dst, Low16(dst));
        Store(inst, dst);
    }

    void EmitSignExtend32To64(Inst inst)
    {
        var dst = Target(inst);
        if (registers.Register(inst.Args[0]) is { } source && !inst.Args[0].IsConst)
            asm.movsxd(dst, Low32(source));
        else
        {
            Load(Low32(dst), inst.Args[0]);
            asm.movsxd(dst, Low32(dst));
        }
        Store(inst, dst);
    }

    void EmitTruncateTo8(Inst inst)
    {
        var dst = Target(inst);
        if (registers.Register(inst.Args[0]) is { } source && !inst.Args[0].IsConst)
            asm.movzx(Low32(dst), Low8(source));
        else
        {
            Load(Low32(dst), inst.Args[0]);
            asm.movzx(Low32(dst), Low8(dst));
        }
        Store(inst, dst);
    }

    void EmitTruncateTo16(Inst inst)
    {
        var dst = Target(inst);
        if (registers.Register(inst.Args[0]) is { } source && !inst.Args[0].IsConst)
            asm.movzx(Low32(dst), Low16(source));
        else
        {
            Load(Low32(dst), inst.Args[0]);
            asm.movzx(Low32(dst), Low16(dst));
        }
        Store(inst, dst);
    }

    void EmitTruncate64To32(Inst inst)
    {
        var dst = Target(inst);
        Load(Low32(dst), inst.Args[0]);
        Store(inst, dst);
    }
}
