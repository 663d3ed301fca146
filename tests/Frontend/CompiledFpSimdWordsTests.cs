using A64Jit.Frontend.Decoding;
using A64Jit.Frontend.Lifting;
using A64Jit.Tests.Support.Snippets;
using NUnit.Framework;

namespace A64Jit.Tests.Frontend;

/// <summary>
/// Every distinct scalar FP / Advanced SIMD / crypto word of static glibc (libc.a, libm.a) and of gcc's
/// auto-vectorized loops (tools/simd-kernels.c) decodes, is lifted, and computes what qemu-aarch64 computes
/// from varied register contents.
/// </summary>
[TestFixture("glibc-fpsimd.txt")]
[TestFixture("gcc-vectorized-fpsimd.txt")]
public class CompiledFpSimdWordsTests(string dataFile)
{
    IEnumerable<(uint Word, string Mnemonic)> Words() =>
        File.ReadLines(Path.Combine(TestContext.CurrentContext.TestDirectory, "Frontend", "Data", dataFile))
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.Split(' '))
            .Select(p => (Convert.ToUInt32(p[0], 16), p[1]));

    [Test]
    public void EveryWordDecodesToALiftedLine()
    {
        var missing = Words()
            .Where(w => Decoder.Decode(w.Word) is not Encoding e || !HandlerTable.IsLifted(e))
            .Select(w => $"{w.Word:x8} {w.Mnemonic} -> {Decoder.Decode(w.Word)?.Name ?? "unallocated"}")
            .ToList();
        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void EveryWordMatchesQemu()
    {
        A64Jit.Tests.Support.CrossTools.Require(A64Jit.Tests.Support.CrossTools.Gcc, A64Jit.Tests.Support.CrossTools.Qemu);
        var rng = new Random(36);
        uint[] fpcrs = [0, 0, 0, SnippetFixture.FpcrRM, SnippetFixture.FpcrRZ, SnippetFixture.FpcrFZ, SnippetFixture.FpcrDN];
        // Rd and Rn below 28: the harness keeps its state pointer in X28 (Rm/Ra of FMADD are vector registers).
        var cases = Words()
            .Where(w => (w.Word & 31) < 28 && ((w.Word >> 5) & 31) < 28)
            .Select(w =>
            {
                var s = MachineState.Default(rng.Next());
                s.Fpcr = w.Mnemonic == "fjcvtzs" ? 0 : fpcrs[rng.Next(fpcrs.Length)];
                s.Nzcv = (uint)rng.Next(16) << 28;
                return (Case: new SnippetCase($"{w.Mnemonic}_{w.Word:x8}", $".inst 0x{w.Word:x8}", s), w.Word);
            })
            .ToList();
        var expected = QemuOracle.RunOnQemu(cases.Select(c => c.Case).ToList());
        var failures = new List<string>();
        foreach (var (c, word) in cases)
        {
            var diffs = QemuOracle.RunOnInterpreter(c, [word]).Differences(expected[c.Name]).ToList();
            if (diffs.Count > 0)
                failures.Add($"{c.Name} fpcr=0x{c.Initial.Fpcr:x}: {string.Join("; ", diffs)}");
        }
        TestContext.Out.WriteLine($"{cases.Count} {dataFile} words run, {failures.Count} mismatches");
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(60)));
    }
}
