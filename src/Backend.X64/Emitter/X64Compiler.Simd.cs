using System.Runtime.Intrinsics.X86;
using A64Jit.IR;
using A64Jit.IR.Semantics;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>
/// Advanced SIMD integer operations with an SSE form: which forms this host can emit, element moves,
/// the shared load/store of vectors and the per-block pool of vector constants. Vectors live in their
/// 16-byte slots (the allocator keeps no value in an xmm register), so every xmm register is scratch
/// inside one emitter: operands are loaded into xmm0 and xmm1 and the result leaves from xmm0. The
/// families are in their own files (SimdLanes, SimdPermute, SimdReduce, SimdSaturate); a form
/// without an exact SSE sequence on this host goes through the generic helper.
/// </summary>
public sealed partial class X64Compiler
{
    // SSE2 is part of x86-64; everything above it is checked. .NET's own switches turn these off
    // (DOTNET_EnableHWIntrinsic=0: SSE2 only; DOTNET_EnableAVX=0: no AVX2 or FMA), which is how the
    // fallbacks are tested on a host that has everything.
    static readonly bool HostSsse3 = HostFeatures.Ssse3;
    static readonly bool HostSse41 = HostFeatures.Sse41;
    static readonly bool HostSse42 = HostFeatures.Sse42;
    static readonly bool HostAvx2 = HostFeatures.Avx2;
    static readonly bool HostPclmul = HostFeatures.Pclmulqdq;

    /// <summary>Whether this host runs every instruction of the given form (SSE2 and below are assumed).</summary>
    static bool Has(Code code) => code != Code.INVALID && code.CpuidFeatures().All(feature => feature switch
    {
        CpuidFeature.SSE or CpuidFeature.SSE2 => true,
        CpuidFeature.SSSE3 => HostSsse3,
        CpuidFeature.SSE4_1 => HostSse41,
        CpuidFeature.SSE4_2 => HostSse42,
        CpuidFeature.AVX2 => HostAvx2,
        CpuidFeature.PCLMULQDQ => HostPclmul,
        _ => false,
    });

    /// <summary>Whether this SIMD instruction has an SSE emitter (else the generic helper runs it).</summary>
    static bool CanEmitSimd(Inst inst)
    {
        var aux = SimdAux.Unpack(inst.Aux);
        int n = aux.ESize, bits = aux.ESize * aux.Lanes;
        return inst.Op switch
        {
            Opcode.VecGetElement or Opcode.VecSetElement => n is 8 or 16 or 32 or 64,
            Opcode.VecDup => n is 8 or 16 or 32 or 64 && bits is 64 or 128,
            Opcode.VecBinary => CanEmitVecBinary(aux),
            Opcode.VecUnary => CanEmitVecUnary(aux),
            Opcode.VecTableLookup => CanEmitTableLookup(aux),
            Opcode.VecSatBinary => CanEmitSaturating(aux),
            _ => false,
        };
    }

    static bool CanEmitVecBinary(SimdAux aux)
    {
        var op = (VecOp)aux.Op;
        int n = aux.ESize, bits = n * aux.Lanes;
        if (n is not (8 or 16 or 32 or 64) || bits is not (64 or 128))
            return false;
        return op switch
        {
            VecOp.Zip1 or VecOp.Zip2 or VecOp.Uzp1 or VecOp.Uzp2 or VecOp.Trn1 or VecOp.Trn2 or VecOp.Ext => CanPermute(op, n),
            VecOp.AddP or VecOp.SMaxP or VecOp.SMinP or VecOp.UMaxP or VecOp.UMinP => CanPairwise(op, n),
            VecOp.SDot or VecOp.UDot => n == 32,
            VecOp.PMull => HostPclmul && n == 64,
            _ => CanLaneBinary(op, n),
        };
    }

    static bool CanEmitVecUnary(SimdAux aux)
    {
        var op = (VecOp)aux.Op;
        int n = aux.ESize, bits = n * aux.Lanes;
        if (n is not (8 or 16 or 32 or 64))
            return false;
        return op switch
        {
            VecOp.AddV or VecOp.SMaxV or VecOp.SMinV or VecOp.UMaxV or VecOp.UMinV or VecOp.SAddLV or VecOp.UAddLV
                => bits is 64 or 128 && CanReduce(op, n),
            VecOp.SAddLP or VecOp.UAddLP => 2 * bits is 64 or 128 && n is 8 or 16 or 32,
            VecOp.Narrow => bits is 64 or 128 && n is 16 or 32 or 64,
            VecOp.SWiden or VecOp.UWiden => 2 * bits is 64 or 128 && n is 8 or 16 or 32,
            VecOp.DupElement or VecOp.Rev => bits is 64 or 128 && CanPermuteUnary(op, n),
            _ => bits is 64 or 128 && CanLaneUnary(op, n, aux.Imm),
        };
    }

    void EmitVecBinary(Inst inst)
    {
        var aux = SimdAux.Unpack(inst.Aux);
        var op = (VecOp)aux.Op;
        switch (op)
        {
            case VecOp.Zip1 or VecOp.Zip2 or VecOp.Uzp1 or VecOp.Uzp2 or VecOp.Trn1 or VecOp.Trn2 or VecOp.Ext:
                EmitPermute(inst, aux);
                break;
            case VecOp.AddP or VecOp.SMaxP or VecOp.SMinP or VecOp.UMaxP or VecOp.UMinP:
                EmitPairwise(inst, aux);
                break;
            case VecOp.SDot or VecOp.UDot:
                EmitDot(inst, aux);
                break;
            case VecOp.PMull:
                EmitPolyMulLong(inst);
                break;
            default:
                LoadVector(xmm0, inst.Args[0]);
                LoadVector(xmm1, inst.Args[1]);
                LaneBinary(op, aux.ESize, xmm0, xmm1, aux.Imm);
                StoreVector(inst, aux.ESize * aux.Lanes);
                break;
        }
    }

    void EmitVecUnary(Inst inst)
    {
        var aux = SimdAux.Unpack(inst.Aux);
        var op = (VecOp)aux.Op;
        switch (op)
        {
            case VecOp.AddV or VecOp.SMaxV or VecOp.SMinV or VecOp.UMaxV or VecOp.UMinV or VecOp.SAddLV or VecOp.UAddLV:
                EmitReduce(inst, aux);
                break;
            case VecOp.SAddLP or VecOp.UAddLP:
                EmitAddLongPairwise(inst, aux);
                break;
            case VecOp.Narrow or VecOp.DupElement or VecOp.Rev:
                EmitPermuteUnary(inst, aux);
                break;
            case VecOp.SWiden or VecOp.UWiden:
                LoadVector(xmm0, inst.Args[0]);
                Widen(xmm0, aux.ESize, op == VecOp.SWiden, high: false);
                StoreVector(inst, 2 * aux.ESize * aux.Lanes);
                break;
            default:
                LoadVector(xmm0, inst.Args[0]);
                LaneUnary(op, aux.ESize, xmm0, aux.Imm);
                StoreVector(inst, aux.ESize * aux.Lanes);
                break;
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

    /// <summary>
    /// DUP from a general register: AVX2's vpbroadcast where the host has it; else the element spread over
    /// a quadword by a multiply and the quadword repeated.
    /// </summary>
    void EmitVecDup(Inst inst)
    {
        var aux = SimdAux.Unpack(inst.Aux);
        Load(rax, inst.Args[0]);
        if (HostAvx2)
        {
            asm.movq(xmm0, rax);
            switch (aux.ESize)
            {
                case 8: asm.vpbroadcastb(xmm0, xmm0); break;
                case 16: asm.vpbroadcastw(xmm0, xmm0); break;
                case 32: asm.vpbroadcastd(xmm0, xmm0); break;
                default: asm.vpbroadcastq(xmm0, xmm0); break;
            }
            StoreVector(inst, aux.ESize * aux.Lanes);
            return;
        }
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

    void LoadVector(AssemblerRegisterXMM reg, Inst value) => asm.movdqa(reg, Slot128(value));

    /// <summary>
    /// Stores xmm0 as the result, keeping only its low <paramref name="bits"/>: the bits above a 64-bit
    /// result are cleared as Arm's 64-bit forms do, and a scalar result of 8, 16 or 32 bits is zero-extended.
    /// </summary>
    void StoreVector(Inst inst, int bits)
    {
        if (bits >= 128)
        {
            asm.movdqa(Slot128(inst), xmm0);
            return;
        }
        if (bits == 64)
        {
            asm.movq(xmm0, xmm0);
            asm.movdqa(Slot128(inst), xmm0);
            return;
        }
        asm.movd(eax, xmm0);
        if (bits == 8)
            asm.movzx(eax, al);
        else if (bits == 16)
            asm.movzx(eax, ax);
        asm.mov(Slot(inst), rax);
        asm.mov(SlotHigh(inst), 0);
    }

    // ---- Instruction forms by element size ------------------------------------------------------

    /// <summary>One SSE operation in its 8-, 16-, 32- and 64-bit lane forms (Code.INVALID where x86 has none).</summary>
    readonly record struct LaneCodes(Code B, Code W, Code D, Code Q)
    {
        public Code For(int esize) => esize switch { 8 => B, 16 => W, 32 => D, _ => Q };
    }

    /// <summary>dst = dst op src for a two-register SSE form.</summary>
    void Sse(Code code, AssemblerRegisterXMM dst, AssemblerRegisterXMM src) =>
        asm.AddInstruction(Instruction.Create(code, dst, src));

    /// <summary>An SSE form with a register and an 8-bit immediate (the shifts by immediate).</summary>
    void Sse(Code code, AssemblerRegisterXMM dst, int imm) =>
        asm.AddInstruction(Instruction.Create(code, dst, imm));

    // ---- Vector constants ---------------------------------------------------------------------

    readonly Dictionary<UInt128, Label> vectorConstants = [];

    /// <summary>Loads a 16-byte constant from the block's constant pool (placed after its code).</summary>
    void LoadConstant(AssemblerRegisterXMM reg, UInt128 value)
    {
        if (value == 0)
        {
            asm.pxor(reg, reg);
            return;
        }
        if (value == UInt128.MaxValue)
        {
            asm.pcmpeqd(reg, reg);
            return;
        }
        if (!vectorConstants.TryGetValue(value, out var label))
        {
            label = asm.CreateLabel();
            vectorConstants[value] = label;
        }
        // movdqu: the code, and with it the pool, is only byte-aligned in the cache.
        asm.movdqu(reg, __xmmword_ptr[label]);
    }

    /// <summary>Loads <paramref name="element"/> repeated in every <paramref name="esize"/>-bit lane.</summary>
    void LoadBroadcast(AssemblerRegisterXMM reg, ulong element, int esize) => LoadConstant(reg, Broadcast(element, esize));

    static UInt128 Broadcast(ulong element, int esize)
    {
        if (esize < 64)
            element &= (1UL << esize) - 1;
        ulong half = 0;
        for (int i = 0; i < 64; i += esize)
            half |= element << i;
        return new UInt128(half, half);
    }

    /// <summary>The constant pool: every vector constant the block's code loads, after all its code.</summary>
    void EmitVectorConstants()
    {
        foreach (var (value, label) in vectorConstants)
        {
            var l = label;
            asm.Label(ref l);
            asm.dq((ulong)value, (ulong)(value >> 64));
        }
    }
}
