namespace A64Jit.Frontend.Decoding;

/// <summary>
/// Finds the table line for an instruction word. Lines are tried in table order (most specific first);
/// a bucket index on bits 28..19 skips the lines that cannot match.
/// </summary>
public static class Decoder
{
    const int BucketShift = 19;
    const int BucketBits = 10;
    const uint BucketMask = (1u << BucketBits) - 1;

    static readonly Encoding[][] buckets = BuildBuckets(DecodeTable.All);

    /// <summary>The allocated encoding for the word, or null when it is unallocated.</summary>
    public static Encoding? Decode(uint word)
    {
        foreach (var e in buckets[(word >> BucketShift) & BucketMask])
        {
            if (!e.Matches(word) || (e.Constraint is not null && !e.Constraint(word)))
                continue;
            // The first line that claims the word decides; a carve-out (with its constraint, if any) says unallocated.
            return e.IsUnallocated ? null : e;
        }
        return null;
    }

    static Encoding[][] BuildBuckets(IReadOnlyList<Encoding> table)
    {
        var result = new Encoding[1 << BucketBits][];
        for (uint key = 0; key < result.Length; key++)
        {
            uint probe = key << BucketShift;
            uint probeMask = BucketMask << BucketShift;
            result[key] = table.Where(e => (e.Value & e.Mask & probeMask) == (probe & e.Mask)).ToArray();
        }
        return result;
    }
}
