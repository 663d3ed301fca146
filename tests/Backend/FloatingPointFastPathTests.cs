using A64Jit.IR;
using A64Jit.Runtime.Engines;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Backend;

/// <summary>
/// The SSE fast paths of FP compares, min/max and vector conversions on the operands where x86 and Arm part ways: quiet and
/// signalling NaNs, +0 against -0, infinities, subnormals, the ends of the int32 range. The JIT (blocks compiled at first sight) and
/// the interpreter must leave the same vector registers and FPSR, for every pair of special values in
/// every lane position.
/// </summary>
public class FloatingPointFastPathTests
{
    static readonly uint[] Singles =
    [
        0x0000_0000, 0x8000_0000, 0x3F80_0000, 0xBF80_0000, 0x7F80_0000, 0xFF80_0000, // ±0, ±1, ±inf
        0x7FC0_0000, 0x7FA0_0000, 0xFFC0_1234, 0x0000_0001, 0x8040_0000, 0x4049_0FDB, // qNaN, sNaN, -qNaN, subnormals, pi
        0x4F00_0000, 0xCF00_0000, 0x4EFF_FFFF, 0xBF7F_FFFF, // 2^31, -2^31, the largest float below 2^31, just above -1
    ];

    static readonly ulong[] Doubles =
    [
        0, 0x8000_0000_0000_0000, 0x3FF0_0000_0000_0000, 0xFFF0_0000_0000_0000,
        0x7FF8_0000_0000_0000, 0x7FF4_0000_0000_0000, 0x0000_0000_0000_0001, 0x4009_21FB_5444_2D18,
    ];

    const string Asm = """
        fmax v2.4s, v0.4s, v1.4s
        fmin v3.4s, v0.4s, v1.4s
        fmaxnm v4.4s, v0.4s, v1.4s
        fminnm v5.4s, v0.4s, v1.4s
        fcmeq v6.4s, v0.4s, v1.4s
        fcmge v7.4s, v0.4s, v1.4s
        fcmgt v16.2s, v0.2s, v1.2s
        fmax v17.2d, v8.2d, v9.2d
        fminnm v18.2d, v8.2d, v9.2d
        fcmge v19.2d, v8.2d, v9.2d
        fmax s20, s0, s1
        fcmgt d21, d8, d9
        fmin v22.2s, v0.2s, v1.2s
        fcvtzs v23.4s, v0.4s
        scvtf v24.4s, v1.4s
        fcvtzs v25.2s, v1.2s
        scvtf v26.2s, v0.2s
        mrs x0, fpsr
        brk #0
        """;

    static readonly System.Text.StringBuilder x86 = new();

    static (UInt128[] V, ulong Fpsr) Run(bool jit, UInt128 a, UInt128 b, UInt128 c, UInt128 d)
    {
        IEngine engine = jit
            ? new JitEngine(new EngineOptions { CompileThreshold = 1, VerifyIr = true, DumpX86 = (_, code) => { lock (x86) x86.Append(code); } })
            : new InterpreterEngine(new EngineOptions());
        using var runner = new AsmRunner(engine);
        runner.State.V[0] = a;
        runner.State.V[1] = b;
        runner.State.V[8] = c;
        runner.State.V[9] = d;
        var exit = runner.Run(Asm);
        Assert.That(exit.Exception, Is.EqualTo(ExceptionKind.Breakpoint), exit.ToString());
        var v = runner.State.V.ToArray();
        (engine as IDisposable)?.Dispose();
        return (v, runner.State.X[0]);
    }

    static UInt128 Lanes(uint a, uint b, uint c, uint d) => new((ulong)d << 32 | c, (ulong)b << 32 | a);

    [Test]
    public void SpecialValuesMatchTheInterpreter()
    {
        int cases = 0;
        for (int i = 0; i < Singles.Length; i++)
        {
            for (int j = 0; j < Singles.Length; j++)
            {
                // The pair in one lane, ordinary numbers in the others (and the pair swapped in another).
                var a = Lanes(Singles[i], 0x4000_0000, Singles[j], 0x3F00_0000);
                var b = Lanes(Singles[j], 0x4040_0000, Singles[i], 0x3F00_0000);
                var c = new UInt128(Doubles[j % Doubles.Length], Doubles[i % Doubles.Length]);
                var d = new UInt128(Doubles[i % Doubles.Length], Doubles[(i + j) % Doubles.Length]);
                var jit = Run(jit: true, a, b, c, d);
                var reference = Run(jit: false, a, b, c, d);
                Assert.That(jit.V, Is.EqualTo(reference.V), $"vector registers for 0x{Singles[i]:x8} and 0x{Singles[j]:x8}");
                Assert.That(jit.Fpsr, Is.EqualTo(reference.Fpsr), $"FPSR for 0x{Singles[i]:x8} and 0x{Singles[j]:x8}");
                cases++;
            }
        }
        Assert.That(cases, Is.EqualTo(Singles.Length * Singles.Length));
    }

    [Test]
    public void OrdinaryOperandsGiveArmResults()
    {
        // 1, 2, -3, 0.5 against 2, 1, -3, -0.5: max, min, compares, conversions.
        var a = Lanes(0x3F80_0000, 0x4000_0000, 0xC040_0000, 0x3F00_0000);
        var b = Lanes(0x4000_0000, 0x3F80_0000, 0xC040_0000, 0xBF00_0000);
        var (v, fpsr) = Run(jit: true, a, b, 0, 0);
        Assert.That(v[2], Is.EqualTo(Lanes(0x4000_0000, 0x4000_0000, 0xC040_0000, 0x3F00_0000)), "fmax");
        Assert.That(v[3], Is.EqualTo(Lanes(0x3F80_0000, 0x3F80_0000, 0xC040_0000, 0xBF00_0000)), "fmin");
        Assert.That(v[6], Is.EqualTo(Lanes(0, 0, 0xFFFF_FFFF, 0)), "fcmeq");
        Assert.That(v[7], Is.EqualTo(Lanes(0, 0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF)), "fcmge");
        Assert.That(v[16], Is.EqualTo(Lanes(0, 0xFFFF_FFFF, 0, 0)), "fcmgt .2s clears the upper half");
        Assert.That(v[23], Is.EqualTo(Lanes(1, 2, unchecked((uint)-3), 0)), "fcvtzs truncates");
        // Only fcvtzs 0.5 -> 0 was inexact: FPSR.IXC.
        Assert.That(fpsr, Is.EqualTo(0x10UL));
        string code;
        lock (x86)
            code = x86.ToString();
        // The fast paths, not the generic helper, computed these.
        Assert.That(code, Does.Contain("maxps").And.Contain("minpd").And.Contain("cvttps2dq").And.Contain("cvtdq2ps"));
        Assert.That(code, Does.Match("cmp(eq|le|lt)ps").And.Match("cmp(eq|le|lt)pd"));
    }
}
