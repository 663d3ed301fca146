using A64Jit.IR;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>Integer arithmetic, logic, shifts and multiplication. 32-bit forms use 32-bit instructions,
/// which clear the upper half of the register, so results stay masked to U32.</summary>
public sealed partial class X64Compiler
{
    void Binary32(Inst inst, Action<AssemblerRegister32, AssemblerRegister32> op)
    {
        Load(eax, inst.Args[0]);
        Load(ecx, inst.Args[1]);
        op(eax, ecx);
        Store(inst, rax);
    }

    void Binary64(Inst inst, Action<AssemblerRegister64, AssemblerRegister64> op)
    {
        Load(rax, inst.Args[0]);
        Load(rcx, inst.Args[1]);
        op(rax, rcx);
        Store(inst, rax);
    }

    void EmitAdd32(Inst inst) => Binary32(inst, asm.add);
    void EmitAdd64(Inst inst) => Binary64(inst, asm.add);
    void EmitSub32(Inst inst) => Binary32(inst, asm.sub);
    void EmitSub64(Inst inst) => Binary64(inst, asm.sub);
    void EmitAnd32(Inst inst) => Binary32(inst, asm.and);
    void EmitAnd64(Inst inst) => Binary64(inst, asm.and);
    void EmitOr32(Inst inst) => Binary32(inst, asm.or);
    void EmitOr64(Inst inst) => Binary64(inst, asm.or);
    void EmitXor32(Inst inst) => Binary32(inst, asm.xor);
    void EmitXor64(Inst inst) => Binary64(inst, asm.xor);
    void EmitMul32(Inst inst) => Binary32(inst, asm.imul);
    void EmitMul64(Inst inst) => Binary64(inst, asm.imul);

    void EmitNot32(Inst inst)
    {
        Load(eax, inst.Args[0]);
        asm.not(eax);
        Store(inst, rax);
    }

    void EmitNot64(Inst inst)
    {
        Load(rax, inst.Args[0]);
        asm.not(rax);
        Store(inst, rax);
    }

    // x86 takes the shift count in cl modulo 32 or 64, exactly as LSLV/LSRV/ASRV/RORV do.
    void EmitLsl32(Inst inst) => Binary32(inst, (d, _) => asm.shl(d, cl));
    void EmitLsl64(Inst inst) => Binary64(inst, (d, _) => asm.shl(d, cl));
    void EmitLsr32(Inst inst) => Binary32(inst, (d, _) => asm.shr(d, cl));
    void EmitLsr64(Inst inst) => Binary64(inst, (d, _) => asm.shr(d, cl));
    void EmitAsr32(Inst inst) => Binary32(inst, (d, _) => asm.sar(d, cl));
    void EmitAsr64(Inst inst) => Binary64(inst, (d, _) => asm.sar(d, cl));
    void EmitRor32(Inst inst) => Binary32(inst, (d, _) => asm.ror(d, cl));
    void EmitRor64(Inst inst) => Binary64(inst, (d, _) => asm.ror(d, cl));

    /// <summary>Loads a + b + carry's operands and leaves x86 CF = carry, ready for adc.</summary>
    void LoadAddWithCarry(Inst inst, bool wide)
    {
        if (wide)
        {
            Load(rax, inst.Args[0]);
            Load(rcx, inst.Args[1]);
        }
        else
        {
            Load(eax, inst.Args[0]);
            Load(ecx, inst.Args[1]);
        }
        Load(edx, inst.Args[2]);
        asm.bt(edx, 0);
    }

    void EmitAddCarry32(Inst inst)
    {
        LoadAddWithCarry(inst, wide: false);
        asm.adc(eax, ecx);
        Store(inst, rax);
    }

    void EmitAddCarry64(Inst inst)
    {
        LoadAddWithCarry(inst, wide: true);
        asm.adc(rax, rcx);
        Store(inst, rax);
    }
}
