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

    /// <summary>
    /// Each line goes into every bucket its fixed bits in the bucket window allow (table order is kept):
    /// the free bits of the window are enumerated, which is far cheaper at start-up than testing every
    /// line against every bucket.
    /// </summary>
    static Encoding[][] BuildBuckets(IReadOnlyList<Encoding> table)
    {
        var lists = new List<Encoding>[1 << BucketBits];
        for (int key = 0; key < lists.Length; key++)
            lists[key] = [];
        foreach (var e in table)
        {
            uint fixedBits = (e.Mask >> BucketShift) & BucketMask;
            uint value = (e.Value >> BucketShift) & fixedBits;
            uint free = ~fixedBits & BucketMask;
            // Every subset of the free bits, from all of them down to none.
            for (uint sub = free; ; sub = (sub - 1) & free)
            {
                lists[value | sub].Add(e);
                if (sub == 0)
                    break;
            }
        }
        return Array.ConvertAll(lists, l => l.ToArray());
    }
}
