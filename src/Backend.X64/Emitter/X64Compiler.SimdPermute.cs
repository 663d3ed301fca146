using A64Jit.IR;
using A64Jit.IR.Semantics;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>
/// Advanced SIMD permutes: ZIP, UZP, TRN and EXT (unpacks, packs of masked lanes, shifts), REV and DUP
/// (element) (word and doubleword shuffles), narrowing (XTN) and table lookup (TBL/TBX, with SSSE3's
/// pshufb). The 64-bit forms work on op2's low half placed above op1's, so that lanes of the unused
/// upper halves never reach the result.
/// </summary>
public sealed partial class X64Compiler
{
    static bool CanPermute(VecOp op, int n) => op == VecOp.Ext ? n == 8 : n is 8 or 16 or 32 or 64;

    static bool CanPermuteUnary(VecOp op, int n) => op switch
    {
        VecOp.DupElement => true,
        VecOp.Rev => n < 64,
        _ => false,
    };

    static bool CanEmitTableLookup(SimdAux aux) => HostSsse3 && aux.Lanes is 8 or 16 && aux.Size2 is 16 or 32;

    void EmitPermute(Inst inst, SimdAux aux)
    {
        var op = (VecOp)aux.Op;
        int n = aux.ESize, bits = n * aux.Lanes;
        LoadVector(xmm0, inst.Args[0]);
        LoadVector(xmm1, inst.Args[1]);
        if (bits == 64 && op is VecOp.Uzp1 or VecOp.Uzp2 or VecOp.Ext)
        {
            // One register holding op1's low half and op2's above it: the 128-bit form on it, halved.
            asm.punpcklqdq(xmm0, xmm1);
            asm.movdqa(xmm1, xmm0);
        }
        switch (op)
        {
            case VecOp.Zip1:
            case VecOp.Zip2:
                if (op == VecOp.Zip1 || bits == 64)
                    Sse(UnpackLow.For(n), xmm0, xmm1);
                else
                    Sse(UnpackHigh.For(n), xmm0, xmm1);
                // The 64-bit ZIP2 is the upper half of the low unpack.
                if (op == VecOp.Zip2 && bits == 64)
                    asm.psrldq(xmm0, 8);
                break;
            case VecOp.Uzp1:
            case VecOp.Uzp2:
                Unzip(n, op == VecOp.Uzp2, xmm0, xmm1);
                break;
            case VecOp.Trn1:
            case VecOp.Trn2:
                Transpose(n, op == VecOp.Trn2);
                break;
            default:
                // EXT: bytes Imm.. of op2:op1.
                if (bits == 64)
                    asm.psrldq(xmm0, (byte)aux.Imm);
                else
                {
                    asm.psrldq(xmm0, (byte)aux.Imm);
                    asm.pslldq(xmm1, (byte)(16 - aux.Imm));
                    asm.por(xmm0, xmm1);
                }
                break;
        }
        StoreVector(inst, bits);
    }

    static readonly LaneCodes UnpackLow = new(Code.Punpcklbw_xmm_xmmm128, Code.Punpcklwd_xmm_xmmm128, Code.Punpckldq_xmm_xmmm128, Code.Punpcklqdq_xmm_xmmm128);
    static readonly LaneCodes UnpackHigh = new(Code.Punpckhbw_xmm_xmmm128, Code.Punpckhwd_xmm_xmmm128, Code.Punpckhdq_xmm_xmmm128, Code.Punpckhqdq_xmm_xmmm128);

    /// <summary>
    /// a = the even (or odd) n-bit lanes of a, then those of b: each kept lane is moved to the bottom of
    /// its 2n-bit container and sign- or zero-extended, so a saturating pack keeps it unchanged.
    /// </summary>
    void Unzip(int n, bool odd, AssemblerRegisterXMM a, AssemblerRegisterXMM b)
    {
        switch (n)
        {
            case 8:
                foreach (var r in new[] { a, b })
                {
                    if (!odd)
                        asm.psllw(r, 8);
                    asm.psrlw(r, 8);
                }
                asm.packuswb(a, b);
                break;
            case 16:
                foreach (var r in new[] { a, b })
                {
                    if (!odd)
                        asm.pslld(r, 16);
                    asm.psrad(r, 16);
                }
                asm.packssdw(a, b);
                break;
            case 32:
                asm.shufps(a, b, (byte)(odd ? 0xDD : 0x88));
                break;
            default:
                if (odd)
                    asm.punpckhqdq(a, b);
                else
                    asm.punpcklqdq(a, b);
                break;
        }
    }

    /// <summary>TRN1/TRN2 of xmm0 and xmm1: within each 2n-bit pair, op1's kept lane below op2's.</summary>
    void Transpose(int n, bool odd)
    {
        if (n == 64)
        {
            if (odd)
                asm.punpckhqdq(xmm0, xmm1);
            else
                asm.punpcklqdq(xmm0, xmm1);
            return;
        }
        var left = PSllImm.For(2 * n);
        var right = PSrlImm.For(2 * n);
        if (odd)
        {
            // op1's odd lane down, op2's odd lane left in place.
            Sse(right, xmm0, n);
            Sse(right, xmm1, n);
            Sse(left, xmm1, n);
        }
        else
        {
            // op1's even lane alone, op2's even lane up.
            Sse(left, xmm0, n);
            Sse(right, xmm0, n);
            Sse(left, xmm1, n);
        }
        asm.por(xmm0, xmm1);
    }

    void EmitPermuteUnary(Inst inst, SimdAux aux)
    {
        var op = (VecOp)aux.Op;
        int n = aux.ESize, bits = n * aux.Lanes;
        LoadVector(xmm0, inst.Args[0]);
        switch (op)
        {
            case VecOp.Narrow:
                Narrow(xmm0, n);
                bits /= 2;
                break;
            case VecOp.DupElement:
                DuplicateLane(xmm0, n, aux.Imm);
                break;
            default:
                Reverse(xmm0, n, aux.Imm);
                break;
        }
        StoreVector(inst, bits);
    }

    /// <summary>The low half of each n-bit lane, packed into the low 64 bits.</summary>
    void Narrow(AssemblerRegisterXMM x, int n)
    {
        switch (n)
        {
            case 16:
                asm.psllw(x, 8);
                asm.psrlw(x, 8);
                asm.packuswb(x, x);
                break;
            case 32:
                asm.pslld(x, 16);
                asm.psrad(x, 16);
                asm.packssdw(x, x);
                break;
            default:
                asm.pshufd(x, x, 0x08);
                break;
        }
    }

    /// <summary>Lane <paramref name="index"/> of n bits in every lane: bytes are doubled into words first.</summary>
    void DuplicateLane(AssemblerRegisterXMM x, int n, int index)
    {
        if (n == 8)
        {
            if (index < 8)
                asm.punpcklbw(x, x);
            else
                asm.punpckhbw(x, x);
            n = 16;
            index %= 8;
        }
        switch (n)
        {
            case 16:
                if (index < 4)
                {
                    asm.pshuflw(x, x, (byte)(index * 0x55));
                    asm.punpcklqdq(x, x);
                }
                else
                {
                    asm.pshufhw(x, x, (byte)((index - 4) * 0x55));
                    asm.punpckhqdq(x, x);
                }
                break;
            case 32:
                asm.pshufd(x, x, (byte)(index * 0x55));
                break;
            default:
                asm.pshufd(x, x, (byte)(index == 0 ? 0x44 : 0xEE));
                break;
        }
    }

    /// <summary>REV16/REV32/REV64: the n-bit elements reversed inside each container of the given bits.</summary>
    void Reverse(AssemblerRegisterXMM x, int n, int container)
    {
        // Bytes in a word or doubleword: the halves reversed, then the bytes of each half swapped.
        if (n == 8 && container > 16)
        {
            Reverse(x, 16, container);
            container = 16;
        }
        switch ((n, container))
        {
            case (8, _):
                asm.movdqa(xmm6, x);
                asm.psllw(x, 8);
                asm.psrlw(xmm6, 8);
                asm.por(x, xmm6);
                break;
            case (16, 32):
                asm.pshuflw(x, x, 0xB1);
                asm.pshufhw(x, x, 0xB1);
                break;
            case (16, _):
                asm.pshuflw(x, x, 0x1B);
                asm.pshufhw(x, x, 0x1B);
                break;
            default:
                asm.pshufd(x, x, 0xB1);
                break;
        }
    }

    /// <summary>
    /// TBL/TBX step: pshufb picks table bytes by index - Imm; the index range decides, per byte, between
    /// table0, table1 and the fallback (pshufb itself only zeroes bytes whose index has bit 7 set).
    /// </summary>
    void EmitTableLookup(Inst inst)
    {
        var aux = SimdAux.Unpack(inst.Aux);
        LoadVector(xmm2, inst.Args[2]);
        if (aux.Imm != 0)
        {
            LoadBroadcast(xmm3, (ulong)aux.Imm, 8);
            asm.psubb(xmm2, xmm3);
        }
        LoadVector(xmm0, inst.Args[0]);
        asm.pshufb(xmm0, xmm2);
        // xmm3 = index < 16: the bytes from table0.
        LoadBroadcast(xmm3, 15, 8);
        asm.pminub(xmm3, xmm2);
        asm.pcmpeqb(xmm3, xmm2);
        if (aux.Size2 == 32)
        {
            LoadVector(xmm1, inst.Args[1]);
            asm.pshufb(xmm1, xmm2);
            asm.pand(xmm0, xmm3);
            asm.pandn(xmm3, xmm1);
            asm.por(xmm0, xmm3);
            // xmm3 = index < 32: the bytes from either table.
            LoadBroadcast(xmm3, 31, 8);
            asm.pminub(xmm3, xmm2);
            asm.pcmpeqb(xmm3, xmm2);
        }
        asm.pand(xmm0, xmm3);
        // TBL's fallback is zero: nothing to merge.
        var fallback = inst.Args[3];
        if (!(fallback.IsConst && fallback.Aux == 0))
        {
            LoadVector(xmm1, fallback);
            asm.pandn(xmm3, xmm1);
            asm.por(xmm0, xmm3);
        }
        StoreVector(inst, 8 * aux.Lanes);
    }
}
