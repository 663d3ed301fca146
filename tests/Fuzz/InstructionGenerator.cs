using A64Jit.Frontend.Decoding;

namespace A64Jit.Tests.Fuzz;

/// <summary>Random instruction words for one decode-table line, driven by the table itself.</summary>
public static class InstructionGenerator
{
    /// <summary>
    /// A random word that decodes to <paramref name="encoding"/> (its constraint holds and no earlier,
    /// more specific line claims it), or null if none was found in a few hundred tries.
    /// </summary>
    public static uint? Generate(Encoding encoding, Random random)
    {
        for (int attempt = 0; attempt < 400; attempt++)
        {
            uint word = encoding.Value | ((uint)random.NextInt64() & ~encoding.Mask);
            if (ReferenceEquals(Decoder.Decode(word), encoding))
                return word;
        }
        return null;
    }
}
