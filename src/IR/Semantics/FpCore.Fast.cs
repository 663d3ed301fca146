namespace A64Jit.IR.Semantics;

public static partial class FpCore
{
    // Fast paths: when both operands are normal numbers, the rounding mode is round-to-nearest-even and the
    // host's IEEE result is a normal number comfortably above the underflow range, the host result is the
    // Arm result (no NaN, flush or overflow rule applies). Inexactness is then decided exactly from the
    // error term (TwoSum for sums, a fused multiply-add for products, quotients and roots). Anything else
    // takes the exact big-integer path.
    const double TinyD = 1e-280;
    const float TinyF = 1e-30f;

    static bool NormalD(ulong bits) => ((bits >> 52) & 0x7FF) is not (0 or 0x7FF);
    static bool NormalF(ulong bits) => ((bits >> 23) & 0xFF) is not (0 or 0xFF);
    static bool FastMode(uint fpcr) => Fpscr.RMode(fpcr) == FpRounding.TieEven;

    public static bool TryFastBinary(FpOp op, ulong a, ulong b, int n, uint fpcr, ref uint fpsr, out ulong result)
    {
        result = 0;
        if (!FastMode(fpcr))
            return false;
        if (n == 64)
        {
            if (!NormalD(a) || !NormalD(b)
                || !TryHostBinary(op, BitConverter.UInt64BitsToDouble(a), BitConverter.UInt64BitsToDouble(b), TinyD, out double r, out bool exact))
                return false;
            ulong bits = BitConverter.DoubleToUInt64Bits(r);
            if (!NormalD(bits) || Math.Abs(r) < TinyD)
                return false;
            if (!exact) fpsr |= Fpscr.IXC;
            result = bits;
            return true;
        }
        if (n == 32)
        {
            if (!NormalF(a) || !NormalF(b)
                || !TryHostBinary(op, BitConverter.UInt32BitsToSingle((uint)a), BitConverter.UInt32BitsToSingle((uint)b), TinyF, out float r, out bool exact))
                return false;
            uint bits = BitConverter.SingleToUInt32Bits(r);
            if (!NormalF(bits) || MathF.Abs(r) < TinyF)
                return false;
            if (!exact) fpsr |= Fpscr.IXC;
            result = bits;
            return true;
        }
        return false;
    }

    /// <summary>
    /// The host's round-to-nearest result of x op y, and whether it is exact (TwoSum's error term for
    /// sums, a fused multiply-add residual for products and quotients). False for other operations and
    /// for quotients of tiny dividends, which take the exact path.
    /// </summary>
    static bool TryHostBinary<T>(FpOp op, T x, T y, T tiny, out T r, out bool exact) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        switch (op)
        {
            case FpOp.Add:
            case FpOp.Sub:
            {
                if (op == FpOp.Sub) y = -y;
                r = x + y;
                T bb = r - x;
                exact = (x - (r - bb)) + (y - bb) == T.Zero;
                return true;
            }
            case FpOp.Mul:
                r = x * y;
                exact = T.FusedMultiplyAdd(x, y, -r) == T.Zero;
                return true;
            case FpOp.Div when T.Abs(x) >= tiny:
                r = x / y;
                exact = T.FusedMultiplyAdd(-r, y, x) == T.Zero;
                return true;
            default:
                r = T.Zero;
                exact = false;
                return false;
        }
    }

    public static bool TryFastSqrt(ulong a, int n, uint fpcr, ref uint fpsr, out ulong result)
    {
        result = 0;
        if (!FastMode(fpcr))
            return false;
        if (n == 64 && NormalD(a) && (a >> 63) == 0)
        {
            double x = BitConverter.UInt64BitsToDouble(a);
            if (x < TinyD) return false;
            double r = Math.Sqrt(x);
            if (Math.FusedMultiplyAdd(-r, r, x) != 0) fpsr |= Fpscr.IXC;
            result = BitConverter.DoubleToUInt64Bits(r);
            return true;
        }
        if (n == 32 && NormalF(a) && (a >> 31) == 0)
        {
            float x = BitConverter.UInt32BitsToSingle((uint)a);
            if (x < TinyF) return false;
            float r = MathF.Sqrt(x);
            if (MathF.FusedMultiplyAdd(-r, r, x) != 0) fpsr |= Fpscr.IXC;
            result = BitConverter.SingleToUInt32Bits(r);
            return true;
        }
        return false;
    }

    /// <summary>
    /// FMADD family fast path: the host's fused multiply-add rounds once in round-to-nearest. Exactness is
    /// decided by summing the exact error terms (the product's low part, TwoSum errors) as a nonoverlapping
    /// expansion: the result is exact iff that expansion is zero.
    /// </summary>
    public static bool TryFastMulAdd(ulong addend, ulong op1, ulong op2, int n, uint fpcr, ref uint fpsr, out ulong result)
    {
        result = 0;
        if (!FastMode(fpcr))
            return false;
        if (n == 64 && NormalD(addend) && NormalD(op1) && NormalD(op2))
            return FastMulAdd(BitConverter.UInt64BitsToDouble(addend), BitConverter.UInt64BitsToDouble(op1),
                BitConverter.UInt64BitsToDouble(op2), TinyD, ref fpsr, out result, BitConverter.DoubleToUInt64Bits, b => NormalD(b));
        if (n == 32 && NormalF(addend) && NormalF(op1) && NormalF(op2))
            return FastMulAdd(BitConverter.UInt32BitsToSingle((uint)addend), BitConverter.UInt32BitsToSingle((uint)op1),
                BitConverter.UInt32BitsToSingle((uint)op2), TinyF, ref fpsr, out result, f => BitConverter.SingleToUInt32Bits(f), b => NormalF(b));
        return false;
    }

    static bool FastMulAdd<T>(T c, T a, T b, T tiny, ref uint fpsr, out ulong result, Func<T, ulong> bits, Func<ulong, bool> normal)
        where T : System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        result = 0;
        T p = a * b;
        T r = T.FusedMultiplyAdd(a, b, c);
        // Keep every error term out of the subnormal range, and stay away from overflow.
        if (T.Abs(p) < tiny || T.Abs(r) < tiny || !T.IsFinite(p) || !normal(bits(r)))
            return false;
        T pLow = T.FusedMultiplyAdd(a, b, -p);      // a*b = p + pLow exactly
        var (s, e1) = TwoSum(c, p);                 // c + p = s + e1 exactly
        var (u, e2) = TwoSum(s, -r);                // s - r = u + e2 exactly
        // exact - r = u + e2 + e1 + pLow: zero iff the expansion of the four terms is zero.
        Span<T> expansion = [u, e2, e1, pLow];
        bool exact = ExpansionIsZero(expansion);
        if (!exact) fpsr |= Fpscr.IXC;
        result = bits(r);
        return true;
    }

    static (T Sum, T Error) TwoSum<T>(T a, T b) where T : System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        T s = a + b;
        T bb = s - a;
        return (s, (a - (s - bb)) + (b - bb));
    }

    /// <summary>Is the exact sum of the terms zero? Repeated TwoSum passes (distillation) until at most one nonzero term is left.</summary>
    static bool ExpansionIsZero<T>(Span<T> terms) where T : System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        for (int pass = 0; pass < 64; pass++)
        {
            int nonzero = 0;
            foreach (var t in terms)
                if (!T.IsZero(t)) nonzero++;
            if (nonzero == 0) return true;
            if (nonzero == 1) return false;
            // One distillation pass: the sum is preserved exactly; the high parts bubble to the end.
            for (int i = 1; i < terms.Length; i++)
            {
                var (sum, err) = TwoSum(terms[i - 1], terms[i]);
                terms[i - 1] = err;
                terms[i] = sum;
            }
        }
        return false;
    }
}
