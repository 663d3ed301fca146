using A64Jit.Frontend.Decoding;
using A64Jit.Frontend.Lifting;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Fuzz;

/// <summary>
/// Differential fuzzing of the lifter against Unicorn: for every lifted table line, random words of
/// that encoding run from random register, flag and memory states in both, one instruction at a
/// time; every architectural difference is a failure. Fixed seed in CI; A64JIT_FUZZ_PER_LINE and
/// A64JIT_FUZZ_SEED run more with fresh seeds.
/// </summary>
[TestFixture]
[Category("Fuzz")]
public class DifferentialFuzzTests
{
    static int PerLine => int.TryParse(Environment.GetEnvironmentVariable("A64JIT_FUZZ_PER_LINE"), out var n) ? n : 300;
    static int Seed => int.TryParse(Environment.GetEnvironmentVariable("A64JIT_FUZZ_SEED"), out var s) ? s : 20261122;

    public static IEnumerable<EncodingClass> Classes() => Enum.GetValues<EncodingClass>();

    [TestCaseSource(nameof(Classes))]
    public void LifterMatchesUnicorn(EncodingClass cls)
    {
        if (!Unicorn.Available)
            Assert.Fail("libunicorn2 is not installed: run tests/setup.sh");
        var lines = DecodeTable.All.Where(e => e.Class == cls && HandlerTable.IsLifted(e)).ToList();
        Assert.That(lines, Is.Not.Empty, $"no lifted lines in {cls}");

        using var ours = new OurExecutor();
        using var theirs = new UnicornExecutor();
        var random = new Random(Seed ^ (int)cls);
        int checkedCount = 0, skippedLines = 0;
        var failures = new List<string>();
        foreach (var line in lines)
        {
            if (DoNotTest.Reason(line.Name) is not null)
            {
                skippedLines++;
                continue;
            }
            int lineFailures = 0;
            for (int i = 0; i < PerLine && lineFailures < 3; i++)
            {
                if (InstructionGenerator.Generate(line, random) is not uint word)
                    break;
                if (DoNotTest.SkippedWord(line.Name, word) is not null)
                    continue;
                var start = MachineState.Random(random);
                var a = start.Clone();
                var b = start.Clone();
                var oursOutcome = ours.Step(word, a);
                var theirOutcome = theirs.Step(word, b);
                checkedCount++;
                string? problem = null;
                if (!StepOutcomes.Agree(oursOutcome, theirOutcome))
                    problem = $"outcome {oursOutcome} vs Unicorn {theirOutcome}";
                else if (oursOutcome == StepOutcome.Completed && a.Diff(b) is { Count: > 0 } diff)
                    problem = string.Join("; ", diff.Take(6));
                if (problem is not null)
                {
                    lineFailures++;
                    failures.Add($"{line.Name} 0x{word:x8}: {problem}\n    start: {Describe(start, word)}");
                }
            }
        }
        TestContext.Out.WriteLine($"{cls}: {checkedCount} instructions from {lines.Count - skippedLines} lines ({skippedLines} on the do-not-test list), {failures.Count} mismatches");
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(40)));
    }

    static string Describe(MachineState s, uint word)
    {
        // Name the registers the word's low fields could use (Rd, Rn, Rm, Ra/Rt2).
        var regs = new[] { word & 31, (word >> 5) & 31, (word >> 16) & 31, (word >> 10) & 31 }.Distinct()
            .Select(r => r == 31 ? $"sp/zr=0x{s.Sp:x}" : $"x{r}=0x{s.X[r]:x}");
        return $"{string.Join(" ", regs)} nzcv=0x{s.Nzcv >> 28:x}";
    }
}
