namespace A64Jit.IR.Semantics;

public static partial class FpCore
{
    /// <summary>FPRecipEstimate (FRECPE).</summary>
    public static ulong RecipEstimate(ulong op, int n, uint fpcr, ref uint fpsr)
    {
        var a = Unpack(op, n, fpcr, ref fpsr);
        if (a.IsNaN) return ProcessNaN(a.Type, op, n, fpcr, ref fpsr);
        if (a.Type == FpType.Infinity) return Zero(a.Sign, n);
        if (a.Type == FpType.Zero)
        {
            fpsr |= Fpscr.DZC;
            return Infinity(a.Sign, n);
        }
        int log2 = (int)a.Mant.GetBitLength() - 1 + a.Exp;
        int tiny = n switch { 16 => -16, 32 => -128, _ => -1024 };
        if (log2 < tiny)
        {
            var mode = Fpscr.RMode(fpcr);
            bool overflowToInf = mode switch
            {
                FpRounding.TieEven => true,
                FpRounding.PosInf => !a.Sign,
                FpRounding.NegInf => a.Sign,
                _ => false,
            };
            fpsr |= Fpscr.OFC | Fpscr.IXC;
            return overflowToInf ? Infinity(a.Sign, n) : MaxNormal(a.Sign, n);
        }
        int big = n switch { 16 => 14, 32 => 126, _ => 1022 };
        if (FlushToZero(n, fpcr) && log2 >= big)
        {
            fpsr |= Fpscr.UFC;
            return Zero(a.Sign, n);
        }
        var (fraction, exp) = Fraction52(op, n);
        if (exp == 0)
        {
            if ((fraction >> 51) == 0)
            {
                exp = -1;
                fraction = (fraction << 2) & ((1UL << 52) - 1);
            }
            else
            {
                fraction = (fraction << 1) & ((1UL << 52) - 1);
            }
        }
        uint scaled = (uint)(0x100 | (fraction >> 44));
        int resultExp = n switch { 16 => 29, 32 => 253, _ => 2045 } - exp;
        uint estimate = RecipEstimateInt(scaled);
        fraction = (ulong)(estimate & 0xFF) << 44;
        if (resultExp == 0)
        {
            fraction = (1UL << 51) | (fraction >> 1);
        }
        else if (resultExp == -1)
        {
            fraction = (1UL << 50) | (fraction >> 2);
            resultExp = 0;
        }
        return Pack(a.Sign, resultExp, fraction, n);
    }

    /// <summary>FPRSqrtEstimate (FRSQRTE).</summary>
    public static ulong RSqrtEstimate(ulong op, int n, uint fpcr, ref uint fpsr)
    {
        var a = Unpack(op, n, fpcr, ref fpsr);
        if (a.IsNaN) return ProcessNaN(a.Type, op, n, fpcr, ref fpsr);
        if (a.Type == FpType.Zero)
        {
            fpsr |= Fpscr.DZC;
            return Infinity(a.Sign, n);
        }
        if (a.Sign)
        {
            fpsr |= Fpscr.IOC;
            return DefaultNaN(n);
        }
        if (a.Type == FpType.Infinity) return Zero(false, n);
        var (fraction, exp) = Fraction52(op, n);
        if (exp == 0)
        {
            while ((fraction >> 51) == 0)
            {
                fraction = (fraction << 1) & ((1UL << 52) - 1);
                exp--;
            }
            fraction = (fraction << 1) & ((1UL << 52) - 1);
        }
        uint scaled = (exp & 1) == 0 ? (uint)(0x100 | (fraction >> 44)) : (uint)(0x80 | (fraction >> 45));
        int resultExp = (n switch { 16 => 44, 32 => 380, _ => 3068 } - exp) / 2;
        uint estimate = RecipSqrtEstimateInt(scaled);
        return Pack(false, resultExp, (ulong)(estimate & 0xFF) << 44, n);
    }

    /// <summary>The operand's fraction left-aligned to 52 bits, and its biased exponent.</summary>
    static (ulong Fraction, int Exp) Fraction52(ulong op, int n) => n switch
    {
        16 => ((op & 0x3FF) << 42, (int)((op >> 10) & 0x1F)),
        32 => ((op & 0x7F_FFFF) << 29, (int)((op >> 23) & 0xFF)),
        _ => (op & 0xF_FFFF_FFFF_FFFF, (int)((op >> 52) & 0x7FF)),
    };

    /// <summary>sign : exponent : the top bits of a 52-bit fraction, in the n-bit format.</summary>
    static ulong Pack(bool sign, int exp, ulong fraction52, int n)
    {
        int f = FracBits(n);
        return Zero(sign, n) | ((ulong)exp & ((1UL << ExpBits(n)) - 1)) << f | (fraction52 >> (52 - f));
    }

    /// <summary>RecipEstimate(): a in [256, 512) to the 9-bit estimate of its reciprocal.</summary>
    public static uint RecipEstimateInt(uint a)
    {
        a = a * 2 + 1;
        uint b = (1u << 19) / a;
        return (b + 1) / 2;
    }

    /// <summary>RecipSqrtEstimate(): a in [128, 512) to the 9-bit estimate of its reciprocal square root.</summary>
    public static uint RecipSqrtEstimateInt(uint a)
    {
        if (a < 256)
            a = a * 2 + 1;
        else
        {
            a = (a >> 1) << 1;
            a = (a + 1) * 2;
        }
        ulong b = 512;
        while (a * (b + 1) * (b + 1) < (1UL << 28))
            b++;
        return (uint)((b + 1) / 2);
    }
}
