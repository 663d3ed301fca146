using System.Numerics;

namespace A64Jit.IR.Semantics;

// Rounding to integral values and conversions: FPRoundInt, FPRoundIntN, FPToFixed, FixedToFP, FPConvert,
// FPToFixedJS and FPRecpX.
public static partial class FpCore
{
    /// <summary>Rounds a real to an integer in the given mode: (integer, exact?).</summary>
    static (BigInteger Value, bool Exact) RoundToInteger(bool sign, BigInteger mant, int exp, FpRounding rounding)
    {
        if (exp >= 0)
        {
            var v = mant << exp;
            return (sign ? -v : v, true);
        }
        var signed = sign ? -mant : mant;
        var down = signed >> -exp; // floor
        var rem = signed - (down << -exp); // 0 <= rem < 2^-exp
        if (rem.IsZero) return (down, true);
        var half = BigInteger.One << (-exp - 1);
        int cmp = rem.CompareTo(half);
        bool roundUp = rounding switch
        {
            FpRounding.TieEven => cmp > 0 || (cmp == 0 && !down.IsEven),
            FpRounding.PosInf => true,
            FpRounding.NegInf => false,
            FpRounding.Zero => down.Sign < 0,
            FpRounding.TieAway => cmp > 0 || (cmp == 0 && down.Sign >= 0),
            _ => false,
        };
        return (roundUp ? down + 1 : down, false);
    }

    /// <summary>FPRoundInt (FRINT*): <paramref name="exact"/> raises IXC when the value changes (FRINTX).</summary>
    public static ulong RoundInt(ulong op, int n, uint fpcr, ref uint fpsr, FpRounding rounding, bool exact)
    {
        var a = Unpack(op, n, fpcr, ref fpsr);
        if (a.IsNaN) return ProcessNaN(a.Type, op, n, fpcr, ref fpsr);
        if (a.Type == FpType.Infinity) return Infinity(a.Sign, n);
        if (a.Type == FpType.Zero) return Zero(a.Sign, n);
        var (v, isExact) = RoundToInteger(a.Sign, a.Mant, a.Exp, rounding);
        ulong result = v.IsZero ? Zero(a.Sign, n) : Round(v.Sign < 0, BigInteger.Abs(v), 0, n, fpcr, FpRounding.TieEven, ref fpsr);
        if (!isExact && exact)
            fpsr |= Fpscr.IXC;
        return result;
    }

    /// <summary>FPRoundIntN (FRINT32Z/X, FRINT64Z/X): out of range, NaN and infinity give -2^(intsize-1) and IOC.</summary>
    public static ulong RoundIntN(ulong op, int n, uint fpcr, ref uint fpsr, FpRounding rounding, int intSize)
    {
        var a = Unpack(op, n, fpcr, ref fpsr);
        ulong mostNegative = Round(true, BigInteger.One, intSize - 1, n, fpcr, FpRounding.TieEven, ref fpsr);
        if (a.IsNaN || a.Type == FpType.Infinity)
        {
            fpsr |= Fpscr.IOC;
            return mostNegative;
        }
        if (a.Type == FpType.Zero) return Zero(a.Sign, n);
        var (v, isExact) = RoundToInteger(a.Sign, a.Mant, a.Exp, rounding);
        var limit = BigInteger.One << (intSize - 1);
        if (v >= limit || v < -limit)
        {
            fpsr |= Fpscr.IOC;
            return mostNegative;
        }
        if (!isExact)
            fpsr |= Fpscr.IXC;
        return v.IsZero ? Zero(a.Sign, n) : Round(v.Sign < 0, BigInteger.Abs(v), 0, n, fpcr, FpRounding.Zero, ref fpsr);
    }

    /// <summary>FPToFixed: op * 2^fbits rounded, saturated to a <paramref name="width"/>-bit integer (IOC on NaN and overflow, else IXC when inexact).</summary>
    public static ulong ToFixed(ulong op, int n, int fbits, bool unsigned, int width, uint fpcr, ref uint fpsr, FpRounding rounding)
    {
        var a = Unpack(op, n, fpcr, ref fpsr);
        BigInteger v;
        bool exact = true;
        if (a.IsNaN)
        {
            fpsr |= Fpscr.IOC;
            v = 0;
        }
        else if (a.Type == FpType.Infinity)
        {
            v = a.Sign ? -(BigInteger.One << 200) : BigInteger.One << 200;
        }
        else if (a.Type == FpType.Zero)
        {
            v = 0;
        }
        else
        {
            int exp = a.Exp + fbits;
            if ((int)a.Mant.GetBitLength() + exp > 200)
                v = a.Sign ? -(BigInteger.One << 200) : BigInteger.One << 200;
            else
                (v, exact) = RoundToInteger(a.Sign, a.Mant, exp, rounding);
        }
        BigInteger min = unsigned ? 0 : -(BigInteger.One << (width - 1));
        BigInteger max = unsigned ? (BigInteger.One << width) - 1 : (BigInteger.One << (width - 1)) - 1;
        if (v > max)
        {
            fpsr |= Fpscr.IOC;
            v = max;
        }
        else if (v < min)
        {
            fpsr |= Fpscr.IOC;
            v = min;
        }
        else if (!exact)
        {
            fpsr |= Fpscr.IXC;
        }
        return (ulong)(v & ((BigInteger.One << width) - 1));
    }

    /// <summary>FixedToFP: the <paramref name="width"/>-bit integer / 2^fbits, rounded to the n-bit format.</summary>
    public static ulong FromFixed(ulong value, int width, int fbits, bool unsigned, int n, uint fpcr, ref uint fpsr, FpRounding rounding)
    {
        if (width < 64)
            value &= (1UL << width) - 1;
        BigInteger v = unsigned || width == 0 ? value
            : (BigInteger)(width == 64 ? (long)value : (long)(value << (64 - width)) >> (64 - width));
        if (v.IsZero) return Zero(false, n);
        return Round(v.Sign < 0, BigInteger.Abs(v), -fbits, n, fpcr, rounding, ref fpsr);
    }

    /// <summary>FPConvert (FCVT and friends) from an <paramref name="from"/>-bit to a <paramref name="to"/>-bit format.</summary>
    public static ulong Convert(ulong op, int from, int to, uint fpcr, ref uint fpsr, FpRounding rounding, bool honorFz16 = false)
    {
        // FPCR.AHP selects the alternative half-precision format for conversions (FPUnpackCV, FPRoundCV):
        // exponent 31 is a normal number, and there are no infinities or NaNs.
        bool altHalf = (fpcr & Fpscr.AHP) != 0;
        if (altHalf && from == 16 && ((op >> 10) & 0x1F) == 0x1F)
            return Round((op & 0x8000) != 0, (op & 0x3FF) | 0x400, 31 - 15 - 10, to, fpcr, rounding, ref fpsr, ignoreFz16: true);
        var a = Unpack(op, from, fpcr, ref fpsr, ignoreFz16: !honorFz16);
        if (altHalf && to == 16)
        {
            if (a.IsNaN)
            {
                fpsr |= Fpscr.IOC;
                return Zero(a.Sign, 16);
            }
            if (a.Type == FpType.Infinity)
            {
                fpsr |= Fpscr.IOC;
                return Zero(a.Sign, 16) | 0x7FFF;
            }
            if (a.Type == FpType.Zero) return Zero(a.Sign, 16);
            return Round(a.Sign, a.Mant, a.Exp, 16, fpcr, rounding, ref fpsr, ignoreFz16: true, altHalf: true);
        }
        if (a.IsNaN)
        {
            if (a.Type == FpType.SNaN)
                fpsr |= Fpscr.IOC;
            if ((fpcr & Fpscr.DN) != 0)
                return DefaultNaN(to);
            // FPConvertNaN: keep the sign, set the quiet bit, carry the payload's top bits.
            int ff = FracBits(from), tf = FracBits(to);
            ulong payload = op & ((1UL << (ff - 1)) - 1);
            payload = tf >= ff ? payload << (tf - ff) : payload >> (ff - tf);
            return Infinity(a.Sign, to) | (1UL << (tf - 1)) | payload;
        }
        if (a.Type == FpType.Infinity) return Infinity(a.Sign, to);
        if (a.Type == FpType.Zero) return Zero(a.Sign, to);
        return Round(a.Sign, a.Mant, a.Exp, to, fpcr, rounding, ref fpsr, ignoreFz16: true);
    }

    /// <summary>FPToFixedJS (FJCVTZS): the low 32 bits of the truncated integer, and whether Z is set.</summary>
    public static (uint Result, bool Z) ToFixedJs(ulong op, uint fpcr, ref uint fpsr)
    {
        var a = Unpack(op, 64, fpcr, ref fpsr);
        bool z = true;
        if (a.IsNaN)
        {
            fpsr |= Fpscr.IOC;
            return (0, false);
        }
        if (a.Type == FpType.Infinity)
        {
            fpsr |= Fpscr.IOC;
            return (0, false);
        }
        BigInteger v = 0;
        bool exact = true;
        if (a.Type == FpType.Nonzero)
            (v, exact) = RoundToInteger(a.Sign, a.Mant, a.Exp, FpRounding.Zero);
        uint result = (uint)(v & 0xFFFF_FFFF);
        if (v < int.MinValue || v > int.MaxValue)
        {
            fpsr |= Fpscr.IOC;
            z = false;
        }
        else if (!exact)
        {
            fpsr |= Fpscr.IXC;
            z = false;
        }
        else if (a.Sign && v.IsZero)
        {
            z = false;
        }
        else if (!a.Sign && a.Type == FpType.Zero && (op & 0x000F_FFFF_FFFF_FFFF) != 0)
        {
            z = false;
        }
        return (result, z);
    }

    /// <summary>FPRecpX (FRECPX): the reciprocal exponent, mantissa cleared.</summary>
    public static ulong RecpX(ulong op, int n, uint fpcr, ref uint fpsr)
    {
        var a = Unpack(op, n, fpcr, ref fpsr);
        if (a.IsNaN) return ProcessNaN(a.Type, op, n, fpcr, ref fpsr);
        int e = ExpBits(n), f = FracBits(n);
        ulong exp = (op >> f) & ((1UL << e) - 1);
        ulong maxExp = (1UL << e) - 1;
        ulong sign = op & SignBit(n);
        if (exp == 0)
            return sign | ((maxExp - 1) << f);
        return sign | ((~exp & maxExp) << f);
    }
}
