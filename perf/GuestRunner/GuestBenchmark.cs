namespace A64Jit.Perf.GuestRunner;

/// <summary>
/// One perf/guests/*.c benchmark and what its header comments say: `// size: N` (the default
/// argv[1]), `// quick: N` (the size for slow engines), `// cflags: ...` (both targets),
/// `// cflags-aarch64: ...` and `// cflags-native: ...` (one target each).
/// </summary>
public sealed record GuestBenchmark(string Name, string SourcePath, long Size, long QuickSize,
    IReadOnlyList<string> CFlags, IReadOnlyList<string> CFlagsAArch64, IReadOnlyList<string> CFlagsNative)
{
    public long SizeFor(bool quick) => quick ? QuickSize : Size;

    /// <summary>Reads the header of one source; throws FormatException when size or quick is missing.</summary>
    public static GuestBenchmark Parse(string sourcePath, string text)
    {
        var name = Path.GetFileNameWithoutExtension(sourcePath);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith("//", StringComparison.Ordinal))
            {
                if (line.Length == 0)
                    continue;
                break; // the header is the leading comment block
            }
            var body = line[2..].Trim();
            int colon = body.IndexOf(':');
            if (colon <= 0)
                continue;
            var key = body[..colon];
            if (key is "size" or "quick" or "cflags" or "cflags-aarch64" or "cflags-native")
                headers.TryAdd(key, body[(colon + 1)..].Trim());
        }
        long Number(string key) =>
            headers.TryGetValue(key, out var v) && long.TryParse(v, out var n) && n > 0
                ? n
                : throw new FormatException($"{sourcePath}: needs a '// {key}: <positive number>' header line");
        string[] Words(string key) =>
            headers.TryGetValue(key, out var v) ? v.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        return new GuestBenchmark(name, sourcePath, Number("size"), Number("quick"),
            Words("cflags"), Words("cflags-aarch64"), Words("cflags-native"));
    }

    /// <summary>Every *.c in the directory, by name.</summary>
    public static IReadOnlyList<GuestBenchmark> Discover(string directory) =>
        Directory.GetFiles(directory, "*.c")
            .Order(StringComparer.Ordinal)
            .Select(p => Parse(p, File.ReadAllText(p)))
            .ToList();
}
