using A64Jit.Frontend.Decoding;
using A64Jit.Frontend.Lifting;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Frontend.Decoding;

[TestFixture]
public class LoadStoreTableTests
{
    static IEnumerable<Encoding> Lines => DecodeTable.All.Where(e => e.Class == EncodingClass.LoadStore);

    [Test(Description = "the load/store lines parse and have unique names")]
    public void PatternsParseWithUniqueNames()
    {
        Assert.That(Lines.Count(), Is.GreaterThan(100));
        var dups = Lines.GroupBy(e => e.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.That(dups, Is.Empty);
        // Every line lies in the load/store space: op0 = x1x0 in bits 28..25.
        foreach (var e in Lines)
            Assert.That((e.Mask & 0x0A00_0000) == 0x0A00_0000 && (e.Value & 0x0A00_0000) == 0x0800_0000, e.ToString());
    }

    [Test(Description = "every load/store handler binds to its line (field letters = parameters)")]
    public void HandlersBind()
    {
        var problems = new List<string>();
        foreach (var e in Lines)
            if (HandlerTable.HandlerFor(e) is { } m)
                problems.AddRange(HandlerTable.BindingProblems(e, m));
        Assert.That(problems, Is.Empty);
        var unlifted = Lines.Where(e => !HandlerTable.IsLifted(e)).Select(e => e.Name).ToList();
        Assert.That(unlifted, Is.EquivalentTo(new[] { "LDRAA", "LDRAB" }));
    }

    [Test(Description = "each line's own example words decode to that line (order is right)")]
    public void EachLineWinsItsOwnWords()
    {
        var rng = new Random(1);
        var wrong = new List<string>();
        foreach (var e in Lines)
        {
            for (int k = 0; k < 200; k++)
            {
                uint w = (e.Value & e.Mask) | ((uint)rng.NextInt64() & ~e.Mask);
                if (e.Constraint is not null && !e.Constraint(w))
                    continue;
                var got = Decoder.Decode(w);
                if (got != e)
                {
                    wrong.Add($"{w:x8}: {e.Name} decodes as {got?.Name ?? "unallocated"}");
                    break;
                }
            }
        }
        Assert.That(wrong, Is.Empty);
    }

    [Test(Description = "allocated/unallocated in the load/store space matches llvm-mc (random words and per-line mutations)")]
    public void AgreesWithLlvmMc()
    {
        var rng = new Random(7);
        var words = new List<uint>();
        for (int k = 0; k < 60_000; k++)
            words.Add(((uint)rng.NextInt64() & ~0x0A00_0000u) | 0x0800_0000u);
        foreach (var e in Lines)
            for (int k = 0; k < 100; k++)
            {
                // A line's fixed bits with one or two of them flipped: the neighbours of each line.
                uint w = (e.Value & e.Mask) | ((uint)rng.NextInt64() & ~e.Mask);
                w ^= 1u << rng.Next(32);
                if (k % 2 == 0)
                    w ^= 1u << rng.Next(32);
                if ((w & 0x0A00_0000) == 0x0800_0000)
                    words.Add(w);
            }
        var llvm = LlvmMc.Disassemble(words);
        var diffs = new List<string>();
        for (int i = 0; i < words.Count; i++)
        {
            var ours = Decoder.Decode(words[i]);
            bool oursAllocated = ours is not null && ours.Class == EncodingClass.LoadStore;
            if (oursAllocated != (llvm[i] is not null))
                diffs.Add($"{words[i]:x8}: ours {ours?.Name ?? "unallocated"}, llvm-mc {llvm[i] ?? "invalid"}");
        }
        var summary = diffs.GroupBy(d => d[10..d.IndexOf(',')]).Select(g => $"{g.Key} x{g.Count()}, e.g. {g.First()}");
        Assert.That(summary, Is.Empty, $"{diffs.Count} disagreements of {words.Count}");
    }
}
