namespace A64Jit.Tests.Support;

/// <summary>
/// llvm-mc as the reference disassembler: which words are allocated, and their text.
/// The feature set is what this translator implements (Armv8.5-A with CRC, LSE, RCpc, FlagM, PAuth decoding).
/// </summary>
public static class LlvmMc
{
    public const string Tool = "llvm-mc";
    public const string Attributes = "+v8.5a,+crc,+lse,+rcpc,+flagm,+pauth";

    /// <summary>Disassembles each word; null where llvm-mc reports an invalid encoding.</summary>
    public static string?[] Disassemble(IReadOnlyList<uint> words, string attributes = Attributes)
    {
        CrossTools.Require(Tool);
        var input = new System.Text.StringBuilder(words.Count * 20);
        foreach (var w in words)
            input.Append($"0x{w & 0xFF:x2} 0x{(w >> 8) & 0xFF:x2} 0x{(w >> 16) & 0xFF:x2} 0x{w >> 24:x2}\n");
        var (_, stdout, stderr) = CrossTools.Run(Tool, ["--disassemble", "-triple=aarch64", $"-mattr={attributes}"], input.ToString());
        var invalid = new HashSet<int>();
        foreach (var line in stderr.Split('\n'))
        {
            // <stdin>:LINE:COL: warning: invalid instruction encoding
            if (!line.Contains("invalid instruction encoding"))
                continue;
            var parts = line.Split(':');
            invalid.Add(int.Parse(parts[1]) - 1);
        }
        var texts = stdout.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l != ".text").ToList();
        var result = new string?[words.Count];
        int next = 0;
        for (int i = 0; i < words.Count; i++)
        {
            if (invalid.Contains(i))
                continue;
            if (next >= texts.Count)
                Assert.Fail($"llvm-mc printed fewer instructions than expected ({texts.Count})");
            result[i] = texts[next++].Replace('\t', ' ');
        }
        Assert.That(next, Is.EqualTo(texts.Count), "llvm-mc output did not line up with its input");
        return result;
    }
}
