using A64Jit.IR.Semantics;
using NUnit.Framework;

namespace A64Jit.Tests.IR;

/// <summary>
/// Semantics.FpCore cases that qemu-aarch64 (7.2) cannot confirm, checked against the Arm ARM pseudocode
/// by hand, plus a few well-known values.
/// </summary>
[TestFixture]
public class FpCoreTests
{
    static ulong D(double v) => BitConverter.DoubleToUInt64Bits(v);

    [Test]
    public void FjcvtzsFlushedDenormalClearsZ()
    {
        // FPToFixedJS: sign == '0', value == 0 (flushed) and op<51:0> nonzero gives Z = 0; FPUnpack raises IDC.
        uint fpsr = 0;
        var (result, z) = FpCore.ToFixedJs(1, Fpscr.FZ, ref fpsr);
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.Zero);
            Assert.That(z, Is.False);
            Assert.That(fpsr, Is.EqualTo(Fpscr.IDC));
        });
    }

    [Test]
    public void FjcvtzsNegativeZeroClearsZ()
    {
        uint fpsr = 0;
        var (_, z) = FpCore.ToFixedJs(D(-0.0), 0, ref fpsr);
        Assert.That(z, Is.False);
        Assert.That(fpsr, Is.Zero);
    }

    [Test]
    public void TininessIsDetectedBeforeRounding()
    {
        // The largest subnormal times (1 + 2^-52) rounds up to the smallest normal: tiny before rounding, and inexact.
        uint fpsr = 0;
        ulong r = FpCore.Mul(0x000F_FFFF_FFFF_FFFF, D(1 + Math.Pow(2, -52)), 64, 0, ref fpsr);
        Assert.That(r, Is.EqualTo(0x0010_0000_0000_0000UL));
        Assert.That(fpsr, Is.EqualTo(Fpscr.UFC | Fpscr.IXC));
    }

    [Test]
    public void FlushToZeroOfTinyResultRaisesUnderflowOnly()
    {
        uint fpsr = 0;
        ulong r = FpCore.Mul(D(1e-160), D(-1e-160), 64, Fpscr.FZ, ref fpsr);
        Assert.That(r, Is.EqualTo(0x8000_0000_0000_0000UL));
        Assert.That(fpsr, Is.EqualTo(Fpscr.UFC));
    }

    [Test]
    public void HalfPrecisionFlushRaisesNoInputDenormal()
    {
        uint fpsr = 0;
        ulong r = FpCore.Add(0x0001, 0x0001, 16, Fpscr.FZ16, ref fpsr);
        Assert.That(r, Is.Zero);
        Assert.That(fpsr, Is.Zero);
    }

    [TestCase(0x3F80_0000u, 0x3F7F_8000u)] // FRECPE(1.0) = 0.998046875
    [TestCase(0x4000_0000u, 0x3EFF_8000u)] // FRECPE(2.0)
    public void RecipEstimateSingle(uint op, uint expected)
    {
        uint fpsr = 0;
        Assert.That(FpCore.RecipEstimate(op, 32, 0, ref fpsr), Is.EqualTo((ulong)expected));
    }

    [Test]
    public void FcvtzsSaturatesAndRaisesInvalidNotInexact()
    {
        uint fpsr = 0;
        ulong r = FpCore.ToFixed(D(-1e20), 64, 0, false, 32, 0, ref fpsr, FpRounding.Zero);
        Assert.That(r, Is.EqualTo(0x8000_0000UL));
        Assert.That(fpsr, Is.EqualTo(Fpscr.IOC));
    }

    [Test]
    public void FastPathAgreesWithExactPath()
    {
        var rng = new Random(5);
        for (int i = 0; i < 20000; i++)
        {
            ulong a = (ulong)rng.NextInt64() & 0x3FFF_FFFF_FFFF_FFFF | 0x3000_0000_0000_0000;
            ulong b = (ulong)rng.NextInt64() & 0x3FFF_FFFF_FFFF_FFFF | 0x3000_0000_0000_0000;
            foreach (var op in new[] { FpOp.Add, FpOp.Sub, FpOp.Mul, FpOp.Div })
            {
                uint fast = 0, slow = 0;
                if (!FpCore.TryFastBinary(op, a, b, 64, 0, ref fast, out ulong f))
                    continue;
                ulong s = SlowRn(op, a, b, ref slow);
                Assert.That(f, Is.EqualTo(s), $"{op} {a:x16} {b:x16}");
                Assert.That(fast, Is.EqualTo(slow), $"{op} {a:x16} {b:x16} flags");
            }
        }
    }

    [Test]
    public void FastMulAddAgreesWithExactPath()
    {
        var rng = new Random(6);
        int checkedCount = 0;
        for (int i = 0; i < 30000; i++)
        {
            double a = (rng.NextDouble() - 0.5) * Math.Pow(2, rng.Next(-40, 40));
            double b = (rng.NextDouble() - 0.5) * Math.Pow(2, rng.Next(-40, 40));
            // Mix in addends that cancel the product exactly or nearly, and small integers (exact results).
            double c = (i % 4) switch
            {
                0 => -(a * b),
                1 => (rng.NextDouble() - 0.5) * Math.Pow(2, rng.Next(-90, 90)),
                2 => rng.Next(-8, 8) + 0.5,
                _ => -(a * b) * (1 + Math.Pow(2, -30)),
            };
            if (i % 7 == 0) { a = rng.Next(1, 100); b = rng.Next(1, 100); c = rng.Next(-1000, 1000) + 0.25; }
            ulong ua = D(a), ub = D(b), uc = D(c);
            uint fast = 0, slow = 0;
            if (!FpCore.TryFastMulAdd(uc, ua, ub, 64, 0, ref fast, out ulong f))
                continue;
            checkedCount++;
            var x = FpCore.Unpack(ua, 64, 0, ref slow);
            var y = FpCore.Unpack(ub, 64, 0, ref slow);
            var z = FpCore.Unpack(uc, 64, 0, ref slow);
            System.Numerics.BigInteger mp = x.Mant * y.Mant, mz = z.Mant;
            if (x.Sign ^ y.Sign) mp = -mp;
            if (z.Sign) mz = -mz;
            int e = Math.Min(x.Exp + y.Exp, z.Exp);
            var m = (mp << (x.Exp + y.Exp - e)) + (mz << (z.Exp - e));
            ulong s = m.IsZero ? 0 : FpCore.Round(m.Sign < 0, System.Numerics.BigInteger.Abs(m), e, 64, 0, FpRounding.TieEven, ref slow);
            Assert.That(f, Is.EqualTo(s), $"fma {ua:x16} {ub:x16} {uc:x16}");
            Assert.That(fast, Is.EqualTo(slow), $"fma {ua:x16} {ub:x16} {uc:x16} flags");
        }
        Assert.That(checkedCount, Is.GreaterThan(10000));
    }

    /// <summary>The exact path in round-to-nearest, built from Unpack and Round directly (no fast path).</summary>
    static ulong SlowRn(FpOp op, ulong a, ulong b, ref uint fpsr)
    {
        var x = FpCore.Unpack(a, 64, 0, ref fpsr);
        var y = FpCore.Unpack(b, 64, 0, ref fpsr);
        System.Numerics.BigInteger mx = x.Sign ? -x.Mant : x.Mant, my = y.Sign ? -y.Mant : y.Mant;
        switch (op)
        {
            case FpOp.Add:
            case FpOp.Sub:
            {
                if (op == FpOp.Sub) my = -my;
                int e = Math.Min(x.Exp, y.Exp);
                var m = (mx << (x.Exp - e)) + (my << (y.Exp - e));
                return m.IsZero ? 0 : FpCore.Round(m.Sign < 0, System.Numerics.BigInteger.Abs(m), e, 64, 0, FpRounding.TieEven, ref fpsr);
            }
            case FpOp.Mul:
                return FpCore.Round(x.Sign ^ y.Sign, x.Mant * y.Mant, x.Exp + y.Exp, 64, 0, FpRounding.TieEven, ref fpsr);
            default:
            {
                var q = System.Numerics.BigInteger.DivRem(x.Mant << 200, y.Mant, out var rem);
                q = (q << 1) + (rem.IsZero ? 0 : 1);
                return FpCore.Round(x.Sign ^ y.Sign, q, x.Exp - y.Exp - 201, 64, 0, FpRounding.TieEven, ref fpsr);
            }
        }
    }
}
