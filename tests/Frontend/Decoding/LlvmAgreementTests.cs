using System.Diagnostics;
using A64Jit.Frontend.Decoding;

namespace A64Jit.Tests.Frontend.Decoding;

/// <summary>
/// Does the table call the same words allocated as llvm-mc does for our feature set (<see cref="LlvmAgreement.Features"/>)?
/// Two samples: uniformly random words, and words drawn from the table's own lines (which reach every
/// constraint and carve-out). A64JIT_LLVM_WORDS sets the sample size (default 1,000,000 uniform words and a
/// quarter as many table words); the [Category("Long")] test runs 16 times as many for a run by hand.
/// </summary>
[TestFixture]
public class LlvmAgreementTests
{
    const int DefaultWords = 1_000_000;

    static int WordCount => int.TryParse(Environment.GetEnvironmentVariable("A64JIT_LLVM_WORDS"), out int n) && n > 0 ? n : DefaultWords;

    /// <summary>
    /// Minimum agreement (percent) per class, for each sample, where the table is meant to be complete.
    /// A class with table lines but no entry here is still held to "we never decode what llvm-mc rejects"
    /// (no ours-only words); its llvm-only words (encodings not yet in the table) are only reported.
    /// </summary>
    static readonly Dictionary<string, double> MinAgreement = new()
    {
        [nameof(EncodingClass.DataProcessingImmediate)] = 100.0,
    };

    /// <summary>
    /// Where llvm-mc and the Arm ARM differ, with the reason. Words these match are counted as "known",
    /// not as disagreements. Each entry names the Arm ARM rule it relies on.
    /// </summary>
    static string? KnownDifference(uint word) => null;

    [Test(Description = "llvm-mc output maps back to the right words: valid, invalid, unpredictable, repeated, PAuth off")]
    public void OutputMapsBackToWords()
    {
        RequireLlvmMc();
        uint[] words =
        [
            0xD503201F, // nop
            0xFFFFFFFF, // unallocated
            0xD503233F, // paciasp: a hint, allocated without PAuth
            0xD71F0820, // braa x1, x0: PAuth, so unallocated for us
            0xD2800020, // mov x0, #1
            0xFFFFFFFF,
            0xD2800020,
            0x08D6AF57, // an exclusive with a non-ones Rs field: llvm-mc decodes it as potentially undefined
            0x1E284020, // frint32z s0, s1 (FRINTTS)
            0x00000000, // udf #0
        ];
        var r = LlvmAgreement.Disassemble(words, processes: 2);
        Assert.That(r.Select(x => x.Verdict), Is.EqualTo(new[]
        {
            LlvmVerdict.Valid, LlvmVerdict.Invalid, LlvmVerdict.Valid, LlvmVerdict.Invalid, LlvmVerdict.Valid,
            LlvmVerdict.Invalid, LlvmVerdict.Valid, LlvmVerdict.Unpredictable, LlvmVerdict.Valid, LlvmVerdict.Valid,
        }));
        Assert.That(r[0].Text, Is.EqualTo("nop"));
        Assert.That(r[2].Text, Is.EqualTo("hint #25"));
        Assert.That(r[4].Text, Is.EqualTo("mov x0, #1"));
        Assert.That(r[6].Text, Is.EqualTo("mov x0, #1"));
        Assert.That(r[8].Text, Is.EqualTo("frint32z s0, s1"));
    }

    [Test(Description = "the table agrees with llvm-mc on uniformly random words and on words drawn from table lines")]
    public void AgreesWithLlvmMc() => Run(WordCount);

    [Test(Description = "a bigger run by hand: dotnet test tests --filter TestCategory=Long (A64JIT_LLVM_WORDS scales it)")]
    [Category("Long"), Explicit("minutes of llvm-mc; run by hand")]
    public void AgreesWithLlvmMcLong() => Run(WordCount * 16);

    static void Run(int uniformCount)
    {
        RequireLlvmMc();
        var table = DecodeTable.All;
        var reports = new List<AgreementReport>();
        var clock = Stopwatch.StartNew();
        foreach (var (title, words) in new[]
        {
            ($"uniform random words (seed 1, {uniformCount})", TableWords.Uniform(uniformCount, seed: 1)),
            ($"words drawn from table lines (seed 2, {uniformCount / 4})", TableWords.FromTable(table, uniformCount / 4, seed: 2)),
        })
        {
            var llvm = LlvmAgreement.Disassemble(words, processes: 2);
            var report = LlvmAgreement.Compare(title, words, llvm, table, KnownDifference);
            report.Print(TestContext.Out);
            reports.Add(report);
        }
        TestContext.Out.WriteLine($"llvm-mc -mattr={string.Join(",", LlvmAgreement.Features)}");
        TestContext.Out.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s");

        var classesWithLines = table.Where(e => !e.IsUnallocated).Select(e => e.Class.ToString()).ToHashSet();
        var failures = new List<string>();
        foreach (var report in reports)
            foreach (var row in report.Rows.Values.Where(r => classesWithLines.Contains(r.Name)))
            {
                if (row.OursOnly > 0)
                    failures.Add($"{report.Title}: {row.Name}: {row.OursOnly} words we decode are unallocated for llvm-mc, e.g. "
                        + string.Join("; ", row.OursOnlyExamples.Select(e => $"{e.Word:X8} as {e.OurLine}")));
                if (MinAgreement.TryGetValue(row.Name, out double min) && row.AgreementPercent < min)
                    failures.Add($"{report.Title}: {row.Name}: agreement {row.AgreementPercent:F3}% < {min}%, llvm-only e.g. "
                        + string.Join("; ", row.LlvmOnlyExamples.Select(e => $"{e.Word:X8} {e.LlvmText} {e.OurLine}")));
            }
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }

    static void RequireLlvmMc()
    {
        if (!LlvmAgreement.Available())
            Assert.Fail($"{LlvmAgreement.Tool} is not installed (Debian: apt-get install llvm); the decode table's llvm-mc agreement check needs it");
    }
}
