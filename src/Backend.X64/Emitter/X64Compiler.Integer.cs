using A64Jit.IR;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>Integer arithmetic, logic, shifts and multiplication. 32-bit forms use 32-bit instructions,
/// which clear the upper half of the register, so results stay masked to U32.</summary>
public sealed partial class X64Compiler
{
    /// <summary>The register an instruction computes into: its own home register, else rax.</summary>
    AssemblerRegister64 Target(Inst inst) => registers.Register(inst) ?? rax;

    /// <summary>
    /// dst = a op b, computed straight into the result's register. The second operand is used where it
    /// is (a register or an immediate) unless the result register is that operand's own.
    /// </summary>
    void Binary64(Inst inst, Action<AssemblerRegister64, AssemblerRegister64> op, Action<AssemblerRegister64, int>? withImmediate = null)
    {
        var dst = Target(inst);
        var (a, b) = (inst.Args[0], inst.Args[1]);
        if (withImmediate is not null && b.IsConst && (long)b.Aux is >= int.MinValue and <= int.MaxValue)
        {
            Load(dst, a);
            withImmediate(dst, (int)(long)b.Aux);
        }
        else
        {
            var source = registers.Register(b) is { } rb && rb != dst ? rb : rcx;
            if (source == rcx)
                Load(rcx, b);
            Load(dst, a);
            op(dst, source);
        }
        Store(inst, dst);
    }

    void Binary32(Inst inst, Action<AssemblerRegister32, AssemblerRegister32> op, Action<AssemblerRegister32, int>? withImmediate = null)
    {
        var dst64 = Target(inst);
        var dst = Low32(dst64);
        var (a, b) = (inst.Args[0], inst.Args[1]);
        if (withImmediate is not null && b.IsConst)
        {
            Load(dst, a);
            withImmediate(dst, (int)(uint)b.Aux);
        }
        else
        {
            var source = registers.Register(b) is { } rb && rb != dst64 ? Low32(rb) : ecx;
            if (source == ecx)
                Load(ecx, b);
            Load(dst, a);
            op(dst, source);
        }
        Store(inst, dst64);
    }

    static readonly bool HostBmi2 = HostFeatures.Bmi2;

    /// <summary>
    /// Shifts: an immediate count when the count is a constant (masked as the register form masks it);
    /// else BMI2's three-operand shlx/shrx/sarx where the host has them (any count register, the source
    /// left as it is, the flags untouched), else cl.
    /// </summary>
    void Shift64(Inst inst, Action<AssemblerRegister64, AssemblerRegister8> byCl, Action<AssemblerRegister64, byte> byImmediate,
        Action<AssemblerRegister64, AssemblerRegister64, AssemblerRegister64>? bmi2 = null)
    {
        var dst = Target(inst);
        if (inst.Args[1].IsConst)
        {
            Load(dst, inst.Args[0]);
            byImmediate(dst, (byte)(inst.Args[1].Aux & 63));
        }
        else if (HostBmi2 && bmi2 is not null)
        {
            var (source, count) = Bmi2Operands(inst, dst);
            bmi2(dst, source, count);
        }
        else
        {
            Load(rcx, inst.Args[1]);
            Load(dst, inst.Args[0]);
            byCl(dst, cl);
        }
        Store(inst, dst);
    }

    void Shift32(Inst inst, Action<AssemblerRegister32, AssemblerRegister8> byCl, Action<AssemblerRegister32, byte> byImmediate,
        Action<AssemblerRegister32, AssemblerRegister32, AssemblerRegister32>? bmi2 = null)
    {
        var dst64 = Target(inst);
        var dst = Low32(dst64);
        if (inst.Args[1].IsConst)
        {
            Load(dst, inst.Args[0]);
            byImmediate(dst, (byte)(inst.Args[1].Aux & 31));
        }
        else if (HostBmi2 && bmi2 is not null)
        {
            var (source, count) = Bmi2Operands(inst, dst64);
            bmi2(dst, Low32(source), Low32(count));
        }
        else
        {
            Load(ecx, inst.Args[1]);
            Load(dst, inst.Args[0]);
            byCl(dst, cl);
        }
        Store(inst, dst64);
    }

    /// <summary>The source and count of a BMI2 shift: in their own registers, else the count in rcx and the source in dst.</summary>
    (AssemblerRegister64 Source, AssemblerRegister64 Count) Bmi2Operands(Inst inst, AssemblerRegister64 dst)
    {
        var count = InRegister(inst.Args[1], rcx);
        // The count may live in the result's register (its last use): keep it from the source's load.
        if (count == dst && (inst.Args[0].IsConst || registers.Register(inst.Args[0]) is null))
        {
            asm.mov(rcx, count);
            count = rcx;
        }
        return (InRegister(inst.Args[0], dst), count);
    }

    void EmitAdd32(Inst inst) => Binary32(inst, asm.add, asm.add);
    void EmitAdd64(Inst inst) => Binary64(inst, asm.add, asm.add);
    void EmitSub32(Inst inst) => Binary32(inst, asm.sub, asm.sub);
    void EmitSub64(Inst inst) => Binary64(inst, asm.sub, asm.sub);
    void EmitAnd32(Inst inst) => Binary32(inst, asm.and, asm.and);
    void EmitAnd64(Inst inst)
    {
        // x & 0xFFFFFFFF: a 32-bit move clears the upper half (the mask does not fit an imm32).
        if (inst.Args[1].IsConst && inst.Args[1].Aux == 0xFFFF_FFFF)
        {
            var dst = Target(inst);
            if (registers.Register(inst.Args[0]) is { } source)
                asm.mov(Low32(dst), Low32(source));
            else
                Load(Low32(dst), inst.Args[0]);
            Store(inst, dst);
            return;
        }
        Binary64(inst, asm.and, asm.and);
    }

    void EmitOr32(Inst inst) => Binary32(inst, asm.or, asm.or);
    void EmitOr64(Inst inst) => Binary64(inst, asm.or, asm.or);
    void EmitXor32(Inst inst) => Binary32(inst, asm.xor, asm.xor);
    void EmitXor64(Inst inst) => Binary64(inst, asm.xor, asm.xor);
    void EmitMul32(Inst inst) => Binary32(inst, asm.imul);
    void EmitMul64(Inst inst) => Binary64(inst, asm.imul);

    void EmitNot32(Inst inst)
    {
        var dst = Target(inst);
        Load(Low32(dst), inst.Args[0]);
        asm.not(Low32(dst));
        Store(inst, dst);
    }

    void EmitNot64(Inst inst)
    {
        var dst = Target(inst);
        Load(dst, inst.Args[0]);
        asm.not(dst);
        Store(inst, dst);
    }

    // x86 takes the shift count modulo 32 or 64 (in cl, or any register with BMI2), exactly as LSLV/LSRV/ASRV/RORV do.
    void EmitLsl32(Inst inst) => Shift32(inst, asm.shl, asm.shl, asm.shlx);
    void EmitLsl64(Inst inst) => Shift64(inst, asm.shl, asm.shl, asm.shlx);
    void EmitLsr32(Inst inst) => Shift32(inst, asm.shr, asm.shr, asm.shrx);
    void EmitLsr64(Inst inst) => Shift64(inst, asm.shr, asm.shr, asm.shrx);
    void EmitAsr32(Inst inst) => Shift32(inst, asm.sar, asm.sar, asm.sarx);
    void EmitAsr64(Inst inst) => Shift64(inst, asm.sar, asm.sar, asm.sarx);
    void EmitRor32(Inst inst) => RotateRight(inst, wide: false);
    void EmitRor64(Inst inst) => RotateRight(inst, wide: true);

    /// <summary>ROR: BMI2's rorx when the count is a constant and the source is in another register (no move, flags untouched).</summary>
    void RotateRight(Inst inst, bool wide)
    {
        var dst = Target(inst);
        var (value, count) = (inst.Args[0], inst.Args[1]);
        if (HostBmi2 && count.IsConst && !value.IsConst && registers.Register(value) is { } source && source != dst)
        {
            if (wide)
                asm.rorx(dst, source, (byte)(count.Aux & 63));
            else
                asm.rorx(Low32(dst), Low32(source), (byte)(count.Aux & 31));
            Store(inst, dst);
            return;
        }
        if (wide)
            Shift64(inst, asm.ror, asm.ror);
        else
            Shift32(inst, asm.ror, asm.ror);
    }

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
