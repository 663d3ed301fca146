using A64Jit.IR;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>
/// Division, high multiplication, bit counting and byte reversal. Arm's divisions never trap: a zero
/// divisor gives 0 and the signed overflow (MIN / -1) gives MIN, so both are tested before x86's div.
/// </summary>
public sealed partial class X64Compiler
{
    void EmitDivide(Inst inst, bool wide, bool signed)
    {
        var zero = asm.CreateLabel();
        var done = asm.CreateLabel();
        if (wide)
        {
            Load(rax, inst.Args[0]);
            Load(rcx, inst.Args[1]);
            asm.test(rcx, rcx);
            asm.jz(zero);
            if (signed)
            {
                // MIN / -1 overflows x86's idiv; Arm gives MIN, which is also what a negation leaves.
                var divide = asm.CreateLabel();
                asm.cmp(rcx, -1);
                asm.jne(divide);
                asm.neg(rax);
                asm.jmp(done);
                asm.Label(ref divide);
                asm.cqo();
                asm.idiv(rcx);
            }
            else
            {
                asm.xor(edx, edx);
                asm.div(rcx);
            }
        }
        else
        {
            Load(eax, inst.Args[0]);
            Load(ecx, inst.Args[1]);
            asm.test(ecx, ecx);
            asm.jz(zero);
            if (signed)
            {
                var divide = asm.CreateLabel();
                asm.cmp(ecx, -1);
                asm.jne(divide);
                asm.neg(eax);
                asm.jmp(done);
                asm.Label(ref divide);
                asm.cdq();
                asm.idiv(ecx);
            }
            else
            {
                asm.xor(edx, edx);
                asm.div(ecx);
            }
        }
        asm.jmp(done);
        asm.Label(ref zero);
        asm.xor(eax, eax);
        asm.Label(ref done);
        if (!wide)
            asm.mov(eax, eax);
        Store(inst, rax);
    }

    void EmitMulHigh(Inst inst, bool signed)
    {
        Load(rax, inst.Args[0]);
        Load(rcx, inst.Args[1]);
        if (signed)
            asm.imul(rcx);
        else
            asm.mul(rcx);
        Store(inst, rdx);
    }

    static readonly bool HostLzcnt = HostFeatures.Lzcnt;

    /// <summary>Count leading zeros: LZCNT where the host has it (it gives the width for 0, as CLZ does); else bsr, which leaves the index of the top set bit (undefined for 0).</summary>
    void EmitClz(Inst inst, bool wide)
    {
        int bits = wide ? 64 : 32;
        Load(rcx, inst.Args[0]);
        if (HostLzcnt)
        {
            if (wide)
                asm.lzcnt(rax, rcx);
            else
                asm.lzcnt(eax, ecx);
            Store(inst, rax);
            return;
        }
        asm.mov(eax, bits);
        var done = asm.CreateLabel();
        if (wide)
        {
            asm.test(rcx, rcx);
            asm.jz(done);
            asm.bsr(rax, rcx);
        }
        else
        {
            asm.test(ecx, ecx);
            asm.jz(done);
            asm.bsr(eax, ecx);
        }
        asm.xor(eax, bits - 1);
        asm.Label(ref done);
        Store(inst, rax);
    }

    void EmitByteReverse(Inst inst, bool wide)
    {
        if (wide)
        {
            Load(rax, inst.Args[0]);
            asm.bswap(rax);
        }
        else
        {
            Load(eax, inst.Args[0]);
            asm.bswap(eax);
        }
        Store(inst, rax);
    }
}
