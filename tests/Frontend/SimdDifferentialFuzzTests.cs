using A64Jit.Frontend.Decoding;
using A64Jit.Frontend.Lifting;
using A64Jit.Tests.Support.Snippets;
using NUnit.Framework;

namespace A64Jit.Tests.Frontend;

/// <summary>
/// A differential fuzzer driven by the decode table: random words for every lifted scalar FP, Advanced SIMD
/// and crypto line, random register contents and FPCR settings, run under qemu-aarch64 and our interpreter.
/// Rd and Rn are kept below 28 so a word never touches the harness's X28-X30 (the do-not-test list below
/// names what else is left out, and why).
/// </summary>
[TestFixture]
public class SimdDifferentialFuzzTests
{
    const int WordsPerLine = 4;

    static readonly EncodingClass[] classes = [EncodingClass.ScalarFloatingPoint, EncodingClass.AdvancedSimd, EncodingClass.Cryptography];

    /// <summary>Lines not fuzzed, each with its reason.</summary>
    static readonly Dictionary<string, string> doNotTest = new()
    {
        // (empty: every lifted line is fuzzed)
    };

    static readonly uint[] fpcrChoices = [0, SnippetFixture.FpcrDN, SnippetFixture.FpcrFZ, SnippetFixture.FpcrRP,
        SnippetFixture.FpcrRM, SnippetFixture.FpcrRZ, SnippetFixture.FpcrFZ16, SnippetFixture.FpcrFZ | SnippetFixture.FpcrDN, 1u << 26];

    static List<(SnippetCase Case, uint Word, string Line)> Generate()
    {
        var rng = new Random(20261122);
        var result = new List<(SnippetCase, uint, string)>();
        foreach (var line in DecodeTable.All.Where(e => classes.Contains(e.Class) && !e.IsUnallocated && HandlerTable.IsLifted(e)))
        {
            if (doNotTest.ContainsKey(line.Name))
                continue;
            int made = 0;
            for (int attempt = 0; attempt < 2000 && made < WordsPerLine; attempt++)
            {
                uint w = (line.Value & line.Mask) | ((uint)rng.NextInt64() & ~line.Mask);
                if ((w & 31) >= 28 || ((w >> 5) & 31) >= 28)
                    continue;
                if (Decoder.Decode(w) != line)
                    continue;
                // qemu 7.2 writes the half-precision scalar FCVTZS/FCVTZU (fixed-point) result as a sign- or
                // zero-extended 32-bit value; the Arm ARM writes esize (16) bits and zeroes the rest.
                if (line.Name is "FCVTZS_scalar_fix" or "FCVTZU_scalar_fix" && ((w >> 20) & 7) == 1)
                    continue;
                var state = MachineState.Default(rng.Next());
                // Some FP-looking lane values (small integers, halves, NaNs, zeros, range boundaries) in every
                // lane size: in every third register, or in all of them for half of the words.
                int stride = made % 2 == 0 ? 3 : 1;
                for (int v = 0; v < 32; v += stride)
                    state.V[v] = Interesting(rng);
                state.Fpcr = fpcrChoices[rng.Next(fpcrChoices.Length)];
                // qemu before 9.1 sets Z for a denormal FJCVTZS flushes (qemu issue 2375); the Arm ARM clears it.
                if (line.Name == "FJCVTZS")
                    state.Fpcr &= ~SnippetFixture.FpcrFZ;
                state.Nzcv = (uint)rng.Next(16) << 28;
                var name = $"{line.Name}_{made}_{w:x8}";
                result.Add((new SnippetCase(name, $".inst 0x{w:x8}", state), w, line.Name));
                made++;
            }
        }
        return result;
    }

    static UInt128 Interesting(Random rng)
    {
        ulong[] d = [0x3FF0_0000_0000_0000, 0xBFF8_0000_0000_0000, 0x7FF8_0000_0000_0001, 0x7FF0_0000_0000_0001, 0, 0x8000_0000_0000_0000,
            0x0000_0000_0000_0001, 0x7FF0_0000_0000_0000, 0x4330_0000_0000_0000, 0x41E0_0000_0000_0000,
            0x7FEF_FFFF_FFFF_FFFF, 0x0010_0000_0000_0000, 0x000F_FFFF_FFFF_FFFF, 0x3FF0_0000_0000_0001, 0xBFE0_0000_0000_0000,
            0x4004_0000_0000_0000, 0xC3E0_0000_0000_0000, 0x43F0_0000_0000_0000, 0x0020_0000_0000_0001, 0x3CA0_0000_0000_0000];
        uint[] s = [0x3F80_0000, 0xC040_0000, 0x7FC0_0001, 0x7F80_0001, 0, 0x8000_0000, 1, 0x7F80_0000, 0x4F00_0000, 0x3F00_0000,
            0x7F7F_FFFF, 0x0080_0000, 0x007F_FFFF, 0x3F80_0001, 0xBF00_0000, 0x4020_0000, 0xCF00_0000, 0x5F80_0000, 0x0100_0001, 0x3380_0000];
        ushort[] h = [0x3C00, 0xC200, 0x7E01, 0x7C01, 0, 0x8000, 1, 0x7C00, 0x5640, 0x3800,
            0x7BFF, 0x0400, 0x03FF, 0x3C01, 0xB800, 0x4100, 0xF800, 0x7800, 0x0801, 0x1400];
        switch (rng.Next(3))
        {
            case 0: return new UInt128(d[rng.Next(d.Length)], d[rng.Next(d.Length)]);
            case 1:
            {
                ulong Word() => ((ulong)s[rng.Next(s.Length)] << 32) | s[rng.Next(s.Length)];
                return new UInt128(Word(), Word());
            }
            default:
            {
                ulong Word() => ((ulong)h[rng.Next(h.Length)] << 48) | ((ulong)h[rng.Next(h.Length)] << 32) | ((ulong)h[rng.Next(h.Length)] << 16) | h[rng.Next(h.Length)];
                return new UInt128(Word(), Word());
            }
        }
    }

    [Test]
    public void EveryLiftedLineMatchesQemu()
    {
        A64Jit.Tests.Support.CrossTools.Require(A64Jit.Tests.Support.CrossTools.Gcc, A64Jit.Tests.Support.CrossTools.Qemu);
        var cases = Generate();
        var expected = QemuOracle.RunOnQemu(cases.Select(c => c.Case).ToList());
        var failures = new List<string>();
        foreach (var (c, word, lineName) in cases)
        {
            try
            {
                var ours = QemuOracle.RunOnInterpreter(c, [word]);
                var diffs = ours.Differences(expected[c.Name]).ToList();
                if (diffs.Count > 0)
                    failures.Add($"{c.Name} fpcr=0x{c.Initial.Fpcr:x}: {string.Join("; ", diffs)}");
            }
            catch (Exception e)
            {
                failures.Add($"{c.Name}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            }
        }
        TestContext.Out.WriteLine($"{cases.Count} words fuzzed, {failures.Count} mismatches");
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(80)));
    }
}
