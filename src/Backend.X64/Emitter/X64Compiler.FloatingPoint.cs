using System.Runtime.Intrinsics.X86;
using A64Jit.IR;
using A64Jit.IR.Semantics;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>
/// Single- and double-precision add, subtract, multiply, divide and fused multiply-add with SSE, scalar
/// and on 64- and 128-bit vectors (FADD/FSUB/FMUL/FDIV/FMLA/FMLS .2S/.4S/.2D), in the one case where x86
/// and Arm agree bit for bit: FPCR in its default mode (round to nearest, no
/// flush-to-zero, no default NaN) and a finite, normal result that raised no exception except inexact.
/// The host's MXCSR flags are cleared before the operation and read after it; inexact becomes FPSR.IXC.
/// Anything else (a NaN, an infinity, a zero or subnormal result or operand, invalid, overflow,
/// underflow, another rounding mode) runs the exact Arm semantics through the generic helper instead. A
/// vector takes the fast path only when every lane's result passes.
/// </summary>
public sealed partial class X64Compiler
{
    static readonly bool HostFma = HostFeatures.Fma;

    /// <summary>FPCR bits that change results: AHP, DN, FZ and RMode.</summary>
    const int FpcrNonDefault = 0x07C0_0000;
    const int MxcsrExceptionFlags = 0x1F, MxcsrInexact = 0x20, FpsrInexact = 0x10;

    static bool CanEmitFloatingPoint(Inst inst)
    {
        var aux = SimdAux.Unpack(inst.Aux);
        int bits = aux.ESize * aux.Lanes;
        if (inst.Op == Opcode.FpUnary)
            return IsVectorConversion(aux);
        if (aux.ESize is not (32 or 64) || aux.Mode != SimdAux.FromFpcr || (aux.Lanes > 1 && bits is not (64 or 128)))
            return false;
        return inst.Op switch
        {
            // A 64-bit vector computes on zero upper lanes too: 0/0 would raise invalid every time.
            Opcode.FpBinary => (FpOp)aux.Op is FpOp.Add or FpOp.Sub or FpOp.Mul || IsFloatingPointCompare((FpOp)aux.Op)
                || IsFloatingPointMinMax((FpOp)aux.Op) || ((FpOp)aux.Op == FpOp.Div && (aux.Lanes == 1 || bits == 128)),
            Opcode.FpTernary => HostFma && (FpOp)aux.Op is FpOp.MulAdd or FpOp.MulSub or FpOp.NMulAdd or FpOp.NMulSub,
            _ => false,
        };
    }

    void EmitFloatingPoint(Inst inst)
    {
        var aux = SimdAux.Unpack(inst.Aux);
        if (inst.Op == Opcode.FpUnary)
        {
            EmitVectorConversion(inst, aux);
            return;
        }
        if (inst.Op == Opcode.FpBinary && IsFloatingPointCompare((FpOp)aux.Op))
        {
            EmitFloatingPointCompare(inst, aux);
            return;
        }
        if (inst.Op == Opcode.FpBinary && IsFloatingPointMinMax((FpOp)aux.Op))
        {
            EmitFloatingPointMinMax(inst, aux);
            return;
        }
        if (aux.Lanes > 1)
        {
            EmitVectorFloatingPoint(inst, aux);
            return;
        }
        bool dbl = aux.ESize == 64;
        var slow = asm.CreateLabel();
        BeginHostFp(slow);
        LoadScalar(xmm0, inst.Args[0], dbl);
        LoadScalar(xmm1, inst.Args[1], dbl);
        var op = (FpOp)aux.Op;
        if (inst.Op == Opcode.FpTernary)
        {
            // (addend, op1, op2): xmm0 = ±(op1 × op2) ± addend, fused.
            LoadScalar(xmm2, inst.Args[2], dbl);
            switch (op)
            {
                case FpOp.MulAdd: if (dbl) asm.vfmadd231sd(xmm0, xmm1, xmm2); else asm.vfmadd231ss(xmm0, xmm1, xmm2); break;
                case FpOp.MulSub: if (dbl) asm.vfnmadd231sd(xmm0, xmm1, xmm2); else asm.vfnmadd231ss(xmm0, xmm1, xmm2); break;
                case FpOp.NMulAdd: if (dbl) asm.vfnmsub231sd(xmm0, xmm1, xmm2); else asm.vfnmsub231ss(xmm0, xmm1, xmm2); break;
                default: if (dbl) asm.vfmsub231sd(xmm0, xmm1, xmm2); else asm.vfmsub231ss(xmm0, xmm1, xmm2); break;
            }
        }
        else
        {
            switch (op)
            {
                case FpOp.Add: if (dbl) asm.addsd(xmm0, xmm1); else asm.addss(xmm0, xmm1); break;
                case FpOp.Sub: if (dbl) asm.subsd(xmm0, xmm1); else asm.subss(xmm0, xmm1); break;
                case FpOp.Mul: if (dbl) asm.mulsd(xmm0, xmm1); else asm.mulss(xmm0, xmm1); break;
                default: if (dbl) asm.divsd(xmm0, xmm1); else asm.divss(xmm0, xmm1); break;
            }
        }
        CheckHostFpFlags(slow);
        // Only a normal result above the smallest normal magnitude is certain to agree (Arm detects
        // tininess before rounding, x86 after); zeros, subnormals, infinities and NaNs take the slow path.
        if (dbl)
        {
            asm.movq(rax, xmm0);
            asm.shr(rax, 52);
            asm.and(eax, 0x7FF);
            asm.cmp(eax, 1);
            asm.jbe(slow);
            asm.cmp(eax, 0x7FF);
        }
        else
        {
            asm.movd(eax, xmm0);
            asm.shr(eax, 23);
            asm.and(eax, 0xFF);
            asm.cmp(eax, 1);
            asm.jbe(slow);
            asm.cmp(eax, 0xFF);
        }
        asm.je(slow);
        EndHostFp(inst, slow);
    }

    static AssemblerMemoryOperand MxcsrScratch => __dword_ptr[Context + ContextLayout.MxcsrScratch];

    /// <summary>The fast path's entry: FPCR must be in its default mode (else the exact helper runs); MXCSR's flags are cleared.</summary>
    void BeginHostFp(Label slow)
    {
        asm.test(__dword_ptr[Context + ContextLayout.Fpcr], FpcrNonDefault);
        asm.jnz(slow);
        // The host's sticky flags must be clear before the operation. They usually are (the last host
        // operation raised nothing), so MXCSR is written, which is slow, only when some flag is set.
        var dirty = asm.CreateLabel();
        var clean = asm.CreateLabel();
        asm.stmxcsr(MxcsrScratch);
        asm.test(MxcsrScratch, MxcsrExceptionFlags | MxcsrInexact);
        asm.jnz(dirty);
        asm.Label(ref clean);
        outOfLine.Add(() =>
        {
            asm.Label(ref dirty);
            asm.and(MxcsrScratch, ~(MxcsrExceptionFlags | MxcsrInexact));
            asm.ldmxcsr(MxcsrScratch);
            asm.jmp(clean);
        });
    }

    /// <summary>After the host operation: any exception flag but inexact sends the instruction to the exact helper.</summary>
    void CheckHostFpFlags(Label slow)
    {
        asm.stmxcsr(MxcsrScratch);
        asm.test(MxcsrScratch, MxcsrExceptionFlags);
        asm.jnz(slow);
    }

    /// <summary>The fast path's exit with the result in xmm0 (inexact becomes FPSR.IXC), and the exact Arm semantics out of line for the rest.</summary>
    void EndHostFp(Inst inst, Label slow)
    {
        var done = asm.CreateLabel();
        var exact = asm.CreateLabel();
        asm.test(MxcsrScratch, MxcsrInexact);
        asm.jz(exact);
        asm.or(__dword_ptr[Context + ContextLayout.Fpsr], FpsrInexact);
        asm.Label(ref exact);
        asm.movdqa(Slot128(inst), xmm0);
        asm.Label(ref done);
        int id = InstTable.Add(inst);
        OutOfLineHelperCall(inst, slow, done, JitHelpers.Evaluate, () =>
        {
            asm.mov(esi, id);
            asm.mov(rdx, rsp);
        });
    }

    /// <summary>The vector forms: all lanes at once, then every active lane's result checked as the scalar form checks one.</summary>
    void EmitVectorFloatingPoint(Inst inst, SimdAux aux)
    {
        bool dbl = aux.ESize == 64;
        bool wide = aux.ESize * aux.Lanes == 128;
        var slow = asm.CreateLabel();
        BeginHostFp(slow);
        LoadOperand(xmm0, inst.Args[0], wide);
        LoadOperand(xmm1, inst.Args[1], wide);
        var op = (FpOp)aux.Op;
        if (inst.Op == Opcode.FpTernary)
        {
            LoadOperand(xmm2, inst.Args[2], wide);
            switch (op)
            {
                case FpOp.MulAdd: if (dbl) asm.vfmadd231pd(xmm0, xmm1, xmm2); else asm.vfmadd231ps(xmm0, xmm1, xmm2); break;
                case FpOp.MulSub: if (dbl) asm.vfnmadd231pd(xmm0, xmm1, xmm2); else asm.vfnmadd231ps(xmm0, xmm1, xmm2); break;
                case FpOp.NMulAdd: if (dbl) asm.vfnmsub231pd(xmm0, xmm1, xmm2); else asm.vfnmsub231ps(xmm0, xmm1, xmm2); break;
                default: if (dbl) asm.vfmsub231pd(xmm0, xmm1, xmm2); else asm.vfmsub231ps(xmm0, xmm1, xmm2); break;
            }
        }
        else
        {
            switch (op)
            {
                case FpOp.Add: if (dbl) asm.addpd(xmm0, xmm1); else asm.addps(xmm0, xmm1); break;
                case FpOp.Sub: if (dbl) asm.subpd(xmm0, xmm1); else asm.subps(xmm0, xmm1); break;
                case FpOp.Mul: if (dbl) asm.mulpd(xmm0, xmm1); else asm.mulps(xmm0, xmm1); break;
                default: if (dbl) asm.divpd(xmm0, xmm1); else asm.divps(xmm0, xmm1); break;
            }
        }
        CheckHostFpFlags(slow);
        // Each lane's biased exponent must lie strictly between 1 and all-ones (as in the scalar check).
        asm.movdqa(xmm1, xmm0);
        if (dbl)
        {
            // The 11-bit exponent lands in the low dword of each quadword, whose high dword becomes zero.
            asm.psllq(xmm1, 1);
            asm.psrlq(xmm1, 53);
        }
        else
        {
            asm.pslld(xmm1, 1);
            asm.psrld(xmm1, 24);
        }
        asm.movdqa(xmm2, xmm1);
        LoadBroadcast(xmm3, 1, 32);
        asm.pcmpgtd(xmm2, xmm3);
        LoadBroadcast(xmm3, dbl ? 0x7FFUL : 0xFFUL, 32);
        asm.pcmpgtd(xmm3, xmm1);
        asm.pand(xmm2, xmm3);
        asm.movmskps(eax, xmm2);
        int lanes = dbl ? 0b0101 : (1 << aux.Lanes) - 1;
        asm.and(eax, lanes);
        asm.cmp(eax, lanes);
        asm.jne(slow);
        EndHostFp(inst, slow);
    }

    /// <summary>A vector operand: all 16 bytes, or the low 8 with the rest of the register zero.</summary>
    void LoadOperand(AssemblerRegisterXMM reg, Inst value, bool wide)
    {
        if (wide)
            asm.movdqa(reg, Slot128(value));
        else
            asm.movq(reg, Slot(value));
    }

    /// <summary>Loads the low element of a vector slot with the rest of the register zero.</summary>
    void LoadScalar(AssemblerRegisterXMM reg, Inst value, bool dbl)
    {
        if (dbl)
            asm.movq(reg, Slot(value));
        else
            asm.movd(reg, Slot32(value));
    }
}
