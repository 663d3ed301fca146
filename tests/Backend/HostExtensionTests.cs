using System.Numerics;
using A64Jit.IR;
using A64Jit.Runtime.Engines;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Backend;

/// <summary>
/// Host extensions the emitted code uses where the CPU has them: BMI2's shlx/shrx/sarx for shifts by a
/// register and rorx for rotates by a constant, and POPCNT for the popcount idiom (CNT Vd.8B, ADDV).
/// The results are checked against the interpreter and against the values themselves; the x86-64 is
/// checked for the instruction when the host has the extension (DOTNET_EnableAVX2=0, which also turns
/// BMI2 off in .NET 10, and DOTNET_EnableSSE42=0, which turns POPCNT off, make them run the fallbacks).
/// </summary>
public class HostExtensionTests
{
    static readonly ulong[] Values =
        [0, 1, 0x8000_0000_0000_0000, 0xFFFF_FFFF_FFFF_FFFF, 0x9E37_79B9_7F4A_7C15, 0x0000_0000_8000_0001, 0x1234_5678_9ABC_DEF0];

    static (ulong[] X, string X86) Run(string asm, ulong a, ulong b, bool jit)
    {
        var x86 = new System.Text.StringBuilder();
        IEngine engine = jit
            ? new JitEngine(new EngineOptions { CompileThreshold = 1, VerifyIr = true, DumpX86 = (_, code) => x86.Append(code) })
            : new InterpreterEngine(new EngineOptions { VerifyIr = true });
        using var runner = new AsmRunner(engine);
        runner.State.X[0] = a;
        runner.State.X[1] = b;
        var exit = runner.Run(asm);
        Assert.That(exit.Exception, Is.EqualTo(ExceptionKind.Breakpoint), exit.ToString());
        var x = Enumerable.Range(0, 31).Select(i => runner.State.X[i]).ToArray();
        (engine as IDisposable)?.Dispose();
        return (x, x86.ToString());
    }

    static string Check(string asm, Func<ulong, ulong, ulong[]> expected, int[] results)
    {
        string x86 = "";
        foreach (ulong a in Values)
        {
            foreach (ulong b in Values.Append(63UL).Append(31UL).Append(5UL))
            {
                var jit = Run(asm, a, b, jit: true);
                var reference = Run(asm, a, b, jit: false);
                var want = expected(a, b);
                for (int i = 0; i < results.Length; i++)
                {
                    Assert.That(jit.X[results[i]], Is.EqualTo(want[i]), $"x{results[i]} for a=0x{a:x} b=0x{b:x} (jit)");
                    Assert.That(reference.X[results[i]], Is.EqualTo(want[i]), $"x{results[i]} for a=0x{a:x} b=0x{b:x} (interpreter)");
                }
                x86 = jit.X86;
            }
        }
        return x86;
    }

    [Test]
    public void ShiftsByARegister()
    {
        // x1 is both a count and, for the last shift, the value: the count may sit in the result's register.
        const string asm = """
            lsl x2, x0, x1
            lsr x3, x0, x1
            asr x4, x0, x1
            lsl w5, w0, w1
            lsr w6, w0, w1
            asr w7, w0, w1
            ror x8, x0, x1
            lsl x1, x1, x1
            brk #0
            """;
        var x86 = Check(asm, (a, b) =>
        [
            a << (int)(b & 63), a >> (int)(b & 63), (ulong)((long)a >> (int)(b & 63)),
            (uint)a << (int)(b & 31), (uint)a >> (int)(b & 31), (uint)((int)a >> (int)(b & 31)),
            BitOperations.RotateRight(a, (int)(b & 63)), b << (int)(b & 63),
        ], [2, 3, 4, 5, 6, 7, 8, 1]);
        if (System.Runtime.Intrinsics.X86.Bmi2.IsSupported)
            Assert.That(x86, Does.Contain("shlx").And.Contain("shrx").And.Contain("sarx"));
    }

    [Test]
    public void RotatesByAConstant()
    {
        const string asm = """
            ror x2, x0, #13
            ror w3, w0, #7
            add x4, x2, x0
            add x5, x3, x0
            brk #0
            """;
        var x86 = Check(asm, (a, _) =>
        [
            BitOperations.RotateRight(a, 13), BitOperations.RotateRight((uint)a, 7),
            BitOperations.RotateRight(a, 13) + a, BitOperations.RotateRight((uint)a, 7) + a,
        ], [2, 3, 4, 5]);
        if (System.Runtime.Intrinsics.X86.Bmi2.IsSupported)
            Assert.That(x86, Does.Contain("rorx"));
    }

    [Test]
    public void PopCountIdiom()
    {
        // What gcc emits for __builtin_popcountll; the second count keeps its CNT result (stored to v3).
        const string asm = """
            fmov d0, x0
            cnt v0.8b, v0.8b
            addv b0, v0.8b
            fmov w2, s0
            fmov d1, x1
            cnt v3.8b, v1.8b
            addv b1, v3.8b
            fmov w4, s1
            fmov x5, d3
            brk #0
            """;
        var x86 = Check(asm, (a, b) =>
        [
            (ulong)BitOperations.PopCount(a), (ulong)BitOperations.PopCount(b),
            BitConverter.ToUInt64(BitConverter.GetBytes(b).Select(v => (byte)BitOperations.PopCount(v)).ToArray()),
        ], [2, 4, 5]);
        if (System.Runtime.Intrinsics.X86.Popcnt.IsSupported)
            Assert.That(x86, Does.Contain("popcnt"));
    }
}
