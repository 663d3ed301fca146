using System.Runtime.Intrinsics.X86;
using A64Jit.IR;
using A64Jit.IR.Semantics;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>
/// Advanced SIMD integer operations with an SSE form: element moves, lane-wise arithmetic and logic on
/// whole 64- or 128-bit vectors, shifts by immediate, widening. Vectors live in their 16-byte slots;
/// xmm0 and xmm1 are scratch. A form without an exact SSE equivalent on this host (8-bit shifts, 64-bit
/// arithmetic shifts, a 32-bit scalar result) goes through the generic helper.
/// </summary>
public sealed partial class X64Compiler
{
    static readonly bool HostSse41 = Sse41.IsSupported;
    static readonly bool HostSse42 = Sse42.IsSupported;

    /// <summary>Whether this SIMD instruction has an SSE emitter (else the generic helper runs it).</summary>
    static bool CanEmitSimd(Inst inst)
    {
        var aux = SimdAux.Unpack(inst.Aux);
        int n = aux.ESize, bits = aux.ESize * aux.Lanes;
        switch (inst.Op)
        {
            case Opcode.VecGetElement:
            case Opcode.VecSetElement:
                return n is 8 or 16 or 32 or 64;
            case Opcode.VecDup:
                return n is 8 or 16 or 32 or 64 && bits is 64 or 128;
            case Opcode.VecBinary:
                if (bits is not (64 or 128))
                    return false;
                return (VecOp)aux.Op switch
                {
                    VecOp.Add or VecOp.Sub => n is 8 or 16 or 32 or 64,
                    VecOp.And or VecOp.Bic or VecOp.Orr or VecOp.Orn or VecOp.Eor => true,
                    VecOp.Mul => n == 16 || (n == 32 && HostSse41),
                    VecOp.CmEq => n is 8 or 16 or 32 || (n == 64 && HostSse41),
                    VecOp.CmGt => n is 8 or 16 or 32 || (n == 64 && HostSse42),
                    _ => false,
                };
            case Opcode.VecUnary:
                return (VecOp)aux.Op switch
                {
                    VecOp.Not => bits is 64 or 128,
                    VecOp.Neg => bits is 64 or 128 && n is 8 or 16 or 32 or 64,
                    VecOp.ShlImm or VecOp.UShrImm => bits is 64 or 128 && n is 16 or 32 or 64,
                    VecOp.SShrImm => bits is 64 or 128 && n is 16 or 32,
                    VecOp.SWiden or VecOp.UWiden => HostSse41 && 2 * bits is 64 or 128 && n is 8 or 16 or 32,
                    _ => false,
                };
            default:
                return false;
        }
    }

    static AssemblerMemoryOperand SlotAt(Inst inst, int byteOffset, int size) => size switch
    {
        1 => __byte_ptr[rsp + inst.Index * 16 + byteOffset],
        2 => __word_ptr[rsp + inst.Index * 16 + byteOffset],
        4 => __dword_ptr[rsp + inst.Index * 16 + byteOffset],
        _ => __qword_ptr[rsp + inst.Index * 16 + byteOffset],
    };

    void EmitVecGetElement(Inst inst)
    {
        var aux = SimdAux.Unpack(inst.Aux);
        int bytes = aux.ESize / 8;
        var source = SlotAt(inst.Args[0], aux.Imm * bytes, bytes);
        var dst = Target(inst);
        switch (bytes)
        {
            case 1: asm.movzx(Low32(dst), source); break;
            case 2: asm.movzx(Low32(dst), source); break;
            case 4: asm.mov(Low32(dst), source); break;
            default: asm.mov(dst, source); break;
        }
        Store(inst, dst);
    }

    void EmitVecSetElement(Inst inst)
    {
        var aux = SimdAux.Unpack(inst.Aux);
        int bytes = aux.ESize / 8;
        asm.movdqa(xmm0, Slot128(inst.Args[0]));
        if (HostSse41 || bytes == 2)
        {
            // The element inserted in xmm0 and the vector stored whole (no partial store for the next
            // 16-byte load to stall on).
            var value = InRegister(inst.Args[1], rax);
            switch (bytes)
            {
                case 1: asm.pinsrb(xmm0, Low32(value), (byte)aux.Imm); break;
                case 2: asm.pinsrw(xmm0, Low32(value), (byte)aux.Imm); break;
                case 4: asm.pinsrd(xmm0, Low32(value), (byte)aux.Imm); break;
                default: asm.pinsrq(xmm0, value, (byte)aux.Imm); break;
            }
            asm.movdqa(Slot128(inst), xmm0);
            return;
        }
        asm.movdqa(Slot128(inst), xmm0);
        Load(rax, inst.Args[1]);
        var target = SlotAt(inst, aux.Imm * bytes, bytes);
        switch (bytes)
        {
            case 1: asm.mov(target, al); break;
            case 2: asm.mov(target, ax); break;
            case 4: asm.mov(target, eax); break;
            default: asm.mov(target, rax); break;
        }
    }

    void EmitVecDup(Inst inst)
    {
        var aux = SimdAux.Unpack(inst.Aux);
        Load(rax, inst.Args[0]);
        ulong spread = aux.ESize switch { 8 => 0x0101_0101_0101_0101, 16 => 0x0001_0001_0001_0001, 32 => 0x0000_0001_0000_0001, _ => 1 };
        switch (aux.ESize)
        {
            case 8: asm.movzx(eax, al); break;
            case 16: asm.movzx(eax, ax); break;
            case 32: asm.mov(eax, eax); break;
        }
        if (spread != 1)
        {
            asm.mov(rcx, spread);
            asm.imul(rax, rcx);
        }
        asm.movq(xmm0, rax);
        if (aux.ESize * aux.Lanes == 128)
            asm.punpcklqdq(xmm0, xmm0);
        asm.movdqa(Slot128(inst), xmm0);
    }

    void EmitVecBinary(Inst inst)
    {
        var aux = SimdAux.Unpack(inst.Aux);
        int n = aux.ESize;
        asm.movdqa(xmm0, Slot128(inst.Args[0]));
        asm.movdqa(xmm1, Slot128(inst.Args[1]));
        switch ((VecOp)aux.Op)
        {
            case VecOp.Add:
                if (n == 8) asm.paddb(xmm0, xmm1); else if (n == 16) asm.paddw(xmm0, xmm1);
                else if (n == 32) asm.paddd(xmm0, xmm1); else asm.paddq(xmm0, xmm1);
                break;
            case VecOp.Sub:
                if (n == 8) asm.psubb(xmm0, xmm1); else if (n == 16) asm.psubw(xmm0, xmm1);
                else if (n == 32) asm.psubd(xmm0, xmm1); else asm.psubq(xmm0, xmm1);
                break;
            case VecOp.And: asm.pand(xmm0, xmm1); break;
            case VecOp.Orr: asm.por(xmm0, xmm1); break;
            case VecOp.Eor: asm.pxor(xmm0, xmm1); break;
            case VecOp.Bic:
                // pandn computes ~dst & src.
                asm.pandn(xmm1, xmm0);
                asm.movdqa(xmm0, xmm1);
                break;
            case VecOp.Orn:
                asm.pcmpeqd(xmm2, xmm2);
                asm.pxor(xmm1, xmm2);
                asm.por(xmm0, xmm1);
                break;
            case VecOp.Mul:
                if (n == 16) asm.pmullw(xmm0, xmm1); else asm.pmulld(xmm0, xmm1);
                break;
            case VecOp.CmEq:
                if (n == 8) asm.pcmpeqb(xmm0, xmm1); else if (n == 16) asm.pcmpeqw(xmm0, xmm1);
                else if (n == 32) asm.pcmpeqd(xmm0, xmm1); else asm.pcmpeqq(xmm0, xmm1);
                break;
            case VecOp.CmGt:
                if (n == 8) asm.pcmpgtb(xmm0, xmm1); else if (n == 16) asm.pcmpgtw(xmm0, xmm1);
                else if (n == 32) asm.pcmpgtd(xmm0, xmm1); else asm.pcmpgtq(xmm0, xmm1);
                break;
        }
        StoreVector(inst, aux.ESize * aux.Lanes);
    }

    void EmitVecUnary(Inst inst)
    {
        var aux = SimdAux.Unpack(inst.Aux);
        int n = aux.ESize;
        byte shift = (byte)Math.Min(aux.Imm, 255);
        asm.movdqa(xmm0, Slot128(inst.Args[0]));
        int bits = n * aux.Lanes;
        switch ((VecOp)aux.Op)
        {
            case VecOp.Not:
                asm.pcmpeqd(xmm1, xmm1);
                asm.pxor(xmm0, xmm1);
                break;
            case VecOp.Neg:
                asm.pxor(xmm1, xmm1);
                if (n == 8) asm.psubb(xmm1, xmm0); else if (n == 16) asm.psubw(xmm1, xmm0);
                else if (n == 32) asm.psubd(xmm1, xmm0); else asm.psubq(xmm1, xmm0);
                asm.movdqa(xmm0, xmm1);
                break;
            case VecOp.ShlImm:
                if (n == 16) asm.psllw(xmm0, shift); else if (n == 32) asm.pslld(xmm0, shift); else asm.psllq(xmm0, shift);
                break;
            case VecOp.UShrImm:
                if (n == 16) asm.psrlw(xmm0, shift); else if (n == 32) asm.psrld(xmm0, shift); else asm.psrlq(xmm0, shift);
                break;
            case VecOp.SShrImm:
                if (n == 16) asm.psraw(xmm0, shift); else asm.psrad(xmm0, shift);
                break;
            case VecOp.SWiden:
                if (n == 8) asm.pmovsxbw(xmm0, xmm0); else if (n == 16) asm.pmovsxwd(xmm0, xmm0); else asm.pmovsxdq(xmm0, xmm0);
                bits *= 2;
                break;
            case VecOp.UWiden:
                if (n == 8) asm.pmovzxbw(xmm0, xmm0); else if (n == 16) asm.pmovzxwd(xmm0, xmm0); else asm.pmovzxdq(xmm0, xmm0);
                bits *= 2;
                break;
        }
        StoreVector(inst, bits);
    }

    /// <summary>Stores xmm0 as the result, clearing the bits above a 64-bit result as Arm's 64-bit forms do.</summary>
    void StoreVector(Inst inst, int bits)
    {
        if (bits == 64)
            asm.movq(xmm0, xmm0);
        asm.movdqa(Slot128(inst), xmm0);
    }
}
