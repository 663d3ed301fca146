using System.Numerics;

namespace A64Jit.IR.Semantics;

/// <summary>Rounding modes of the pseudocode's FPRounding (the first four are FPCR.RMode's values).</summary>
public enum FpRounding : byte
{
    TieEven = 0,
    PosInf = 1,
    NegInf = 2,
    Zero = 3,
    TieAway = 4,
    /// <summary>Round to odd (FCVTXN).</summary>
    Odd = 5,
}

/// <summary>FPSR and FPCR bits the floating-point semantics read and write.</summary>
public static class Fpscr
{
    public const uint IOC = 1u << 0, DZC = 1u << 1, OFC = 1u << 2, UFC = 1u << 3, IXC = 1u << 4, IDC = 1u << 7;
    /// <summary>FPSR.QC, the cumulative saturation flag of the Advanced SIMD saturating instructions.</summary>
    public const uint QC = 1u << 27;

    public const uint FZ16 = 1u << 19, FZ = 1u << 24, DN = 1u << 25, AHP = 1u << 26;

    public static FpRounding RMode(uint fpcr) => (FpRounding)((fpcr >> 22) & 3);
}

/// <summary>
/// Arm floating-point arithmetic on IEEE bit patterns (half, single, double), written after the Arm ARM
/// pseudocode (FPUnpack, FPRound, FPProcessNaNs, FPAdd, FPMulAdd, FPToFixed, ...). Values are computed
/// exactly with big integers and rounded once, so every rounding mode, flush-to-zero, default NaN and
/// every cumulative exception flag comes out as the architecture defines it (FPCR trap enables are not
/// supported: Linux leaves them clear). <c>fpsr</c> accumulates the flags the operation raises.
/// </summary>
public static partial class FpCore
{
    public enum FpType : byte { Zero, Nonzero, Infinity, QNaN, SNaN }

    /// <summary>An unpacked operand: value = (-1)^Sign * Mant * 2^Exp for Nonzero.</summary>
    public readonly record struct Unpacked(FpType Type, bool Sign, BigInteger Mant, int Exp)
    {
        public bool IsNaN => Type is FpType.QNaN or FpType.SNaN;
    }

    static int ExpBits(int n) => n switch { 16 => 5, 32 => 8, _ => 11 };
    static int FracBits(int n) => n switch { 16 => 10, 32 => 23, _ => 52 };
    static ulong SignBit(int n) => 1UL << (n - 1);
    static ulong Mask(int n) => n == 64 ? ulong.MaxValue : (1UL << n) - 1;

    static bool FlushToZero(int n, uint fpcr) => n == 16 ? (fpcr & Fpscr.FZ16) != 0 : (fpcr & Fpscr.FZ) != 0;

    public static ulong DefaultNaN(int n) => n switch { 16 => 0x7E00, 32 => 0x7FC0_0000, _ => 0x7FF8_0000_0000_0000 };
    public static ulong Zero(bool sign, int n) => sign ? SignBit(n) : 0;
    public static ulong Infinity(bool sign, int n) => Zero(sign, n) | (((1UL << ExpBits(n)) - 1) << FracBits(n));
    public static ulong MaxNormal(bool sign, int n) => Infinity(sign, n) - 1;
    public static ulong Neg(ulong op, int n) => op ^ SignBit(n);
    public static ulong Abs(ulong op, int n) => op & ~SignBit(n);

    /// <summary>FPUnpack: classifies the operand; a flushed denormal input raises IDC.</summary>
    public static Unpacked Unpack(ulong op, int n, uint fpcr, ref uint fpsr, bool ignoreFz16 = false)
    {
        int e = ExpBits(n), f = FracBits(n);
        bool sign = (op & SignBit(n)) != 0;
        ulong exp = (op >> f) & ((1UL << e) - 1);
        ulong frac = op & ((1UL << f) - 1);
        int bias = (1 << (e - 1)) - 1;
        if (exp == 0)
        {
            if (frac == 0)
                return new(FpType.Zero, sign, 0, 0);
            bool flush = n == 16 ? !ignoreFz16 && (fpcr & Fpscr.FZ16) != 0 : (fpcr & Fpscr.FZ) != 0;
            if (flush)
            {
                // Flushing a half-precision input (FZ16) does not report an input denormal.
                if (n != 16)
                    fpsr |= Fpscr.IDC;
                return new(FpType.Zero, sign, 0, 0);
            }
            return new(FpType.Nonzero, sign, frac, 1 - bias - f);
        }
        if (exp == (1UL << e) - 1)
        {
            if (frac == 0)
                return new(FpType.Infinity, sign, 0, 0);
            return new((frac >> (f - 1)) != 0 ? FpType.QNaN : FpType.SNaN, sign, 0, 0);
        }
        return new(FpType.Nonzero, sign, frac | (1UL << f), (int)exp - bias - f);
    }

    /// <summary>FPProcessNaN: quiets a signalling NaN (raising IOC); DN gives the default NaN.</summary>
    public static ulong ProcessNaN(FpType type, ulong op, int n, uint fpcr, ref uint fpsr)
    {
        ulong result = op;
        if (type == FpType.SNaN)
        {
            result |= 1UL << (FracBits(n) - 1);
            fpsr |= Fpscr.IOC;
        }
        return (fpcr & Fpscr.DN) != 0 ? DefaultNaN(n) : result;
    }

    /// <summary>FPProcessNaNs: the first signalling NaN, else the first quiet NaN; null when neither operand is a NaN.</summary>
    public static ulong? ProcessNaNs(in Unpacked a, in Unpacked b, ulong opA, ulong opB, int n, uint fpcr, ref uint fpsr)
    {
        if (a.Type == FpType.SNaN) return ProcessNaN(a.Type, opA, n, fpcr, ref fpsr);
        if (b.Type == FpType.SNaN) return ProcessNaN(b.Type, opB, n, fpcr, ref fpsr);
        if (a.Type == FpType.QNaN) return ProcessNaN(a.Type, opA, n, fpcr, ref fpsr);
        if (b.Type == FpType.QNaN) return ProcessNaN(b.Type, opB, n, fpcr, ref fpsr);
        return null;
    }

    /// <summary>FPProcessNaNs3.</summary>
    public static ulong? ProcessNaNs3(in Unpacked a, in Unpacked b, in Unpacked c, ulong opA, ulong opB, ulong opC,
        int n, uint fpcr, ref uint fpsr)
    {
        if (a.Type == FpType.SNaN) return ProcessNaN(a.Type, opA, n, fpcr, ref fpsr);
        if (b.Type == FpType.SNaN) return ProcessNaN(b.Type, opB, n, fpcr, ref fpsr);
        if (c.Type == FpType.SNaN) return ProcessNaN(c.Type, opC, n, fpcr, ref fpsr);
        if (a.Type == FpType.QNaN) return ProcessNaN(a.Type, opA, n, fpcr, ref fpsr);
        if (b.Type == FpType.QNaN) return ProcessNaN(b.Type, opB, n, fpcr, ref fpsr);
        if (c.Type == FpType.QNaN) return ProcessNaN(c.Type, opC, n, fpcr, ref fpsr);
        return null;
    }

    /// <summary>
    /// FPRound: rounds the nonzero real (-1)^sign * mant * 2^exp to the n-bit format. Tininess is detected
    /// before rounding, as the architecture does; flush-to-zero of a tiny result raises UFC only.
    /// </summary>
    public static ulong Round(bool sign, BigInteger mant, int exp, int n, uint fpcr, FpRounding rounding, ref uint fpsr,
        bool ignoreFz16 = false, bool altHalf = false)
    {
        int e = ExpBits(n), f = FracBits(n);
        int bias = (1 << (e - 1)) - 1;
        int minExp = 1 - bias;
        int exponent = (int)mant.GetBitLength() - 1 + exp; // floor(log2(value))
        bool flush = n == 16 ? !ignoreFz16 && (fpcr & Fpscr.FZ16) != 0 : (fpcr & Fpscr.FZ) != 0;
        if (flush && exponent < minExp)
        {
            fpsr |= Fpscr.UFC;
            return Zero(sign, n);
        }
        int biasedExp = Math.Max(exponent - minExp + 1, 0);
        // int_mant = RoundDown(value * 2^(F - max(exponent, minExp))).
        int shift = exp + f - Math.Max(exponent, minExp);
        BigInteger intMant;
        int cmpHalf; // error compared with one half: -1 below, 0 equal, 1 above; errorZero says exact
        bool errorZero;
        if (shift >= 0)
        {
            intMant = mant << shift;
            errorZero = true;
            cmpHalf = -1;
        }
        else
        {
            intMant = mant >> -shift;
            var rem = mant - (intMant << -shift);
            errorZero = rem.IsZero;
            var half = BigInteger.One << (-shift - 1);
            cmpHalf = rem.CompareTo(half);
        }
        if (biasedExp == 0 && !errorZero)
            fpsr |= Fpscr.UFC;

        bool odd = !intMant.IsEven;
        bool roundUp, overflowToInf;
        switch (rounding)
        {
            case FpRounding.TieEven: roundUp = cmpHalf > 0 || (cmpHalf == 0 && odd); overflowToInf = true; break;
            case FpRounding.TieAway: roundUp = cmpHalf >= 0; overflowToInf = true; break;
            case FpRounding.PosInf: roundUp = !errorZero && !sign; overflowToInf = !sign; break;
            case FpRounding.NegInf: roundUp = !errorZero && sign; overflowToInf = sign; break;
            default: roundUp = false; overflowToInf = false; break;
        }
        if (roundUp)
        {
            intMant += 1;
            if (intMant == (BigInteger.One << f))
                biasedExp = 1; // rounded up from denormalized to normalized
            if (intMant == (BigInteger.One << (f + 1)))
            {
                biasedExp++;
                intMant >>= 1;
            }
        }
        if (rounding == FpRounding.Odd && !errorZero)
            intMant |= 1;

        ulong result;
        if (altHalf)
        {
            // Alternative half precision: exponent 31 is usable; beyond it the result saturates with IOC.
            if (biasedExp >= 1 << e)
            {
                fpsr |= Fpscr.IOC;
                return Zero(sign, n) | 0x7FFF;
            }
            result = Zero(sign, n) | ((ulong)biasedExp << f) | ((ulong)(intMant & ((BigInteger.One << f) - 1)));
        }
        else if (biasedExp >= (1 << e) - 1)
        {
            result = overflowToInf ? Infinity(sign, n) : MaxNormal(sign, n);
            fpsr |= Fpscr.OFC;
            errorZero = false;
        }
        else
        {
            result = Zero(sign, n) | ((ulong)biasedExp << f) | ((ulong)(intMant & ((BigInteger.One << f) - 1)));
        }
        if (!errorZero)
            fpsr |= Fpscr.IXC;
        return result;
    }

    static FpRounding Mode(uint fpcr) => Fpscr.RMode(fpcr);

    /// <summary>Signed real value of an unpacked finite operand (zero for Zero).</summary>
    static BigInteger Signed(in Unpacked u) => u.Type == FpType.Nonzero ? (u.Sign ? -u.Mant : u.Mant) : BigInteger.Zero;

    /// <summary>Adds two finite reals given as (signed mantissa, exponent); returns (signed mantissa, exponent).</summary>
    static (BigInteger Mant, int Exp) AddReal(BigInteger m1, int e1, BigInteger m2, int e2)
    {
        if (m1.IsZero) return (m2, e2);
        if (m2.IsZero) return (m1, e1);
        int e = Math.Min(e1, e2);
        return ((m1 << (e1 - e)) + (m2 << (e2 - e)), e);
    }

    /// <summary>Rounds an exact signed real; an exact zero takes the sign the rounding mode gives (FPAdd).</summary>
    static ulong RoundSigned(BigInteger m, int e, int n, uint fpcr, FpRounding rounding, ref uint fpsr)
    {
        if (m.IsZero)
            return Zero(rounding == FpRounding.NegInf, n);
        return Round(m.Sign < 0, BigInteger.Abs(m), e, n, fpcr, rounding, ref fpsr);
    }

    /// <summary>FPAdd, or FPSub when <paramref name="subtract"/>.</summary>
    public static ulong Add(ulong op1, ulong op2, int n, uint fpcr, ref uint fpsr, bool subtract = false)
    {
        if (TryFastBinary(subtract ? FpOp.Sub : FpOp.Add, op1, op2, n, fpcr, ref fpsr, out ulong fast))
            return fast;
        var a = Unpack(op1, n, fpcr, ref fpsr);
        var b = Unpack(op2, n, fpcr, ref fpsr);
        if (ProcessNaNs(a, b, op1, op2, n, fpcr, ref fpsr) is ulong nan)
            return nan;
        bool sign2 = b.Sign ^ subtract;
        bool inf1 = a.Type == FpType.Infinity, inf2 = b.Type == FpType.Infinity;
        bool zero1 = a.Type == FpType.Zero, zero2 = b.Type == FpType.Zero;
        if (inf1 && inf2 && a.Sign != sign2)
        {
            fpsr |= Fpscr.IOC;
            return DefaultNaN(n);
        }
        if ((inf1 && !a.Sign) || (inf2 && !sign2)) return Infinity(false, n);
        if ((inf1 && a.Sign) || (inf2 && sign2)) return Infinity(true, n);
        if (zero1 && zero2 && a.Sign == sign2) return Zero(a.Sign, n);
        var m2 = Signed(b);
        if (subtract) m2 = -m2;
        var (m, e) = AddReal(Signed(a), a.Exp, m2, b.Exp);
        return RoundSigned(m, e, n, fpcr, Mode(fpcr), ref fpsr);
    }

    /// <summary>FPMul.</summary>
    public static ulong Mul(ulong op1, ulong op2, int n, uint fpcr, ref uint fpsr)
    {
        if (TryFastBinary(FpOp.Mul, op1, op2, n, fpcr, ref fpsr, out ulong fast))
            return fast;
        return Multiply(op1, op2, n, fpcr, ref fpsr, extended: false);
    }

    /// <summary>FPMulX: as FPMul, but infinity times zero is 2.0 with the product's sign.</summary>
    public static ulong MulX(ulong op1, ulong op2, int n, uint fpcr, ref uint fpsr) =>
        Multiply(op1, op2, n, fpcr, ref fpsr, extended: true);

    /// <summary>The body FPMul and FPMulX share; they differ only in infinity times zero.</summary>
    static ulong Multiply(ulong op1, ulong op2, int n, uint fpcr, ref uint fpsr, bool extended)
    {
        var a = Unpack(op1, n, fpcr, ref fpsr);
        var b = Unpack(op2, n, fpcr, ref fpsr);
        if (ProcessNaNs(a, b, op1, op2, n, fpcr, ref fpsr) is ulong nan)
            return nan;
        bool sign = a.Sign ^ b.Sign;
        bool inf1 = a.Type == FpType.Infinity, inf2 = b.Type == FpType.Infinity;
        bool zero1 = a.Type == FpType.Zero, zero2 = b.Type == FpType.Zero;
        if ((inf1 && zero2) || (zero1 && inf2))
        {
            if (extended)
                return Two(sign, n);
            fpsr |= Fpscr.IOC;
            return DefaultNaN(n);
        }
        if (inf1 || inf2) return Infinity(sign, n);
        if (zero1 || zero2) return Zero(sign, n);
        return Round(sign, a.Mant * b.Mant, a.Exp + b.Exp, n, fpcr, Mode(fpcr), ref fpsr);
    }

    static ulong Two(bool sign, int n) => Zero(sign, n) | ((ulong)(1 << (ExpBits(n) - 1)) << FracBits(n));
    static ulong OnePointFive(bool sign, int n) => Zero(sign, n) | ((((1UL << (ExpBits(n) - 1)) - 1) << FracBits(n)) | (1UL << (FracBits(n) - 1)));
    static ulong Three(bool sign, int n) => Two(sign, n) | (1UL << (FracBits(n) - 1));

    /// <summary>FPDiv.</summary>
    public static ulong Div(ulong op1, ulong op2, int n, uint fpcr, ref uint fpsr)
    {
        if (TryFastBinary(FpOp.Div, op1, op2, n, fpcr, ref fpsr, out ulong fast))
            return fast;
        var a = Unpack(op1, n, fpcr, ref fpsr);
        var b = Unpack(op2, n, fpcr, ref fpsr);
        if (ProcessNaNs(a, b, op1, op2, n, fpcr, ref fpsr) is ulong nan)
            return nan;
        bool sign = a.Sign ^ b.Sign;
        bool inf1 = a.Type == FpType.Infinity, inf2 = b.Type == FpType.Infinity;
        bool zero1 = a.Type == FpType.Zero, zero2 = b.Type == FpType.Zero;
        if ((inf1 && inf2) || (zero1 && zero2))
        {
            fpsr |= Fpscr.IOC;
            return DefaultNaN(n);
        }
        if (inf1 || zero2)
        {
            if (!inf1)
                fpsr |= Fpscr.DZC;
            return Infinity(sign, n);
        }
        if (zero1 || inf2) return Zero(sign, n);
        // Enough quotient bits for any format, plus a sticky bit for the remainder.
        int extra = 64 + 4 + (int)b.Mant.GetBitLength();
        var q = BigInteger.DivRem(a.Mant << extra, b.Mant, out var rem);
        q <<= 1;
        if (!rem.IsZero) q += 1;
        return Round(sign, q, a.Exp - b.Exp - extra - 1, n, fpcr, Mode(fpcr), ref fpsr);
    }

    /// <summary>FPSqrt.</summary>
    public static ulong Sqrt(ulong op, int n, uint fpcr, ref uint fpsr)
    {
        if (TryFastSqrt(op, n, fpcr, ref fpsr, out ulong fast))
            return fast;
        var a = Unpack(op, n, fpcr, ref fpsr);
        if (a.IsNaN) return ProcessNaN(a.Type, op, n, fpcr, ref fpsr);
        if (a.Type == FpType.Zero) return op & (SignBit(n) | 0);
        if (a.Type == FpType.Infinity && !a.Sign) return Infinity(false, n);
        if (a.Sign)
        {
            fpsr |= Fpscr.IOC;
            return DefaultNaN(n);
        }
        var m = a.Mant;
        int e = a.Exp;
        // Scale to an even exponent with plenty of bits, take the integer root, keep a sticky bit.
        int scale = 2 * 70 - (int)m.GetBitLength();
        if (scale < 0) scale = 0;
        if (((e - scale) & 1) != 0) scale++;
        m <<= scale;
        e -= scale;
        var root = ISqrt(m);
        var r = root << 1;
        if (root * root != m) r += 1;
        return Round(false, r, e / 2 - 1, n, fpcr, Mode(fpcr), ref fpsr);
    }

    static BigInteger ISqrt(BigInteger v)
    {
        if (v.IsZero) return 0;
        var x = BigInteger.One << (int)((v.GetBitLength() + 1) / 2);
        while (true)
        {
            var y = (x + v / x) >> 1;
            if (y >= x) return x;
            x = y;
        }
    }

    /// <summary>FPMulAdd: addend + op1 * op2 with one rounding. Negations (FMSUB, FNMADD) are applied by the caller with <see cref="Neg"/>.</summary>
    public static ulong MulAdd(ulong addend, ulong op1, ulong op2, int n, uint fpcr, ref uint fpsr)
    {
        if (TryFastMulAdd(addend, op1, op2, n, fpcr, ref fpsr, out ulong fast))
            return fast;
        var c = Unpack(addend, n, fpcr, ref fpsr);
        var a = Unpack(op1, n, fpcr, ref fpsr);
        var b = Unpack(op2, n, fpcr, ref fpsr);
        bool inf1 = a.Type == FpType.Infinity, inf2 = b.Type == FpType.Infinity;
        bool zero1 = a.Type == FpType.Zero, zero2 = b.Type == FpType.Zero;
        var nan = ProcessNaNs3(c, a, b, addend, op1, op2, n, fpcr, ref fpsr);
        if (c.Type == FpType.QNaN && ((inf1 && zero2) || (zero1 && inf2)))
        {
            fpsr |= Fpscr.IOC;
            return DefaultNaN(n);
        }
        if (nan is ulong r)
            return r;
        bool infA = c.Type == FpType.Infinity, zeroA = c.Type == FpType.Zero;
        bool signP = a.Sign ^ b.Sign, infP = inf1 || inf2, zeroP = zero1 || zero2;
        if ((inf1 && zero2) || (zero1 && inf2) || (infA && infP && c.Sign != signP))
        {
            fpsr |= Fpscr.IOC;
            return DefaultNaN(n);
        }
        if ((infA && !c.Sign) || (infP && !signP)) return Infinity(false, n);
        if ((infA && c.Sign) || (infP && signP)) return Infinity(true, n);
        if (zeroA && zeroP && c.Sign == signP) return Zero(c.Sign, n);
        var product = zeroP ? BigInteger.Zero : (signP ? -(a.Mant * b.Mant) : a.Mant * b.Mant);
        var (m, e) = AddReal(Signed(c), c.Exp, product, a.Exp + b.Exp);
        return RoundSigned(m, e, n, fpcr, Mode(fpcr), ref fpsr);
    }

    /// <summary>
    /// FPMulAddH (FMLAL, FMLSL): single-precision addend + half-precision op1 * op2, fused and rounded to single.
    /// A NaN operand of half precision is quieted in half precision, then converted (FPProcessNaNs3H).
    /// </summary>
    public static ulong MulAddH(ulong addend, ulong op1, ulong op2, uint fpcr, ref uint fpsr)
    {
        var c = Unpack(addend, 32, fpcr, ref fpsr);
        var a = Unpack(op1, 16, fpcr, ref fpsr);
        var b = Unpack(op2, 16, fpcr, ref fpsr);
        bool inf1 = a.Type == FpType.Infinity, inf2 = b.Type == FpType.Infinity;
        bool zero1 = a.Type == FpType.Zero, zero2 = b.Type == FpType.Zero;
        ulong? nan = null;
        FpType[] order = [FpType.SNaN, FpType.QNaN];
        foreach (var kind in order)
        {
            if (nan is not null)
                break;
            if (c.Type == kind)
                nan = ProcessNaN(c.Type, addend, 32, fpcr, ref fpsr);
            else if (a.Type == kind)
                nan = HalfNaNToSingle(a.Type, op1, fpcr, ref fpsr);
            else if (b.Type == kind)
                nan = HalfNaNToSingle(b.Type, op2, fpcr, ref fpsr);
        }
        if (c.Type == FpType.QNaN && ((inf1 && zero2) || (zero1 && inf2)))
        {
            fpsr |= Fpscr.IOC;
            return DefaultNaN(32);
        }
        if (nan is ulong r)
            return r;
        bool infA = c.Type == FpType.Infinity, zeroA = c.Type == FpType.Zero;
        bool signP = a.Sign ^ b.Sign, infP = inf1 || inf2, zeroP = zero1 || zero2;
        if ((inf1 && zero2) || (zero1 && inf2) || (infA && infP && c.Sign != signP))
        {
            fpsr |= Fpscr.IOC;
            return DefaultNaN(32);
        }
        if ((infA && !c.Sign) || (infP && !signP)) return Infinity(false, 32);
        if ((infA && c.Sign) || (infP && signP)) return Infinity(true, 32);
        if (zeroA && zeroP && c.Sign == signP) return Zero(c.Sign, 32);
        var product = zeroP ? BigInteger.Zero : (signP ? -(a.Mant * b.Mant) : a.Mant * b.Mant);
        var (m, e) = AddReal(Signed(c), c.Exp, product, a.Exp + b.Exp);
        return RoundSigned(m, e, 32, fpcr, Mode(fpcr), ref fpsr);
    }

    static ulong HalfNaNToSingle(FpType type, ulong op, uint fpcr, ref uint fpsr)
    {
        ulong quiet = ProcessNaN(type, op, 16, fpcr & ~Fpscr.DN, ref fpsr);
        if ((fpcr & Fpscr.DN) != 0)
            return DefaultNaN(32);
        uint scratch = 0;
        // FPConvertNaN is a bit-level conversion: FPCR.AHP does not apply.
        return Convert(quiet, 16, 32, fpcr & ~Fpscr.AHP, ref scratch, FpRounding.TieEven);
    }

    /// <summary>
    /// FPRecipStepFused (FRECPS, 2 - op1*op2) or FPRSqrtStepFused (FRSQRTS, (3 - op1*op2) / 2), op1 negated first as the pseudocode does.
    /// </summary>
    public static ulong StepFused(ulong op1, ulong op2, int n, uint fpcr, ref uint fpsr, bool rsqrt)
    {
        op1 = Neg(op1, n);
        var a = Unpack(op1, n, fpcr, ref fpsr);
        var b = Unpack(op2, n, fpcr, ref fpsr);
        if (ProcessNaNs(a, b, op1, op2, n, fpcr, ref fpsr) is ulong nan)
            return nan;
        bool inf1 = a.Type == FpType.Infinity, inf2 = b.Type == FpType.Infinity;
        bool zero1 = a.Type == FpType.Zero, zero2 = b.Type == FpType.Zero;
        if ((inf1 && zero2) || (zero1 && inf2))
            return rsqrt ? OnePointFive(false, n) : Two(false, n);
        if (inf1 || inf2) return Infinity(a.Sign ^ b.Sign, n);
        // 2 + (-op1 * op2), or (3 + (-op1 * op2)) / 2
        var product = zero1 || zero2 ? BigInteger.Zero : (a.Sign ^ b.Sign ? -(a.Mant * b.Mant) : a.Mant * b.Mant);
        var (m, e) = AddReal(rsqrt ? 3 : 2, 0, product, a.Exp + b.Exp);
        if (rsqrt) e -= 1;
        return RoundSigned(m, e, n, fpcr, Mode(fpcr), ref fpsr);
    }

    /// <summary>Compares two non-NaN unpacked values: -1, 0, 1.</summary>
    static int CompareValues(in Unpacked a, in Unpacked b)
    {
        int Rank(in Unpacked u) => u.Type == FpType.Infinity ? (u.Sign ? -1 : 1) : 0;
        int ra = Rank(a), rb = Rank(b);
        if (ra != 0 || rb != 0) return ra.CompareTo(rb);
        var ma = Signed(a);
        var mb = Signed(b);
        if (ma.IsZero || mb.IsZero) return ma.Sign.CompareTo(mb.Sign);
        if (ma.Sign != mb.Sign) return ma.Sign.CompareTo(mb.Sign);
        int e = Math.Min(a.Exp, b.Exp);
        return (ma << (a.Exp - e)).CompareTo(mb << (b.Exp - e));
    }

    /// <summary>FPMax / FPMin.</summary>
    public static ulong MaxMin(ulong op1, ulong op2, int n, uint fpcr, ref uint fpsr, bool max)
    {
        var a = Unpack(op1, n, fpcr, ref fpsr);
        var b = Unpack(op2, n, fpcr, ref fpsr);
        if (ProcessNaNs(a, b, op1, op2, n, fpcr, ref fpsr) is ulong nan)
            return nan;
        int cmp = CompareValues(a, b);
        bool first = max ? cmp > 0 : cmp < 0;
        var (u, op) = first ? (a, op1) : (b, op2);
        if (u.Type == FpType.Infinity) return Infinity(u.Sign, n);
        if (u.Type == FpType.Zero) return Zero(max ? a.Sign && b.Sign : a.Sign || b.Sign, n);
        return Round(u.Sign, u.Mant, u.Exp, n, fpcr, FpRounding.TieEven, ref fpsr);
    }

    /// <summary>FPMaxNum / FPMinNum: a quiet NaN against a number gives the number.</summary>
    public static ulong MaxMinNum(ulong op1, ulong op2, int n, uint fpcr, ref uint fpsr, bool max)
    {
        uint scratch = 0;
        var a = Unpack(op1, n, fpcr, ref scratch);
        var b = Unpack(op2, n, fpcr, ref scratch);
        if (a.Type == FpType.QNaN && b.Type != FpType.QNaN)
            op1 = Infinity(max, n);
        else if (a.Type != FpType.QNaN && b.Type == FpType.QNaN)
            op2 = Infinity(max, n);
        return MaxMin(op1, op2, n, fpcr, ref fpsr, max);
    }

    /// <summary>FPCompare: NZCV (in NZCV-register layout) of op1 against op2; <paramref name="signalNaNs"/> for FCMPE.</summary>
    public static uint Compare(ulong op1, ulong op2, int n, uint fpcr, ref uint fpsr, bool signalNaNs)
    {
        var a = Unpack(op1, n, fpcr, ref fpsr);
        var b = Unpack(op2, n, fpcr, ref fpsr);
        if (a.IsNaN || b.IsNaN)
        {
            if (a.Type == FpType.SNaN || b.Type == FpType.SNaN || signalNaNs)
                fpsr |= Fpscr.IOC;
            return 0x3000_0000;
        }
        int cmp = CompareValues(a, b);
        return cmp == 0 ? 0x6000_0000u : cmp < 0 ? 0x8000_0000u : 0x2000_0000u;
    }

    public enum CompareKind : byte { Eq, Ge, Gt }

    /// <summary>FPCompareEQ / GE / GT as used by the vector compares: true, false (NaN), with IOC as the pseudocode raises it.</summary>
    public static bool CompareOrdered(ulong op1, ulong op2, int n, uint fpcr, ref uint fpsr, CompareKind kind)
    {
        var a = Unpack(op1, n, fpcr, ref fpsr);
        var b = Unpack(op2, n, fpcr, ref fpsr);
        if (a.IsNaN || b.IsNaN)
        {
            if (kind != CompareKind.Eq || a.Type == FpType.SNaN || b.Type == FpType.SNaN)
                fpsr |= Fpscr.IOC;
            return false;
        }
        int cmp = CompareValues(a, b);
        return kind switch { CompareKind.Eq => cmp == 0, CompareKind.Ge => cmp >= 0, _ => cmp > 0 };
    }
}
