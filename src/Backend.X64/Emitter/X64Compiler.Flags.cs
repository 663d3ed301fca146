using A64Jit.IR;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>
/// NZCV in Arm layout (N bit 31, Z bit 30, C bit 29, V bit 28). The IR states subtraction as
/// AddWithCarry(x, NOT y, 1), so the flags are those of an x86 addition: CF is Arm's C and OF is V.
/// </summary>
public sealed partial class X64Compiler
{
    void EmitAddCarryFlags32(Inst inst)
    {
        LoadAddWithCarry(inst, wide: false);
        asm.adc(eax, ecx);
        PackFlags(inst, withCarryAndOverflow: true);
    }

    void EmitAddCarryFlags64(Inst inst)
    {
        LoadAddWithCarry(inst, wide: true);
        asm.adc(rax, rcx);
        PackFlags(inst, withCarryAndOverflow: true);
    }

    void EmitLogicFlags32(Inst inst)
    {
        Load(eax, inst.Args[0]);
        asm.test(eax, eax);
        PackFlags(inst, withCarryAndOverflow: false);
    }

    void EmitLogicFlags64(Inst inst)
    {
        Load(rax, inst.Args[0]);
        asm.test(rax, rax);
        PackFlags(inst, withCarryAndOverflow: false);
    }

    /// <summary>
    /// Turns the live x86 SF, ZF (and CF, OF) into an NZCV word: lahf gives SF in bit 7, ZF in bit 6 and
    /// CF in bit 0 of ah. Uses only rax, rcx and rdx, which are never allocated to values.
    /// </summary>
    void PackFlags(Inst inst, bool withCarryAndOverflow)
    {
        if (withCarryAndOverflow)
            asm.seto(dl);
        asm.lahf();
        asm.movzx(ecx, ah);
        asm.mov(eax, ecx);
        asm.and(eax, 0xC0);
        asm.shl(eax, 24);
        if (withCarryAndOverflow)
        {
            asm.and(ecx, 1);
            asm.shl(ecx, 29);
            asm.or(eax, ecx);
            asm.movzx(edx, dl);
            asm.shl(edx, 28);
            asm.or(eax, edx);
        }
        Store(inst, rax);
    }

    /// <summary>ConditionHolds() on an NZCV word, computed with bit operations into 0 or 1.</summary>
    void EmitConditionHolds(Inst inst)
    {
        int cond = (int)inst.Aux & 0xF;
        Load(eax, inst.Args[0]);
        switch (cond >> 1)
        {
            case 0: // Z
                asm.shr(eax, 30);
                asm.and(eax, 1);
                break;
            case 1: // C
                asm.shr(eax, 29);
                asm.and(eax, 1);
                break;
            case 2: // N
                asm.shr(eax, 31);
                break;
            case 3: // V
                asm.shr(eax, 28);
                asm.and(eax, 1);
                break;
            case 4: // C && !Z
                asm.mov(ecx, eax);
                asm.shr(eax, 29);
                asm.shr(ecx, 30);
                asm.not(ecx);
                asm.and(eax, ecx);
                asm.and(eax, 1);
                break;
            case 5: // N == V
                asm.mov(ecx, eax);
                asm.shr(eax, 31);
                asm.shr(ecx, 28);
                asm.xor(eax, ecx);
                asm.not(eax);
                asm.and(eax, 1);
                break;
            case 6: // N == V && !Z
                asm.mov(ecx, eax);
                asm.mov(edx, eax);
                asm.shr(eax, 31);
                asm.shr(ecx, 28);
                asm.xor(eax, ecx);
                asm.shr(edx, 30);
                asm.or(eax, edx);
                asm.not(eax);
                asm.and(eax, 1);
                break;
            default: // AL, NV
                asm.mov(eax, 1);
                break;
        }
        if ((cond & 1) != 0 && cond != 0xF)
            asm.xor(eax, 1);
        Store(inst, rax);
    }
}
