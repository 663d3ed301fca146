using NUnit.Framework;
using A64Jit.Frontend.Decoding;
using A64Jit.Frontend.Lifting;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Frontend;

/// <summary>The scalar floating-point, Advanced SIMD and cryptography lines of the decode table.</summary>
[TestFixture]
public class SimdDecodeTableTests
{
    static readonly EncodingClass[] mine = [EncodingClass.ScalarFloatingPoint, EncodingClass.AdvancedSimd, EncodingClass.Cryptography];

    static IEnumerable<Encoding> Lines => DecodeTable.All.Where(e => mine.Contains(e.Class));

    /// <summary>Mnemonics llvm-mc knows that we leave unallocated on purpose (SM3/SM4 are not implemented).</summary>
    static readonly HashSet<string> notImplemented = ["sm3ss1", "sm3tt1a", "sm3tt1b", "sm3tt2a", "sm3tt2b", "sm3partw1", "sm3partw2", "sm4e", "sm4ekey"];

    [Test]
    public void EveryLineParsesAndNamesAreUnique()
    {
        var lines = Lines.ToList();
        Assert.That(lines, Is.Not.Empty);
        var duplicates = lines.GroupBy(e => e.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.That(duplicates, Is.Empty);
    }

    [Test]
    public void HandlersBindToTheirLines()
    {
        var problems = Lines.Where(HandlerTable.IsLifted)
            .SelectMany(e => HandlerTable.BindingProblems(e, HandlerTable.HandlerFor(e)!)).ToList();
        Assert.That(problems, Is.Empty);
    }

    /// <summary>No line is shadowed by the lines before it: random words of its pattern decode to it.</summary>
    [Test]
    public void EveryLineIsReachable()
    {
        var rng = new Random(3);
        var unreachable = new List<string>();
        foreach (var line in Lines.Where(e => !e.IsUnallocated))
        {
            bool reached = false;
            for (int i = 0; i < 4000 && !reached; i++)
            {
                uint w = (line.Value & line.Mask) | ((uint)rng.NextInt64() & ~line.Mask);
                reached = Decoder.Decode(w) == line;
            }
            if (!reached)
                unreachable.Add(line.Name);
        }
        Assert.That(unreachable, Is.Empty);
    }

    [Test]
    public void EveryHandlerHasATableLine()
    {
        var names = DecodeTable.All.Select(e => e.Name).ToHashSet();
        var orphans = HandlerTable.Handlers.Select(m => m.Name).Where(n => !names.Contains(n)).ToList();
        Assert.That(orphans, Is.Empty);
    }

    [Test]
    public void ReportLiftedCounts()
    {
        foreach (var cls in mine)
        {
            var lines = Lines.Where(e => e.Class == cls && !e.IsUnallocated).ToList();
            TestContext.Out.WriteLine($"{cls}: {lines.Count} lines, {lines.Count(HandlerTable.IsLifted)} lifted");
            foreach (var e in lines.Where(e => !HandlerTable.IsLifted(e)))
                TestContext.Out.WriteLine($"  not lifted: {e.Name}");
        }
    }

    /// <summary>
    /// Our allocated/unallocated answer agrees with llvm-mc, asked at test time, on the FP/SIMD space
    /// (bits 27..25 = 111): uniformly random words, random words of every line, and random words of
    /// every pattern one fixed bit away from a line (where constraints and carve-outs live).
    /// </summary>
    [Test]
    public void AgreesWithLlvmMc()
    {
        var random = new Random(1);
        var words = new List<uint>();
        for (int i = 0; i < 60_000; i++)
            words.Add((uint)random.NextInt64() | (7u << 25));
        foreach (var e in Lines)
        {
            for (int i = 0; i < 6; i++)
                words.Add(e.Value | ((uint)random.NextInt64() & ~e.Mask));
            for (int bit = 0; bit < 32; bit++)
            {
                if (((e.Mask >> bit) & 1) == 0 || bit is 25 or 26 or 27)
                    continue;
                uint v = e.Value ^ (1u << bit);
                words.Add(v | ((uint)random.NextInt64() & ~e.Mask));
            }
        }
        var llvm = LlvmMc.Disassemble(words, "+v8.5a,+crypto,+sha3,+sm4,+fp16fml,+dotprod,+rcpc,+fullfp16");
        var mismatches = new List<string>();
        for (int i = 0; i < words.Count; i++)
        {
            var mnemonic = llvm[i]?.Split(' ')[0];
            bool allocated = mnemonic is not null && !notImplemented.Contains(mnemonic);
            var ours = Decoder.Decode(words[i]);
            if ((ours is not null) != allocated)
                mismatches.Add($"{words[i]:x8} llvm={llvm[i] ?? "-"} ours={ours?.Name ?? "-"}");
        }
        TestContext.Out.WriteLine($"{words.Count} words, {mismatches.Count} disagreements");
        Assert.That(mismatches, Is.Empty, string.Join("\n", mismatches.Take(60)) + $"\n({mismatches.Count} in all)");
    }
}
