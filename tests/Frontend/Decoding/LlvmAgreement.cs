using System.Diagnostics;
using System.Globalization;
using StringBuilder = System.Text.StringBuilder;
using A64Jit.Frontend.Decoding;

namespace A64Jit.Tests.Frontend.Decoding;

/// <summary>What llvm-mc says about one word.</summary>
public enum LlvmVerdict
{
    /// <summary>"invalid instruction encoding": unallocated for our feature set.</summary>
    Invalid,
    Valid,
    /// <summary>Decoded, but with "potentially undefined instruction encoding" (CONSTRAINED UNPREDICTABLE: either answer is acceptable).</summary>
    Unpredictable,
}

public readonly record struct LlvmResult(LlvmVerdict Verdict, string Text);

/// <summary>
/// Compares our decoder's allocated/unallocated answer with llvm-mc's disassembler, for our feature set.
/// llvm-mc reads one word per line as a little-endian byte listing; undecodable words are reported on
/// stderr as "&lt;stdin&gt;:LINE:COL: warning: invalid instruction encoding"; decoded ones are printed on
/// stdout in input order with "// encoding: [..]" (--show-encoding). The counts must match, and the echoed
/// encodings must mostly equal the words (llvm-mc re-encodes the few whose should-be-one bits it ignores).
/// </summary>
public static class LlvmAgreement
{
    public const string Tool = "llvm-mc";

    /// <summary>
    /// The architecture the table covers, as llvm-mc features: the one list this comparison uses. Armv8.5-A
    /// with the optional extensions Linux user space meets, PAuth included: the table lists every encoding of
    /// that scope, lifted or not (style point 1), and the non-hint PAuth lines (PACIA, AUTIA, BRAA, RETAA, LDRAA...)
    /// are there to be proved right like the rest. Which of them we *implement* is the lifter's business (an
    /// unlifted line raises UNDEFINED) and what we advertise is IdRegisters' (no PAuth: APA/API/GPA/GPI = 0).
    /// To compare for a feature set without PAuth instead, replace "+pauth" by "-pauth" (after "+v8.5a", which
    /// implies it): the PAuth hints (PACIASP, AUTIASP, XPACLRI...) stay allocated as HINTs, the rest become
    /// unallocated. The trailing "-" features are ones the table does not cover (SVE, MTE, BF16, I8MM, SM4, TME, SPE).
    /// </summary>
    public static IReadOnlyList<string> Features { get; } =
    [
        "+v8.5a", "+pauth",
        "+crc", "+lse", "+rcpc", "+rcpc-immo", "+fp-armv8", "+neon", "+crypto", "+aes", "+sha2", "+sha3",
        "+fullfp16", "+fp16fml", "+dotprod", "+rdm", "+complxnum", "+flagm", "+jsconv", "+fptoint",
        "-sve", "-sve2", "-mte", "-bf16", "-i8mm", "-sm4", "-tme", "-spe",
    ];

    public static string[] Arguments => ["--disassemble", "--show-encoding", "-triple=aarch64", "-mattr=" + string.Join(",", Features)];

    public static bool Available() =>
        Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(dir => File.Exists(Path.Combine(dir, Tool)));

    /// <summary>Asks llvm-mc about every word, split over <paramref name="processes"/> concurrent llvm-mc runs.</summary>
    public static LlvmResult[] Disassemble(uint[] words, int processes = 2)
    {
        if (!Available())
            throw new InvalidOperationException($"{Tool} is not installed (Debian: apt-get install llvm); the llvm-mc agreement check needs it");
        var results = new LlvmResult[words.Length];
        int chunk = (words.Length + processes - 1) / Math.Max(processes, 1);
        var tasks = new List<Task>();
        for (int start = 0; start < words.Length; start += chunk)
        {
            int s = start, n = Math.Min(chunk, words.Length - start);
            tasks.Add(Task.Run(() => RunOne(words.AsSpan(s, n).ToArray()).CopyTo(results, s)));
        }
        Task.WaitAll(tasks);
        return results;
    }

    static LlvmResult[] RunOne(uint[] words)
    {
        var psi = new ProcessStartInfo(Tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in Arguments)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        var input = new StringBuilder(words.Length * 20);
        foreach (var w in words)
            input.Append(CultureInfo.InvariantCulture, $"0x{w & 0xFF:x2} 0x{(w >> 8) & 0xFF:x2} 0x{(w >> 16) & 0xFF:x2} 0x{w >> 24:x2}\n");
        p.StandardInput.Write(input.ToString());
        p.StandardInput.Close();
        if (!p.WaitForExit(600_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Tool} did not finish {words.Length} words in 10 minutes");
        }
        return Parse(words, stdout.Result, stderr.Result);
    }

    /// <summary>Maps llvm-mc's output back to the words (one per input line, line numbers from 1).</summary>
    public static LlvmResult[] Parse(uint[] words, string stdout, string stderr)
    {
        var verdict = new LlvmVerdict[words.Length];
        Array.Fill(verdict, LlvmVerdict.Valid);
        foreach (var line in stderr.Split('\n'))
        {
            if (!line.StartsWith("<stdin>:", StringComparison.Ordinal))
                continue; // the echoed input line and the caret under it
            var parts = line.Split(':', 5);
            if (parts.Length < 5 || !int.TryParse(parts[1], out int lineNo) || lineNo < 1 || lineNo > words.Length)
                throw new FormatException($"unexpected {Tool} diagnostic: {line}");
            var message = parts[4].Trim();
            verdict[lineNo - 1] = message switch
            {
                "invalid instruction encoding" => LlvmVerdict.Invalid,
                "potentially undefined instruction encoding" => LlvmVerdict.Unpredictable,
                _ => throw new FormatException($"unexpected {Tool} diagnostic: {line}"),
            };
        }

        var results = new LlvmResult[words.Length];
        int reencoded = 0;
        var decoded = stdout.Split('\n').Where(l => l.Contains("// encoding:", StringComparison.Ordinal)).GetEnumerator();
        for (int i = 0; i < words.Length; i++)
        {
            if (verdict[i] == LlvmVerdict.Invalid)
            {
                results[i] = new(LlvmVerdict.Invalid, "<invalid>");
                continue;
            }
            if (!decoded.MoveNext())
                throw new FormatException($"{Tool} printed fewer instructions than it decoded (ran out at word {i}, {words[i]:X8})");
            var line = decoded.Current;
            int at = line.LastIndexOf("// encoding:", StringComparison.Ordinal);
            var bytes = line[(at + "// encoding:".Length)..].Trim().TrimStart('[').TrimEnd(']').Split(',');
            uint echoed = 0;
            for (int b = 0; b < 4 && b < bytes.Length; b++)
                echoed |= Convert.ToUInt32(bytes[b].Trim(), 16) << (8 * b);
            if (bytes.Length != 4)
                throw new FormatException($"{Tool} printed no encoding for word {i} ({words[i]:X8}): \"{line.Trim()}\"");
            // llvm-mc echoes the word re-encoded: should-be-one bits it ignores come back set. A few differ so;
            // output out of step would make nearly all differ.
            if (echoed != words[i])
                reencoded++;
            results[i] = new(verdict[i], string.Join(' ', line[..at].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)));
        }
        if (decoded.MoveNext())
            throw new FormatException($"{Tool} printed more instructions than words: \"{decoded.Current.Trim()}\"");
        int valid = results.Count(r => r.Verdict != LlvmVerdict.Invalid);
        if (reencoded > valid / 10 + 2)
            throw new FormatException($"{Tool} output looks out of step: {reencoded} of {valid} decoded words echoed with another encoding");
        return results;
    }

    /// <summary>
    /// The Arm ARM's top-level group of a word (C4.1, op0 = bits 28..25), named like our encoding classes where
    /// one class covers the group; SIMD and FP words are split among three classes only by the table itself.
    /// </summary>
    public static string TopLevelGroup(uint word) => ((word >> 25) & 0xF) switch
    {
        0b0000 => "Reserved",
        0b0001 or 0b0011 => "Unallocated",
        0b0010 => "Sve",
        0b1000 or 0b1001 => nameof(EncodingClass.DataProcessingImmediate),
        0b1010 or 0b1011 => nameof(EncodingClass.BranchExceptionSystem),
        0b0100 or 0b0110 or 0b1100 or 0b1110 => nameof(EncodingClass.LoadStore),
        0b0101 or 0b1101 => nameof(EncodingClass.DataProcessingRegister),
        _ => "SimdFp", // x111
    };

    /// <summary>The class a word is reported under: its table line's class, or its top-level group if no line decodes it.</summary>
    public static string ClassOf(Encoding? ours, uint word) => ours?.Class.ToString() ?? TopLevelGroup(word);

    /// <summary>Words per llvm-mc batch: bounds memory (llvm-mc's output is held whole) for runs of many millions.</summary>
    public const int BatchWords = 1_000_000;

    /// <summary>
    /// Compares <paramref name="count"/> words batch by batch; <paramref name="sample"/>(n, b) gives batch b's n words.
    /// </summary>
    public static AgreementReport Measure(string title, int count, Func<int, int, uint[]> sample, IReadOnlyList<Encoding> table,
        KnownDifference? knownDifference = null, int processes = 2)
    {
        var report = new AgreementReport(title);
        for (int batch = 0, done = 0; done < count; batch++)
        {
            var words = sample(Math.Min(BatchWords, count - done), batch);
            Compare(report, words, Disassemble(words, processes), table, knownDifference);
            done += words.Length;
        }
        return report;
    }

    /// <summary>Adds the comparison of llvm-mc's verdicts with the table's to the report, words classified by <see cref="ClassOf"/>.</summary>
    /// <remarks><paramref name="decode"/> defaults to <see cref="Decoder.Decode"/>; a test of this check passes another table's.</remarks>
    public static void Compare(AgreementReport report, uint[] words, LlvmResult[] llvm, IReadOnlyList<Encoding> table,
        KnownDifference? knownDifference = null, Func<uint, Encoding?>? decode = null)
    {
        decode ??= Decoder.Decode;
        for (int i = 0; i < words.Length; i++)
        {
            uint w = words[i];
            var ours = decode(w);
            var row = report.Row(ClassOf(ours, w));
            row.Words++;
            var l = llvm[i];
            bool llvmAllocated = l.Verdict != LlvmVerdict.Invalid;
            if (l.Verdict == LlvmVerdict.Unpredictable)
            {
                row.Unpredictable++;
                continue;
            }
            if (llvmAllocated == (ours is not null))
            {
                row.Agree++;
                continue;
            }
            var why = knownDifference?.Invoke(w, l, ours);
            if (why is not null)
            {
                row.Known++;
                row.KnownReasons[why] = row.KnownReasons.GetValueOrDefault(why) + 1;
                continue;
            }
            var example = new Example(w, l.Text, ours?.Name ?? Rejection(table, w));
            // Tally by what names the disagreement: our line when we decode, llvm-mc's mnemonic when it does.
            var tally = ours is not null ? ours.Name : l.Text.Split(' ')[0];
            row.Tally[tally] = row.Tally.GetValueOrDefault(tally) + 1;
            if (ours is not null)
            {
                row.OursOnly++;
                if (row.OursOnlyExamples.Count < AgreementReport.ExamplesPerKind)
                    row.OursOnlyExamples.Add(example);
            }
            else
            {
                row.LlvmOnly++;
                if (row.LlvmOnlyExamples.Count < AgreementReport.ExamplesPerKind)
                    row.LlvmOnlyExamples.Add(example);
            }
        }
    }

    /// <summary>Why our table has no line for a word: a carve-out, constraints that failed, or nothing matches.</summary>
    static string Rejection(IReadOnlyList<Encoding> table, uint word)
    {
        var carve = TableWords.FirstClaim(table, word);
        if (carve is not null)
            return $"(carved out by {carve.Name})";
        var failed = table.Where(e => e.Matches(word)).Select(e => e.Name).ToList();
        return failed.Count == 0 ? "(no line)" : $"(constraint of {string.Join(", ", failed)})";
    }
}

/// <summary>Why llvm-mc and the Arm ARM differ on this disagreement, or null if they do not (a real disagreement).</summary>
public delegate string? KnownDifference(uint word, LlvmResult llvm, Encoding? ours);

public sealed record Example(uint Word, string LlvmText, string OurLine);

public sealed class AgreementRow(string name)
{
    public string Name { get; } = name;
    public int Words;
    public int Agree;
    public int OursOnly;
    public int LlvmOnly;
    public int Unpredictable;
    public int Known;
    public Dictionary<string, int> KnownReasons { get; } = [];
    /// <summary>Disagreements by our line's name (ours-only) or llvm-mc's mnemonic (llvm-only).</summary>
    public Dictionary<string, int> Tally { get; } = [];
    public List<Example> OursOnlyExamples { get; } = [];
    public List<Example> LlvmOnlyExamples { get; } = [];

    /// <summary>Agreeing words among those where llvm-mc gives a firm answer and no known difference applies.</summary>
    public double AgreementPercent => Agree + OursOnly + LlvmOnly == 0 ? 100 : 100.0 * Agree / (Agree + OursOnly + LlvmOnly);
}

public sealed class AgreementReport(string title)
{
    public const int ExamplesPerKind = 5;
    public const int TallyShown = 12;
    public string Title { get; } = title;
    readonly SortedDictionary<string, AgreementRow> rows = new(StringComparer.Ordinal);
    public IReadOnlyDictionary<string, AgreementRow> Rows => rows;

    public AgreementRow Row(string name) => rows.TryGetValue(name, out var r) ? r : rows[name] = new AgreementRow(name);

    public AgreementRow Overall
    {
        get
        {
            var all = new AgreementRow("overall");
            foreach (var r in rows.Values)
            {
                all.Words += r.Words; all.Agree += r.Agree; all.OursOnly += r.OursOnly;
                all.LlvmOnly += r.LlvmOnly; all.Unpredictable += r.Unpredictable; all.Known += r.Known;
            }
            return all;
        }
    }

    public void Print(TextWriter o)
    {
        o.WriteLine($"== {Title}");
        o.WriteLine($"{"class",-26} {"words",9} {"agree",9} {"ours-only",9} {"llvm-only",9} {"unpred",7} {"known",7} {"agree%",8}");
        foreach (var r in rows.Values.Append(Overall))
            o.WriteLine($"{r.Name,-26} {r.Words,9} {r.Agree,9} {r.OursOnly,9} {r.LlvmOnly,9} {r.Unpredictable,7} {r.Known,7} {r.AgreementPercent,8:F3}");
        o.WriteLine("(unpred: llvm-mc decodes with \"potentially undefined\", either answer accepted; known: listed differences, not counted)");
        foreach (var r in rows.Values)
        {
            if (r.Tally.Count > 0)
                o.WriteLine($"  {r.Name} disagreements by line/mnemonic: "
                    + string.Join(", ", r.Tally.OrderByDescending(t => t.Value).ThenBy(t => t.Key).Take(TallyShown).Select(t => $"{t.Key} {t.Value}"))
                    + (r.Tally.Count > TallyShown ? $", ... ({r.Tally.Count} kinds)" : ""));
            foreach (var (why, n) in r.KnownReasons)
                o.WriteLine($"  {r.Name} known x{n}: {why}");
            foreach (var e in r.OursOnlyExamples)
                o.WriteLine($"  {r.Name} ours-only {e.Word:X8}: ours {e.OurLine}, llvm {e.LlvmText}");
            foreach (var e in r.LlvmOnlyExamples)
                o.WriteLine($"  {r.Name} llvm-only {e.Word:X8}: llvm \"{e.LlvmText}\", ours {e.OurLine}");
        }
        o.WriteLine();
    }
}
