using System.Numerics;
using System.Text.RegularExpressions;
using A64Jit.Frontend.Decoding;
using A64Jit.Frontend.Lifting;

namespace A64Jit.Tests.Frontend.Decoding;

/// <summary>
/// Proves the decode table well formed and well ordered, bound to the lifter, and indexed right by the
/// decoder. Written against whatever lines the table holds: nothing here names a particular encoding.
/// </summary>
[TestFixture]
public partial class DecodeTableTests
{
    static IReadOnlyList<Encoding> Table => DecodeTable.All;

    [Test(Description = "every pattern is 32 bits of 0, 1, '-' and field letters, and Mask/Value/Fields agree with it")]
    public void PatternsAreWellFormed()
    {
        var problems = new List<string>();
        foreach (var e in Table)
        {
            var bits = e.Pattern.Replace(" ", "").Replace("_", "");
            if (bits.Length != 32 || bits.Any(c => c is not ('0' or '1' or '-') && !char.IsAsciiLetter(c)))
            {
                problems.Add($"{e}: not 32 bits of 0/1/-/letters");
                continue;
            }
            uint mask = 0, value = 0;
            for (int i = 0; i < 32; i++)
            {
                if (bits[i] is '0' or '1')
                    mask |= 1u << (31 - i);
                if (bits[i] == '1')
                    value |= 1u << (31 - i);
            }
            if (mask != e.Mask || value != e.Value)
                problems.Add($"{e}: Mask/Value {e.Mask:X8}/{e.Value:X8}, pattern says {mask:X8}/{value:X8}");
            foreach (var f in e.Fields)
                if (f.Width != bits.Count(c => c == f.Letter))
                    problems.Add($"{e}: field '{f.Letter}' has {f.Width} bits, pattern has {bits.Count(c => c == f.Letter)}");
            if (e.Fields.Select(f => f.Letter).Distinct().Count() != e.Fields.Count)
                problems.Add($"{e}: a field letter is listed twice");
        }
        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [Test(Description = "names are unique and are C# identifiers (they name the lifter handlers)")]
    public void NamesAreUniqueIdentifiers()
    {
        var duplicates = Table.GroupBy(e => e.Name).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key} appears {g.Count()} times: {string.Join(" | ", g.Select(e => e.Pattern))}");
        var invalid = Table.Where(e => !IsIdentifier(e.Name)).Select(e => $"'{e.Name}' is not a C# identifier");
        var problems = duplicates.Concat(invalid).ToList();
        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [Test(Description = "for every overlapping pair, the earlier line is more specific, or a constraint or carve-out resolves the overlap")]
    public void OrderIsMostSpecificFirst()
    {
        var problems = OrderingProblems(Table);
        Assert.That(problems, Is.Empty, $"{problems.Count} ordering problems:\n" + string.Join("\n", problems));
    }

    [Test(Description = "the ordering check itself: it accepts nesting, constraints and carve-outs, and rejects the rest")]
    public void OrderingCheckCatchesMistakes()
    {
        var general = new Encoding("G", "1101 ---- ---- ---- ---- ---- ---- ----");
        var specific = new Encoding("S", "1101 0000 ---- ---- ---- ---- ---- ----");
        var crossing = new Encoding("C", "---- 0000 1111 ---- ---- ---- ---- ----");
        var constrained = new Encoding("K", "1101 ---- ---- ---- ---- ---- ---- ----", w => (w & 0x0F00_0000) != 0);
        var carveOut = new Encoding("U", "1101 ---- 1111 ---- ---- ---- ---- ----", unallocated: true);
        var sameBits = new Encoding("D", "1101 ---- ---- ---- ---- ---- ---- ----");

        Assert.That(OrderingProblems([specific, general]), Is.Empty, "specific before general");
        Assert.That(OrderingProblems([general, specific]), Has.Count.EqualTo(1), "general before specific");
        Assert.That(OrderingProblems([crossing, general]), Has.Count.EqualTo(1), "crossing lines");
        Assert.That(OrderingProblems([constrained, specific]), Is.Empty, "constraint excludes the specific line's words");
        Assert.That(OrderingProblems([carveOut, general]), Is.Empty, "carve-out before the line it carves");
        Assert.That(OrderingProblems([carveOut, crossing]), Is.Empty, "carve-out crossing a later line");
        Assert.That(OrderingProblems([general, sameBits]), Has.Count.EqualTo(1), "same fixed bits, no constraint: the second is dead");
        Assert.That(OrderingProblems([new Encoding("U2", general.Pattern, unallocated: true), specific]), Has.Count.EqualTo(1),
            "a carve-out that swallows a later line whole");
    }

    /// <summary>
    /// Each unordered overlap between an earlier line A and a later line B. A word both claim goes to A, so
    /// A must be within B (more specific; with identical fixed bits A needs a constraint, or B is dead), or
    /// A is a carve-out (that is its purpose; it must not swallow B whole), or no word in the intersection
    /// satisfies both constraints. Intersections up to 2^14 words are enumerated, larger ones sampled (2^14 words).
    /// </summary>
    public static List<string> OrderingProblems(IReadOnlyList<Encoding> table)
    {
        var problems = new List<string>();
        for (int i = 0; i < table.Count; i++)
        {
            var a = table[i];
            for (int j = i + 1; j < table.Count; j++)
            {
                var b = table[j];
                if (((a.Value ^ b.Value) & a.Mask & b.Mask) != 0)
                    continue; // disjoint fixed bits
                if (Within(a, b))
                {
                    if (a.Mask == b.Mask && a.Constraint is null)
                        problems.Add($"{Describe(a, i)} has the same fixed bits as the later {Describe(b, j)} and no constraint: the later line is dead");
                    continue;
                }
                if (a.IsUnallocated)
                {
                    if (Within(b, a) && a.Constraint is null)
                        problems.Add($"carve-out {Describe(a, i)} swallows the later {Describe(b, j)} whole");
                    continue;
                }
                if (ClaimedByBoth(a, b) is uint word)
                    problems.Add($"{Describe(a, i)} overlaps the later, not more general {Describe(b, j)}: e.g. {word:X8} decodes as {a.Name}");
            }
        }
        return problems;
    }

    /// <summary>Is every word that matches a's fixed bits matched by b's?</summary>
    static bool Within(Encoding a, Encoding b) => (b.Mask & ~a.Mask) == 0 && (a.Value & b.Mask) == b.Value;

    /// <summary>A word of the intersection that both lines claim (constraints included), or null if none is found.</summary>
    static uint? ClaimedByBoth(Encoding a, Encoding b)
    {
        uint mask = a.Mask | b.Mask, value = a.Value | b.Value, free = ~mask;
        if (a.Constraint is null && b.Constraint is null)
            return value;
        if (BitOperations.PopCount(free) <= 14)
        {
            uint sub = 0;
            do
            {
                if (TableWords.Claims(a, value | sub) && TableWords.Claims(b, value | sub))
                    return value | sub;
                sub = (sub - free) & free; // next subset of the free bits
            }
            while (sub != 0);
            return null;
        }
        var rng = new Random((int)(a.Value ^ b.Value));
        for (int k = 0; k < 1 << 14; k++)
        {
            uint w = value | (k switch { 0 => 0u, 1 => free, _ => (uint)rng.NextInt64(0, 1L << 32) } & free);
            if (TableWords.Claims(a, w) && TableWords.Claims(b, w))
                return w;
        }
        return null;
    }

    static string Describe(Encoding e, int index) =>
        $"#{index} {e.Name} \"{e.Pattern}\"{(e.Constraint is null ? "" : " (constrained)")}{(e.IsUnallocated ? " (carve-out)" : "")}";

    [Test(Description = "every lifter handler names a table line")]
    public void EveryHandlerHasALine()
    {
        var names = Table.Select(e => e.Name).ToHashSet();
        var orphans = HandlerTable.Handlers.Where(m => !names.Contains(m.Name)).Select(m => m.Name).Order().ToList();
        Assert.That(orphans, Is.Empty, "handlers without a table line: " + string.Join(", ", orphans));
    }

    [Test(Description = "every lifted line binds: one parameter per field letter, of a supported type")]
    public void EveryLiftedLineBinds()
    {
        var problems = Table.Where(HandlerTable.IsLifted)
            .SelectMany(e => HandlerTable.BindingProblems(e, HandlerTable.HandlerFor(e)!)).ToList();
        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [Test(Description = "coverage report: lines and lifted lines per encoding class")]
    public void CoverageReport()
    {
        var o = TestContext.Out;
        o.WriteLine($"{"class",-26} {"lines",6} {"lifted",7} {"%",6}  carve-outs");
        foreach (var cls in Enum.GetValues<EncodingClass>())
        {
            var lines = Table.Where(e => e.Class == cls).ToList();
            Row(cls.ToString(), lines);
        }
        Row("overall", Table);

        void Row(string name, IReadOnlyList<Encoding> lines)
        {
            var real = lines.Where(e => !e.IsUnallocated).ToList();
            int lifted = real.Count(HandlerTable.IsLifted);
            double pct = real.Count == 0 ? 0 : 100.0 * lifted / real.Count;
            o.WriteLine($"{name,-26} {real.Count,6} {lifted,7} {pct,6:F1}  {lines.Count - real.Count}");
        }
    }

    [Test(Description = "the bucket index changes nothing: Decoder.Decode equals a linear first-claim scan")]
    public void DecoderMatchesLinearScan()
    {
        uint[] words = [.. TableWords.Uniform(200_000, seed: 1), .. TableWords.FromTable(Table, 50_000, seed: 2)];
        var scan = new TableWords.LinearScan(Table);
        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();
        // The scan costs words x lines; Debug builds are unoptimized, so split it over the cores.
        Parallel.For(0, 8, part =>
        {
            for (int i = part; i < words.Length; i += 8)
            {
                uint w = words[i];
                var fast = Decoder.Decode(w);
                var slow = scan.Decode(w);
                if (!ReferenceEquals(fast, slow) && mismatches.Count < 20)
                    mismatches.Add($"{w:X8}: Decoder says {fast?.Name ?? "unallocated"}, linear scan says {slow?.Name ?? "unallocated"}");
            }
        });
        Assert.That(mismatches, Is.Empty, string.Join("\n", mismatches));
    }

    static bool IsIdentifier(string name) => IdentifierPattern().IsMatch(name) && !Keywords.Contains(name);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    ];
}
