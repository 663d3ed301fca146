namespace A64Jit.Frontend.Decoding;

/// <summary>
/// One line of the decode table: a name (the lifter handler's name, e.g. ADD_imm) and a 32-character
/// bit pattern, most significant bit first. '0' and '1' are fixed bits, '-' is a bit the decoder
/// ignores, and a letter is a bit of the field named by that letter; the lifter handler takes one
/// parameter per letter, named by it. A letter that appears in several runs is concatenated in
/// order, most significant first. Spaces and underscores are only for readability.
/// </summary>
public sealed class Encoding
{
    public string Name { get; }
    public string Pattern { get; }
    public EncodingClass Class { get; internal set; }
    public uint Mask { get; }
    public uint Value { get; }
    public IReadOnlyList<Field> Fields { get; }

    /// <summary>An extra condition on the word, beyond the fixed bits, for the encoding to be allocated.</summary>
    public Func<uint, bool>? Constraint { get; }

    /// <summary>A carve-out: words matching this line are unallocated, whatever later lines say.</summary>
    public bool IsUnallocated { get; }

    public Encoding(string name, string pattern, Func<uint, bool>? constraint = null, bool unallocated = false)
    {
        Name = name;
        Pattern = pattern;
        Constraint = constraint;
        IsUnallocated = unallocated;
        var bits = pattern.Replace(" ", "").Replace("_", "");
        if (bits.Length != 32)
            throw new ArgumentException($"{name}: pattern has {bits.Length} bits, not 32");
        uint mask = 0, value = 0;
        var fields = new Dictionary<char, List<int>>();
        for (int i = 0; i < 32; i++)
        {
            int bit = 31 - i;
            char c = bits[i];
            switch (c)
            {
                case '0': mask |= 1u << bit; break;
                case '1': mask |= 1u << bit; value |= 1u << bit; break;
                case '-': break;
                default:
                    if (!char.IsAsciiLetter(c))
                        throw new ArgumentException($"{name}: bad pattern character '{c}'");
                    if (!fields.TryGetValue(c, out var list))
                        fields[c] = list = [];
                    list.Add(bit);
                    break;
            }
        }
        Mask = mask;
        Value = value;
        Fields = fields.Select(f => new Field(f.Key, [.. f.Value])).ToArray();
    }

    /// <summary>
    /// Is the word an FP/SIMD instruction, the kind CPACR_EL1.FPEN and CPTR_EL2 trap: scalar FP, Advanced SIMD and
    /// the cryptographic extension, and the loads and stores of SIMD&amp;FP registers (bit 26, V, set in that class).
    /// </summary>
    public bool UsesFpSimd(uint word) => Class switch
    {
        EncodingClass.ScalarFloatingPoint or EncodingClass.AdvancedSimd or EncodingClass.Cryptography => true,
        EncodingClass.LoadStore => (word & (1u << 26)) != 0,
        _ => false,
    };

    /// <summary>Does the word match the fixed bits (ignoring the constraint)?</summary>
    public bool Matches(uint word) => (word & Mask) == Value;

    public Field? FieldNamed(char letter) => Fields.FirstOrDefault(f => f.Letter == letter);

    public override string ToString() => $"{Name} {Pattern}";
}

/// <summary>A named field: its bit positions, most significant first.</summary>
public sealed record Field(char Letter, int[] Bits)
{
    public int Width => Bits.Length;

    public uint Extract(uint word)
    {
        uint v = 0;
        foreach (int b in Bits)
            v = (v << 1) | ((word >> b) & 1);
        return v;
    }
}

/// <summary>The top-level groups of the A64 encoding index (Arm ARM C4.1), and the extension groups we report.</summary>
public enum EncodingClass
{
    DataProcessingImmediate,
    BranchExceptionSystem,
    LoadStore,
    DataProcessingRegister,
    ScalarFloatingPoint,
    AdvancedSimd,
    Cryptography,
}
