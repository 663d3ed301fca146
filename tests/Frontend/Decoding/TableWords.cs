using A64Jit.Frontend.Decoding;

namespace A64Jit.Tests.Frontend.Decoding;

/// <summary>Reference semantics of the decode table and the word samples the decode tests draw from it.</summary>
public static class TableWords
{
    /// <summary>
    /// Does the line claim the word: its fixed bits match and its constraint (if any) holds?
    /// The first line in table order that claims a word decides it; a carve-out decides "unallocated".
    /// </summary>
    public static bool Claims(Encoding e, uint word) => e.Matches(word) && (e.Constraint is null || e.Constraint(word));

    /// <summary>The brute-force decoder: a linear scan of the table in order, first claim wins.</summary>
    public static Encoding? LinearDecode(IReadOnlyList<Encoding> table, uint word) => new LinearScan(table).Decode(word);

    /// <summary>The brute-force decoder over arrays, for scanning many words (no index, no early exit but the first claim).</summary>
    public sealed class LinearScan(IReadOnlyList<Encoding> table)
    {
        readonly Encoding[] lines = [.. table];
        readonly uint[] masks = [.. table.Select(e => e.Mask)];
        readonly uint[] values = [.. table.Select(e => e.Value)];

        public Encoding? Decode(uint word)
        {
            for (int i = 0; i < lines.Length; i++)
            {
                if ((word & masks[i]) != values[i])
                    continue;
                var e = lines[i];
                if (e.Constraint is null || e.Constraint(word))
                    return e.IsUnallocated ? null : e;
            }
            return null;
        }
    }

    /// <summary>The first line that claims the word, carve-outs included (for diagnostics: who said "unallocated").</summary>
    public static Encoding? FirstClaim(IReadOnlyList<Encoding> table, uint word) => table.FirstOrDefault(e => Claims(e, word));

    /// <summary>Uniformly random 32-bit words.</summary>
    public static uint[] Uniform(int count, int seed)
    {
        var rng = new Random(seed);
        var words = new uint[count];
        for (int i = 0; i < count; i++)
            words[i] = (uint)rng.NextInt64(0, 1L << 32);
        return words;
    }

    /// <summary>
    /// Words biased toward the allocated space: a random table line (carve-outs included), its fixed bits kept
    /// and the rest filled randomly. This reaches every line equally, and so its constraints and carve-outs.
    /// </summary>
    public static uint[] FromTable(IReadOnlyList<Encoding> table, int count, int seed)
    {
        var rng = new Random(seed);
        var words = new uint[count];
        if (table.Count == 0)
            return Uniform(count, seed);
        for (int i = 0; i < count; i++)
        {
            var e = table[rng.Next(table.Count)];
            words[i] = e.Value | ((uint)rng.NextInt64(0, 1L << 32) & ~e.Mask);
        }
        return words;
    }
}
