namespace A64Jit.Tests.Support;

/// <summary>llvm-mc as a decode oracle: which instruction words it disassembles (allocated) and to what text.</summary>
public static class LlvmMc
{
    public const string Tool = "llvm-mc";
    public const string Attributes = "+v8.5a,+lse,+rcpc,+rcpc-immo";

    /// <summary>Disassembles the words in one run: the text for each, or null when llvm-mc calls it invalid.</summary>
    public static string?[] Disassemble(IReadOnlyList<uint> words)
    {
        CrossTools.Require(Tool);
        var input = new System.Text.StringBuilder();
        foreach (var w in words)
            input.Append($"0x{w & 0xFF:x2} 0x{(w >> 8) & 0xFF:x2} 0x{(w >> 16) & 0xFF:x2} 0x{w >> 24:x2}\n");
        var (_, stdout, stderr) = CrossTools.Run(Tool, ["--disassemble", "-triple=aarch64", $"-mattr={Attributes}"], input.ToString());
        var invalid = new HashSet<int>();
        foreach (var line in stderr.Split('\n'))
        {
            // <stdin>:LINE:COL: warning: invalid instruction encoding
            if (!line.Contains("invalid instruction encoding"))
                continue;
            var parts = line.Split(':');
            invalid.Add(int.Parse(parts[1]) - 1);
        }
        var texts = new Queue<string>(stdout.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l != ".text"));
        var result = new string?[words.Count];
        for (int i = 0; i < words.Count; i++)
            result[i] = invalid.Contains(i) ? null : texts.Dequeue();
        return result;
    }
}
