using System.Numerics;

namespace A64Jit.IR.Semantics;

/// <summary>Lane-wise integer semantics of the VecUnary, VecBinary and saturating opcodes.</summary>
public static class SimdOps
{
    static ulong Lane(UInt128 v, int esize, int i) => IrInterpreter.Lane(v, esize, i);
    static UInt128 Set(UInt128 v, int esize, int i, ulong x) => IrInterpreter.WithLane(v, esize, i, x);
    static ulong Ones(int n) => n >= 64 ? ulong.MaxValue : (1UL << n) - 1;
    static long SignedLane(UInt128 v, int esize, int i) => SignExtend(Lane(v, esize, i), esize);
    static long SignExtend(ulong x, int n) => n >= 64 ? (long)x : (long)(x << (64 - n)) >> (64 - n);
    static ulong Bool(bool b, int n) => b ? Ones(n) : 0;

    public static UInt128 Unary(SimdAux aux, UInt128 x)
    {
        var op = (VecOp)aux.Op;
        int n = aux.ESize;
        UInt128 r = 0;
        switch (op)
        {
            case VecOp.Narrow:
                for (int i = 0; i < aux.Lanes; i++)
                    r = Set(r, n / 2, i, Lane(x, n, i));
                return r;
            case VecOp.SWiden:
            case VecOp.UWiden:
                for (int i = 0; i < aux.Lanes; i++)
                    r = Set(r, 2 * n, i, op == VecOp.SWiden ? (ulong)SignedLane(x, n, i) : Lane(x, n, i));
                return r;
            case VecOp.SAddLP:
            case VecOp.UAddLP:
                for (int i = 0; i < aux.Lanes; i++)
                {
                    ulong s = op == VecOp.SAddLP
                        ? (ulong)(SignedLane(x, n, 2 * i) + SignedLane(x, n, 2 * i + 1))
                        : Lane(x, n, 2 * i) + Lane(x, n, 2 * i + 1);
                    r = Set(r, 2 * n, i, s);
                }
                return r;
            case VecOp.AddV:
            case VecOp.SAddLV:
            case VecOp.UAddLV:
            {
                long sum = 0;
                for (int i = 0; i < aux.Lanes; i++)
                    sum += op == VecOp.SAddLV ? SignedLane(x, n, i) : (long)Lane(x, n, i);
                return (ulong)sum & Ones(op == VecOp.AddV ? n : 2 * n);
            }
            case VecOp.SMaxV:
            case VecOp.SMinV:
            {
                long best = SignedLane(x, n, 0);
                for (int i = 1; i < aux.Lanes; i++)
                    best = op == VecOp.SMaxV ? Math.Max(best, SignedLane(x, n, i)) : Math.Min(best, SignedLane(x, n, i));
                return (ulong)best & Ones(n);
            }
            case VecOp.UMaxV:
            case VecOp.UMinV:
            {
                ulong best = Lane(x, n, 0);
                for (int i = 1; i < aux.Lanes; i++)
                    best = op == VecOp.UMaxV ? Math.Max(best, Lane(x, n, i)) : Math.Min(best, Lane(x, n, i));
                return best;
            }
            case VecOp.DupElement:
            {
                ulong e = Lane(x, n, aux.Imm);
                for (int i = 0; i < aux.Lanes; i++)
                    r = Set(r, n, i, e);
                return r;
            }
            case VecOp.Rev:
            {
                int per = aux.Imm / n; // elements per container
                for (int i = 0; i < aux.Lanes; i++)
                {
                    int container = i / per, within = i % per;
                    r = Set(r, n, container * per + (per - 1 - within), Lane(x, n, i));
                }
                return r;
            }
        }
        for (int i = 0; i < aux.Lanes; i++)
        {
            ulong e = Lane(x, n, i);
            long s = SignExtend(e, n);
            int sh = aux.Imm;
            ulong y = op switch
            {
                VecOp.Not => ~e,
                VecOp.Neg => (ulong)-s,
                VecOp.Abs => (ulong)(s < 0 ? -s : s),
                VecOp.Cnt => (ulong)BitOperations.PopCount(e),
                VecOp.Clz => (ulong)(BitOperations.LeadingZeroCount(e) - (64 - n)),
                VecOp.Cls => (ulong)(BitOperations.LeadingZeroCount((ulong)(s ^ (s >> 1)) & Ones(n)) - (64 - n) - 1),
                VecOp.Rbit => ReverseBits(e, n),
                VecOp.ShlImm => sh >= 64 ? 0 : e << sh,
                VecOp.UShrImm => sh >= n ? 0 : e >> sh,
                VecOp.SShrImm => (ulong)(s >> Math.Min(sh, 63)),
                VecOp.URShrImm => (ulong)(((UInt128)e + ((UInt128)1 << (sh - 1))) >> sh),
                VecOp.SRShrImm => (ulong)(((Int128)s + ((Int128)1 << (sh - 1))) >> sh),
                VecOp.URecpe => (e >> 31) == 0 ? 0xFFFF_FFFF : (ulong)FpCore.RecipEstimateInt((uint)(e >> 23)) << 23,
                VecOp.URSqrte => (e >> 30) == 0 ? 0xFFFF_FFFF : (ulong)FpCore.RecipSqrtEstimateInt((uint)(e >> 23)) << 23,
                VecOp.CmEqZero => Bool(s == 0, n),
                VecOp.CmGeZero => Bool(s >= 0, n),
                VecOp.CmGtZero => Bool(s > 0, n),
                VecOp.CmLeZero => Bool(s <= 0, n),
                VecOp.CmLtZero => Bool(s < 0, n),
                _ => throw new InvalidOperationException($"VecUnary cannot do {op}"),
            };
            r = Set(r, n, i, y);
        }
        return r;
    }

    static ulong ReverseBits(ulong e, int n)
    {
        ulong r = 0;
        for (int b = 0; b < n; b++)
            if ((e >> b & 1) != 0)
                r |= 1UL << (n - 1 - b);
        return r;
    }

    public static UInt128 Binary(SimdAux aux, UInt128 x, UInt128 y)
    {
        var op = (VecOp)aux.Op;
        int n = aux.ESize, lanes = aux.Lanes;
        UInt128 r = 0;
        switch (op)
        {
            case VecOp.Zip1:
            case VecOp.Zip2:
            {
                int basis = op == VecOp.Zip1 ? 0 : lanes / 2;
                for (int p = 0; p < lanes / 2; p++)
                {
                    r = Set(r, n, 2 * p, Lane(x, n, basis + p));
                    r = Set(r, n, 2 * p + 1, Lane(y, n, basis + p));
                }
                return r;
            }
            case VecOp.Uzp1:
            case VecOp.Uzp2:
            {
                int part = op == VecOp.Uzp1 ? 0 : 1;
                for (int e = 0; e < lanes; e++)
                {
                    int j = 2 * e + part;
                    r = Set(r, n, e, j < lanes ? Lane(x, n, j) : Lane(y, n, j - lanes));
                }
                return r;
            }
            case VecOp.Trn1:
            case VecOp.Trn2:
            {
                int part = op == VecOp.Trn1 ? 0 : 1;
                for (int p = 0; p < lanes / 2; p++)
                {
                    r = Set(r, n, 2 * p, Lane(x, n, 2 * p + part));
                    r = Set(r, n, 2 * p + 1, Lane(y, n, 2 * p + part));
                }
                return r;
            }
            case VecOp.Ext:
                for (int i = 0; i < lanes; i++)
                {
                    int j = i + aux.Imm;
                    r = Set(r, 8, i, j < lanes ? Lane(x, 8, j) : Lane(y, 8, j - lanes));
                }
                return r;
            case VecOp.PMull:
                for (int i = 0; i < lanes; i++)
                {
                    UInt128 p = PolyMul(Lane(x, n, i), Lane(y, n, i), n);
                    if (n == 64)
                        return p;
                    r = Set(r, 2 * n, i, (ulong)p);
                }
                return r;
            case VecOp.SDot:
            case VecOp.UDot:
                for (int i = 0; i < lanes; i++)
                {
                    long sum = 0;
                    for (int k = 0; k < 4; k++)
                        sum += op == VecOp.SDot
                            ? (long)SignedLane(x, 8, 4 * i + k) * SignedLane(y, 8, 4 * i + k)
                            : (long)(Lane(x, 8, 4 * i + k) * Lane(y, 8, 4 * i + k));
                    r = Set(r, 32, i, (ulong)sum);
                }
                return r;
        }
        bool pairwise = op is VecOp.AddP or VecOp.SMaxP or VecOp.SMinP or VecOp.UMaxP or VecOp.UMinP;
        for (int i = 0; i < lanes; i++)
        {
            ulong a, b;
            if (pairwise)
            {
                int j = 2 * i;
                a = j < lanes ? Lane(x, n, j) : Lane(y, n, j - lanes);
                b = j + 1 < lanes ? Lane(x, n, j + 1) : Lane(y, n, j + 1 - lanes);
            }
            else
            {
                a = Lane(x, n, i);
                b = Lane(y, n, i);
            }
            long sa = SignExtend(a, n), sb = SignExtend(b, n);
            ulong v = op switch
            {
                VecOp.Add or VecOp.AddP => a + b,
                VecOp.Sub => a - b,
                VecOp.Mul => a * b,
                VecOp.And => a & b,
                VecOp.Bic => a & ~b,
                VecOp.Orr => a | b,
                VecOp.Orn => a | ~b,
                VecOp.Eor => a ^ b,
                VecOp.CmEq => Bool(a == b, n),
                VecOp.CmGt => Bool(sa > sb, n),
                VecOp.CmGe => Bool(sa >= sb, n),
                VecOp.CmHi => Bool(a > b, n),
                VecOp.CmHs => Bool(a >= b, n),
                VecOp.CmTst => Bool((a & b) != 0, n),
                VecOp.SMax or VecOp.SMaxP => (ulong)Math.Max(sa, sb),
                VecOp.SMin or VecOp.SMinP => (ulong)Math.Min(sa, sb),
                VecOp.UMax or VecOp.UMaxP => Math.Max(a, b),
                VecOp.UMin or VecOp.UMinP => Math.Min(a, b),
                VecOp.SAbd => (ulong)Int128.Abs((Int128)sa - sb),
                VecOp.UAbd => a > b ? a - b : b - a,
                VecOp.SHAdd => (ulong)(((Int128)sa + sb) >> 1),
                VecOp.UHAdd => (ulong)(((UInt128)a + b) >> 1),
                VecOp.SRHAdd => (ulong)(((Int128)sa + sb + 1) >> 1),
                VecOp.URHAdd => (ulong)(((UInt128)a + b + 1) >> 1),
                VecOp.SHSub => (ulong)(((Int128)sa - sb) >> 1),
                VecOp.UHSub => (ulong)(((Int128)a - (Int128)b) >> 1),
                VecOp.SShl => (ulong)ShiftSigned(sa, (sbyte)b, rounding: false),
                VecOp.SRShl => (ulong)ShiftSigned(sa, (sbyte)b, rounding: true),
                VecOp.UShl => (ulong)ShiftUnsigned(a, (sbyte)b, rounding: false),
                VecOp.URShl => (ulong)ShiftUnsigned(a, (sbyte)b, rounding: true),
                VecOp.PMul => (ulong)PolyMul(a, b, n),
                VecOp.Sri => aux.Imm >= n ? a : (a & ~(Ones(n) >> aux.Imm)) | (b >> aux.Imm),
                VecOp.Sli => (a & Ones(aux.Imm)) | (b << aux.Imm),
                _ => throw new InvalidOperationException($"VecBinary cannot do {op}"),
            };
            r = Set(r, n, i, v);
        }
        return r;
    }

    /// <summary>Shift of a signed element by a signed amount (negative shifts right), as SSHL/SRSHL: exact in 128 bits.</summary>
    static Int128 ShiftSigned(long value, int shift, bool rounding)
    {
        if (shift >= 0)
            return shift >= 64 ? 0 : (Int128)value << shift;
        int right = -shift;
        // Beyond 64 bits the (rounded) result is the sign (or 0 when rounding: x + 2^(r-1) lies in [0, 2^r)).
        if (right > 64)
            return rounding || value >= 0 ? 0 : -1;
        Int128 v = value;
        if (rounding)
            v += (Int128)1 << (right - 1);
        return v >> right;
    }

    static UInt128 ShiftUnsigned(ulong value, int shift, bool rounding)
    {
        if (shift >= 0)
            return shift >= 64 ? 0 : (UInt128)value << shift;
        int right = -shift;
        if (right > 64)
            return 0;
        UInt128 v = value;
        if (rounding)
            v += (UInt128)1 << (right - 1);
        return v >> right;
    }

    /// <summary>Carry-less multiply of two <paramref name="n"/>-bit polynomials.</summary>
    public static UInt128 PolyMul(ulong a, ulong b, int n)
    {
        UInt128 r = 0;
        for (int i = 0; i < n; i++)
            if ((b >> i & 1) != 0)
                r ^= (UInt128)a << i;
        return r;
    }

    /// <summary>TBL/TBX step: indices in [first, first + tableBytes) pick from table1:table0.</summary>
    public static UInt128 TableLookup(UInt128 t0, UInt128 t1, UInt128 indices, UInt128 fallback, int first, int tableBytes, int lanes)
    {
        UInt128 r = 0;
        for (int i = 0; i < lanes; i++)
        {
            int index = (int)Lane(indices, 8, i) - first;
            ulong v = index >= 0 && index < tableBytes
                ? (index < 16 ? Lane(t0, 8, index) : Lane(t1, 8, index - 16))
                : Lane(fallback, 8, i);
            r = Set(r, 8, i, v);
        }
        return r;
    }

    /// <summary>Saturate a value to n bits, signed or unsigned; sets <paramref name="saturated"/> when clipped.</summary>
    static ulong Sat(BigInteger v, int n, bool unsigned, ref bool saturated)
    {
        BigInteger min = unsigned ? 0 : -(BigInteger.One << (n - 1));
        BigInteger max = unsigned ? (BigInteger.One << n) - 1 : (BigInteger.One << (n - 1)) - 1;
        if (v > max) { saturated = true; v = max; }
        else if (v < min) { saturated = true; v = min; }
        return (ulong)(v & ((BigInteger.One << 64) - 1));
    }

    static BigInteger ShiftBig(BigInteger v, int shift, bool rounding)
    {
        if (shift >= 0)
            return v << shift;
        if (rounding)
            v += BigInteger.One << (-shift - 1);
        return v >> -shift;
    }

    /// <summary>The saturating operations; <paramref name="acc"/> is only used by SQRDMLAH/SQRDMLSH.</summary>
    public static UInt128 Saturating(SimdAux aux, UInt128 acc, UInt128 x, UInt128 y, ref bool saturated)
    {
        var op = (VecOp)aux.Op;
        int n = aux.ESize;
        UInt128 r = 0;
        for (int i = 0; i < aux.Lanes; i++)
        {
            BigInteger sa = SignedLane(x, n, i), ua = Lane(x, n, i);
            BigInteger sb = SignedLane(y, n, i), ub = Lane(y, n, i);
            int outSize = n;
            ulong v;
            switch (op)
            {
                case VecOp.SQAbs: v = Sat(BigInteger.Abs(sa), n, false, ref saturated); break;
                case VecOp.SQNeg: v = Sat(-sa, n, false, ref saturated); break;
                case VecOp.SQXtn: v = Sat(sa, n / 2, false, ref saturated); outSize = n / 2; break;
                case VecOp.UQXtn: v = Sat(ua, n / 2, true, ref saturated); outSize = n / 2; break;
                case VecOp.SQXtun: v = Sat(sa, n / 2, true, ref saturated); outSize = n / 2; break;
                case VecOp.SQAdd: v = Sat(sa + sb, n, false, ref saturated); break;
                case VecOp.UQAdd: v = Sat(ua + ub, n, true, ref saturated); break;
                case VecOp.SQSub: v = Sat(sa - sb, n, false, ref saturated); break;
                case VecOp.UQSub: v = Sat(ua - ub, n, true, ref saturated); break;
                case VecOp.SUQAdd: v = Sat(sa + ub, n, false, ref saturated); break;
                case VecOp.USQAdd: v = Sat(ua + sb, n, true, ref saturated); break;
                case VecOp.SQShl: v = Sat(ShiftBig(sa, Math.Clamp((int)(sbyte)(ulong)ub, -n - 1, n + 1), false), n, false, ref saturated); break;
                case VecOp.UQShl: v = Sat(ShiftBig(ua, Math.Clamp((int)(sbyte)(ulong)ub, -n - 1, n + 1), false), n, true, ref saturated); break;
                case VecOp.SQRShl: v = Sat(ShiftBig(sa, Math.Clamp((int)(sbyte)(ulong)ub, -n - 1, n + 1), true), n, false, ref saturated); break;
                case VecOp.UQRShl: v = Sat(ShiftBig(ua, Math.Clamp((int)(sbyte)(ulong)ub, -n - 1, n + 1), true), n, true, ref saturated); break;
                case VecOp.SQShlImm: v = Sat(sa << aux.Imm, n, false, ref saturated); break;
                case VecOp.UQShlImm: v = Sat(ua << aux.Imm, n, true, ref saturated); break;
                case VecOp.SQShluImm: v = Sat(sa << aux.Imm, n, true, ref saturated); break;
                case VecOp.SQDMulH: v = Sat((2 * sa * sb) >> n, n, false, ref saturated); break;
                case VecOp.SQRDMulH: v = Sat((2 * sa * sb + (BigInteger.One << (n - 1))) >> n, n, false, ref saturated); break;
                case VecOp.SQDMull: v = Sat(2 * sa * sb, 2 * n, false, ref saturated); outSize = 2 * n; break;
                case VecOp.SQRDMlah:
                case VecOp.SQRDMlsh:
                {
                    BigInteger c = SignedLane(acc, n, i);
                    var product = op == VecOp.SQRDMlah ? 2 * sa * sb : -2 * sa * sb;
                    v = Sat(((c << n) + product + (BigInteger.One << (n - 1))) >> n, n, false, ref saturated);
                    break;
                }
                default: throw new InvalidOperationException($"saturating op {op}?");
            }
            r = Set(r, outSize, i, v);
        }
        return r;
    }
}
