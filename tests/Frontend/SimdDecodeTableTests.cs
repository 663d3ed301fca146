using NUnit.Framework;
using A64Jit.Frontend.Decoding;
using A64Jit.Frontend.Lifting;

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

    /// <summary>Writes "mask value name" of every line, the input of tools/simd-llvm-oracle.py --near.</summary>
    [Test, Explicit("tool: writes /tmp/simd-lines.txt for tools/simd-llvm-oracle.py")]
    public void DumpLines() =>
        File.WriteAllLines("/tmp/simd-lines.txt", Lines.Select(e => $"{e.Mask:x8} {e.Value:x8} {e.Name}"));

    /// <summary>Random words of the FP/SIMD space, allocated or not as llvm-mc says (tools/simd-llvm-oracle.py).</summary>
    [Test]
    public void AgreesWithLlvmMc()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Frontend", "Data", "simd-llvm.txt");
        var mismatches = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(' ');
            uint word = Convert.ToUInt32(parts[0], 16);
            bool llvm = parts[1] != "-" && !notImplemented.Contains(parts[1]);
            var ours = Decoder.Decode(word);
            if ((ours is not null) != llvm)
                mismatches.Add($"{word:x8} llvm={parts[1]} ours={ours?.Name ?? "-"}");
        }
        Assert.That(mismatches, Is.Empty, string.Join("\n", mismatches.Take(60)) + $"\n({mismatches.Count} in all)");
    }
}
