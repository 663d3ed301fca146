namespace A64Jit.Frontend.Decoding;

/// <summary>
/// The A64 decode table: every encoding of Armv8.0 to v8.5 that Linux user space and kernels can meet,
/// one line each, grouped by the sections of the Arm ARM's encoding index (one file per group).
/// Order matters only between overlapping lines: the more specific line comes first (a test proves it).
/// Whether a line is lifted is derived: the lifter has a handler with the line's name.
/// </summary>
public static partial class DecodeTable
{
    public static IReadOnlyList<Encoding> All { get; } = Build();

    static Encoding[] Build()
    {
        var groups = new (EncodingClass Class, Encoding[] Lines)[]
        {
            (EncodingClass.DataProcessingImmediate, DataProcessingImmediate),
            (EncodingClass.BranchExceptionSystem, BranchExceptionSystem),
            (EncodingClass.LoadStore, LoadStore),
            (EncodingClass.DataProcessingRegister, DataProcessingRegister),
            (EncodingClass.ScalarFloatingPoint, ScalarFloatingPoint),
            (EncodingClass.AdvancedSimd, AdvancedSimd),
            (EncodingClass.Cryptography, Cryptography),
        };
        foreach (var (cls, lines) in groups)
            foreach (var line in lines)
                line.Class = cls;
        return groups.SelectMany(g => g.Lines).ToArray();
    }

    static Encoding E(string name, string pattern, Func<uint, bool>? constraint = null) => new(name, pattern, constraint);

    /// <summary>A carve-out line: words matching it are unallocated even if a later line matches.</summary>
    static Encoding Unallocated(string why, string pattern) => new("UNALLOCATED_" + why, pattern, unallocated: true);

    static uint Bits(uint word, int hi, int lo) => (word >> lo) & ((1u << (hi - lo + 1)) - 1);
}
