using A64Jit.IR.Semantics;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>
/// Lane-wise integer operations: arithmetic, logic, compares, min/max, absolute difference, halving
/// adds, shifts by immediate, widening. Each has the native SSE form where x86 has one for the lane
/// size and host, otherwise an exact SSE2 sequence (compare and select, sign-flipped unsigned compares,
/// shifts of 16-bit lanes with a mask for bytes); only what needs SSE4.2's 64-bit compare is refused
/// without it. The helpers compute in place and may clobber their second operand and xmm4-xmm7.
/// </summary>
public sealed partial class X64Compiler
{
    static readonly LaneCodes PAdd = new(Code.Paddb_xmm_xmmm128, Code.Paddw_xmm_xmmm128, Code.Paddd_xmm_xmmm128, Code.Paddq_xmm_xmmm128);
    static readonly LaneCodes PSub = new(Code.Psubb_xmm_xmmm128, Code.Psubw_xmm_xmmm128, Code.Psubd_xmm_xmmm128, Code.Psubq_xmm_xmmm128);
    static readonly LaneCodes PCmpEq = new(Code.Pcmpeqb_xmm_xmmm128, Code.Pcmpeqw_xmm_xmmm128, Code.Pcmpeqd_xmm_xmmm128, Code.Pcmpeqq_xmm_xmmm128);
    static readonly LaneCodes PCmpGt = new(Code.Pcmpgtb_xmm_xmmm128, Code.Pcmpgtw_xmm_xmmm128, Code.Pcmpgtd_xmm_xmmm128, Code.Pcmpgtq_xmm_xmmm128);
    static readonly LaneCodes PMaxS = new(Code.Pmaxsb_xmm_xmmm128, Code.Pmaxsw_xmm_xmmm128, Code.Pmaxsd_xmm_xmmm128, Code.INVALID);
    static readonly LaneCodes PMinS = new(Code.Pminsb_xmm_xmmm128, Code.Pminsw_xmm_xmmm128, Code.Pminsd_xmm_xmmm128, Code.INVALID);
    static readonly LaneCodes PMaxU = new(Code.Pmaxub_xmm_xmmm128, Code.Pmaxuw_xmm_xmmm128, Code.Pmaxud_xmm_xmmm128, Code.INVALID);
    static readonly LaneCodes PMinU = new(Code.Pminub_xmm_xmmm128, Code.Pminuw_xmm_xmmm128, Code.Pminud_xmm_xmmm128, Code.INVALID);
    static readonly LaneCodes PAbs = new(Code.Pabsb_xmm_xmmm128, Code.Pabsw_xmm_xmmm128, Code.Pabsd_xmm_xmmm128, Code.INVALID);
    static readonly LaneCodes PSubUS = new(Code.Psubusb_xmm_xmmm128, Code.Psubusw_xmm_xmmm128, Code.INVALID, Code.INVALID);
    static readonly LaneCodes PAvg = new(Code.Pavgb_xmm_xmmm128, Code.Pavgw_xmm_xmmm128, Code.INVALID, Code.INVALID);
    static readonly LaneCodes PSllImm = new(Code.INVALID, Code.Psllw_xmm_imm8, Code.Pslld_xmm_imm8, Code.Psllq_xmm_imm8);
    static readonly LaneCodes PSrlImm = new(Code.INVALID, Code.Psrlw_xmm_imm8, Code.Psrld_xmm_imm8, Code.Psrlq_xmm_imm8);
    static readonly LaneCodes PSraImm = new(Code.INVALID, Code.Psraw_xmm_imm8, Code.Psrad_xmm_imm8, Code.INVALID);

    /// <summary>A signed greater-than of the lane size: SSE2, or SSE4.2 for 64-bit lanes.</summary>
    static bool HasGreater(int n) => Has(PCmpGt.For(n));

    static bool CanLaneBinary(VecOp op, int n) => op switch
    {
        VecOp.Add or VecOp.Sub or VecOp.And or VecOp.Bic or VecOp.Orr or VecOp.Orn or VecOp.Eor => true,
        VecOp.Mul => n != 32 || HostSse41,
        VecOp.CmEq or VecOp.CmTst => true,
        VecOp.CmGt or VecOp.CmGe or VecOp.CmHi or VecOp.CmHs => HasGreater(n),
        VecOp.SMax or VecOp.SMin or VecOp.SAbd => Has(PMaxS.For(n)) || HasGreater(n),
        VecOp.UMax or VecOp.UMin or VecOp.UAbd => Has(PMaxU.For(n)) || HasGreater(n),
        VecOp.UHAdd or VecOp.URHAdd or VecOp.SHAdd or VecOp.SRHAdd or VecOp.UHSub or VecOp.SHSub => true,
        VecOp.Sri or VecOp.Sli => true,
        _ => false,
    };

    static bool CanLaneUnary(VecOp op, int n, int imm) => op switch
    {
        VecOp.Not or VecOp.Neg or VecOp.Abs => true,
        VecOp.Cnt => n == 8,
        VecOp.CmEqZero or VecOp.CmLtZero or VecOp.CmGeZero => true,
        VecOp.CmGtZero or VecOp.CmLeZero => HasGreater(n),
        VecOp.ShlImm or VecOp.UShrImm or VecOp.SShrImm => true,
        // Arm encodes rounding right shifts of 1..esize.
        VecOp.URShrImm or VecOp.SRShrImm => imm >= 1 && imm <= n,
        _ => false,
    };

    /// <summary>a = a op b in <paramref name="n"/>-bit lanes (b and xmm4-xmm7 may be clobbered).</summary>
    void LaneBinary(VecOp op, int n, AssemblerRegisterXMM a, AssemblerRegisterXMM b, int imm = 0)
    {
        switch (op)
        {
            case VecOp.Add: Sse(PAdd.For(n), a, b); break;
            case VecOp.Sub: Sse(PSub.For(n), a, b); break;
            case VecOp.And: asm.pand(a, b); break;
            case VecOp.Orr: asm.por(a, b); break;
            case VecOp.Eor: asm.pxor(a, b); break;
            case VecOp.Bic:
                // pandn computes ~dst & src.
                asm.pandn(b, a);
                asm.movdqa(a, b);
                break;
            case VecOp.Orn:
                Not(b);
                asm.por(a, b);
                break;
            case VecOp.Mul: Multiply(n, a, b); break;
            case VecOp.CmEq: CompareEqual(n, a, b); break;
            case VecOp.CmTst:
                asm.pand(a, b);
                asm.pxor(b, b);
                CompareEqual(n, a, b);
                Not(a);
                break;
            case VecOp.CmGt: Sse(PCmpGt.For(n), a, b); break;
            case VecOp.CmGe:
                // a >= b is not (b > a).
                Sse(PCmpGt.For(n), b, a);
                Not(b);
                asm.movdqa(a, b);
                break;
            case VecOp.CmHi:
                // Unsigned order is signed order with the sign bits flipped.
                FlipSigns(n, a, b);
                Sse(PCmpGt.For(n), a, b);
                break;
            case VecOp.CmHs:
                FlipSigns(n, a, b);
                Sse(PCmpGt.For(n), b, a);
                Not(b);
                asm.movdqa(a, b);
                break;
            case VecOp.SMax or VecOp.SMin or VecOp.UMax or VecOp.UMin: MinMax(op, n, a, b); break;
            case VecOp.SAbd or VecOp.UAbd: AbsoluteDifference(op == VecOp.SAbd, n, a, b); break;
            case VecOp.UHAdd or VecOp.URHAdd or VecOp.SHAdd or VecOp.SRHAdd or VecOp.UHSub or VecOp.SHSub: Halving(op, n, a, b); break;
            case VecOp.Sli:
                // (a & Ones(imm)) | (b << imm)
                ShiftLeft(b, n, imm);
                LoadBroadcast(xmm6, imm >= 64 ? ulong.MaxValue : (1UL << imm) - 1, n);
                asm.pand(a, xmm6);
                asm.por(a, b);
                break;
            case VecOp.Sri:
                // (a & ~(Ones(n) >> imm)) | (b >> imm); a shift of the whole lane leaves a.
                if (imm >= n)
                    break;
                ShiftRightLogical(b, n, imm);
                LoadBroadcast(xmm6, ~(Ones(n) >> imm), n);
                asm.pand(a, xmm6);
                asm.por(a, b);
                break;
            default:
                throw new InvalidOperationException($"no SSE form for {op}");
        }
    }

    /// <summary>x = op(x) in <paramref name="n"/>-bit lanes (xmm4-xmm7 may be clobbered).</summary>
    void LaneUnary(VecOp op, int n, AssemblerRegisterXMM x, int imm)
    {
        switch (op)
        {
            case VecOp.Not: Not(x); break;
            case VecOp.Neg:
                asm.pxor(xmm6, xmm6);
                Sse(PSub.For(n), xmm6, x);
                asm.movdqa(x, xmm6);
                break;
            case VecOp.Abs:
                if (Has(PAbs.For(n)))
                {
                    Sse(PAbs.For(n), x, x);
                    break;
                }
                // (x ^ s) - s with s the lane's sign mask.
                asm.movdqa(xmm6, x);
                SignMask(xmm6, n);
                asm.pxor(x, xmm6);
                Sse(PSub.For(n), x, xmm6);
                break;
            case VecOp.Cnt: PopCountBytes(x); break;
            case VecOp.CmEqZero:
                asm.pxor(xmm6, xmm6);
                CompareEqual(n, x, xmm6);
                break;
            case VecOp.CmLtZero: SignMask(x, n); break;
            case VecOp.CmGeZero:
                SignMask(x, n);
                Not(x);
                break;
            case VecOp.CmGtZero:
                asm.pxor(xmm6, xmm6);
                Sse(PCmpGt.For(n), x, xmm6);
                break;
            case VecOp.CmLeZero:
                asm.pxor(xmm6, xmm6);
                Sse(PCmpGt.For(n), x, xmm6);
                Not(x);
                break;
            case VecOp.ShlImm: ShiftLeft(x, n, imm); break;
            case VecOp.UShrImm: ShiftRightLogical(x, n, imm); break;
            case VecOp.SShrImm: ShiftRightArithmetic(x, n, imm); break;
            case VecOp.URShrImm or VecOp.SRShrImm:
                // (x + 2^(imm-1)) >> imm without the wider sum: (x >> imm) + bit imm-1 of x.
                asm.movdqa(xmm5, x);
                ShiftRightLogical(xmm5, n, imm - 1);
                LoadBroadcast(xmm6, 1, n);
                asm.pand(xmm5, xmm6);
                if (op == VecOp.URShrImm)
                    ShiftRightLogical(x, n, imm);
                else
                    ShiftRightArithmetic(x, n, imm);
                Sse(PAdd.For(n), x, xmm5);
                break;
            default:
                throw new InvalidOperationException($"no SSE form for {op}");
        }
    }

    static ulong Ones(int n) => n >= 64 ? ulong.MaxValue : (1UL << n) - 1;

    void Not(AssemblerRegisterXMM x)
    {
        asm.pcmpeqd(xmm7, xmm7);
        asm.pxor(x, xmm7);
    }

    void FlipSigns(int n, AssemblerRegisterXMM a, AssemblerRegisterXMM b)
    {
        LoadBroadcast(xmm7, 1UL << (n - 1), n);
        asm.pxor(a, xmm7);
        asm.pxor(b, xmm7);
    }

    void CompareEqual(int n, AssemblerRegisterXMM a, AssemblerRegisterXMM b)
    {
        if (Has(PCmpEq.For(n)))
        {
            Sse(PCmpEq.For(n), a, b);
            return;
        }
        // 64-bit lanes without SSE4.1: both 32-bit halves equal.
        asm.pcmpeqd(a, b);
        asm.pshufd(xmm7, a, 0xB1);
        asm.pand(a, xmm7);
    }

    /// <summary>x = all ones in the lanes where x is negative.</summary>
    void SignMask(AssemblerRegisterXMM x, int n)
    {
        switch (n)
        {
            case 8:
                asm.pxor(xmm7, xmm7);
                asm.pcmpgtb(xmm7, x);
                asm.movdqa(x, xmm7);
                break;
            case 64:
                // The sign of each quadword is the sign of its upper doubleword.
                asm.pshufd(x, x, 0xF5);
                asm.psrad(x, 31);
                break;
            default:
                Sse(PSraImm.For(n), x, n - 1);
                break;
        }
    }

    void Multiply(int n, AssemblerRegisterXMM a, AssemblerRegisterXMM b)
    {
        switch (n)
        {
            case 16: asm.pmullw(a, b); break;
            case 32: asm.pmulld(a, b); break;
            case 8:
                // Odd bytes: the products of the high bytes, moved up; even bytes: the low byte of the word product.
                asm.movdqa(xmm6, a);
                asm.psrlw(xmm6, 8);
                asm.movdqa(xmm7, b);
                asm.psrlw(xmm7, 8);
                asm.pmullw(xmm6, xmm7);
                asm.psllw(xmm6, 8);
                asm.pmullw(a, b);
                asm.psllw(a, 8);
                asm.psrlw(a, 8);
                asm.por(a, xmm6);
                break;
            default:
                // a·b mod 2^64 = lo·lo + ((hi(a)·lo(b) + lo(a)·hi(b)) << 32).
                asm.movdqa(xmm6, a);
                asm.psrlq(xmm6, 32);
                asm.pmuludq(xmm6, b);
                asm.movdqa(xmm7, b);
                asm.psrlq(xmm7, 32);
                asm.pmuludq(xmm7, a);
                asm.paddq(xmm6, xmm7);
                asm.psllq(xmm6, 32);
                asm.pmuludq(a, b);
                asm.paddq(a, xmm6);
                break;
        }
    }

    void MinMax(VecOp op, int n, AssemblerRegisterXMM a, AssemblerRegisterXMM b)
    {
        bool signed = op is VecOp.SMax or VecOp.SMin, max = op is VecOp.SMax or VecOp.UMax;
        var native = (signed ? (max ? PMaxS : PMinS) : (max ? PMaxU : PMinU)).For(n);
        if (Has(native))
        {
            Sse(native, a, b);
            return;
        }
        // xmm6 = a > b (signed, or on sign-flipped copies), then select.
        asm.movdqa(xmm6, a);
        if (signed)
            Sse(PCmpGt.For(n), xmm6, b);
        else
        {
            LoadBroadcast(xmm7, 1UL << (n - 1), n);
            asm.pxor(xmm6, xmm7);
            asm.pxor(xmm7, b);
            Sse(PCmpGt.For(n), xmm6, xmm7);
        }
        if (max)
        {
            asm.pand(a, xmm6);
            asm.pandn(xmm6, b);
            asm.por(a, xmm6);
        }
        else
        {
            asm.pand(b, xmm6);
            asm.pandn(xmm6, a);
            asm.por(xmm6, b);
            asm.movdqa(a, xmm6);
        }
    }

    /// <summary>|a - b| as max - min (exact modulo 2^n, which is what Arm keeps).</summary>
    void AbsoluteDifference(bool signed, int n, AssemblerRegisterXMM a, AssemblerRegisterXMM b)
    {
        if (!signed && Has(PSubUS.For(n)))
        {
            // One of the two saturating differences is zero.
            asm.movdqa(xmm4, a);
            Sse(PSubUS.For(n), a, b);
            Sse(PSubUS.For(n), b, xmm4);
            asm.por(a, b);
            return;
        }
        asm.movdqa(xmm4, a);
        asm.movdqa(xmm5, b);
        MinMax(signed ? VecOp.SMax : VecOp.UMax, n, a, b);
        MinMax(signed ? VecOp.SMin : VecOp.UMin, n, xmm4, xmm5);
        Sse(PSub.For(n), a, xmm4);
    }

    /// <summary>
    /// The halving adds and subtracts without a wider sum: (a&amp;b) + ((a^b) &gt;&gt; 1), (a|b) - ((a^b) &gt;&gt; 1)
    /// (rounding), ((a^b) &gt;&gt; 1) - (~a&amp;b) (subtract); arithmetic shifts for the signed forms.
    /// </summary>
    void Halving(VecOp op, int n, AssemblerRegisterXMM a, AssemblerRegisterXMM b)
    {
        if (op == VecOp.URHAdd && Has(PAvg.For(n)))
        {
            Sse(PAvg.For(n), a, b);
            return;
        }
        bool signed = op is VecOp.SHAdd or VecOp.SRHAdd or VecOp.SHSub;
        asm.movdqa(xmm5, a);
        asm.pxor(xmm5, b);
        if (signed)
            ShiftRightArithmetic(xmm5, n, 1);
        else
            ShiftRightLogical(xmm5, n, 1);
        switch (op)
        {
            case VecOp.UHAdd or VecOp.SHAdd:
                asm.pand(a, b);
                Sse(PAdd.For(n), a, xmm5);
                break;
            case VecOp.URHAdd or VecOp.SRHAdd:
                asm.por(a, b);
                Sse(PSub.For(n), a, xmm5);
                break;
            default:
                asm.pandn(a, b);
                Sse(PSub.For(n), xmm5, a);
                asm.movdqa(a, xmm5);
                break;
        }
    }

    // ---- Shifts by immediate ------------------------------------------------------------------

    /// <summary>x &lt;&lt;= k in n-bit lanes (0 when k ≥ n); bytes shift as words and drop what crossed.</summary>
    void ShiftLeft(AssemblerRegisterXMM x, int n, int k)
    {
        if (k >= n)
            asm.pxor(x, x);
        else if (k == 0)
            return;
        else if (n == 8)
        {
            asm.psllw(x, (byte)k);
            LoadBroadcast(xmm7, (0xFFUL << k) & 0xFF, 8);
            asm.pand(x, xmm7);
        }
        else
            Sse(PSllImm.For(n), x, k);
    }

    /// <summary>x &gt;&gt;= k, logical, in n-bit lanes (0 when k ≥ n).</summary>
    void ShiftRightLogical(AssemblerRegisterXMM x, int n, int k)
    {
        if (k >= n)
            asm.pxor(x, x);
        else if (k == 0)
            return;
        else if (n == 8)
        {
            asm.psrlw(x, (byte)k);
            LoadBroadcast(xmm7, 0xFFUL >> k, 8);
            asm.pand(x, xmm7);
        }
        else
            Sse(PSrlImm.For(n), x, k);
    }

    /// <summary>x &gt;&gt;= k, arithmetic, in n-bit lanes (a shift by n or more fills with the sign).</summary>
    void ShiftRightArithmetic(AssemblerRegisterXMM x, int n, int k)
    {
        k = Math.Min(k, n - 1);
        if (k == 0)
            return;
        if (n is 16 or 32)
        {
            Sse(PSraImm.For(n), x, k);
            return;
        }
        // Bytes and quadwords: the logical shift with its sign bit m extended, as (u ^ m) - m.
        ShiftRightLogical(x, n, k);
        LoadBroadcast(xmm7, 1UL << (n - 1 - k), n);
        asm.pxor(x, xmm7);
        Sse(PSub.For(n), x, xmm7);
    }

    /// <summary>The low half's n-bit lanes widened to 2n bits (pmovsx/pmovzx, or unpacking with SSE2).</summary>
    void Widen(AssemblerRegisterXMM x, int n, bool signed, bool high)
    {
        if (high)
            asm.psrldq(x, 8);
        if (HostSse41)
        {
            switch (n)
            {
                case 8: if (signed) asm.pmovsxbw(x, x); else asm.pmovzxbw(x, x); break;
                case 16: if (signed) asm.pmovsxwd(x, x); else asm.pmovzxwd(x, x); break;
                default: if (signed) asm.pmovsxdq(x, x); else asm.pmovzxdq(x, x); break;
            }
            return;
        }
        if (signed)
        {
            asm.movdqa(xmm6, x);
            SignMask(xmm6, n);
        }
        else
            asm.pxor(xmm6, xmm6);
        // Each lane next to its extension: the sign mask or zero.
        switch (n)
        {
            case 8: asm.punpcklbw(x, xmm6); break;
            case 16: asm.punpcklwd(x, xmm6); break;
            default: asm.punpckldq(x, xmm6); break;
        }
    }

    /// <summary>The number of set bits in each byte, by adding bit pairs, then nibbles, then the two nibbles.</summary>
    void PopCountBytes(AssemblerRegisterXMM x)
    {
        asm.movdqa(xmm6, x);
        asm.psrlw(xmm6, 1);
        LoadBroadcast(xmm7, 0x55, 8);
        asm.pand(xmm6, xmm7);
        asm.psubb(x, xmm6);
        asm.movdqa(xmm6, x);
        asm.psrlw(xmm6, 2);
        LoadBroadcast(xmm7, 0x33, 8);
        asm.pand(xmm6, xmm7);
        asm.pand(x, xmm7);
        asm.paddb(x, xmm6);
        asm.movdqa(xmm6, x);
        asm.psrlw(xmm6, 4);
        asm.paddb(x, xmm6);
        LoadBroadcast(xmm7, 0x0F, 8);
        asm.pand(x, xmm7);
    }
}
