using A64Jit.Frontend.Decoding;
using A64Jit.Frontend.Lifting;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Fuzz;

/// <summary>
/// Differential fuzzing of the lifter against Unicorn: for every lifted table line, random words of
/// that encoding run from random register, flag and memory states in Unicorn, in the reference
/// interpreter and in the JIT, one instruction at a time; each of our engines is compared with
/// Unicorn, and every architectural difference is a failure. Fixed seed in CI; A64JIT_FUZZ_PER_LINE
/// and A64JIT_FUZZ_SEED run more with fresh seeds.
/// </summary>
[TestFixture]
[Category("Fuzz")]
public class DifferentialFuzzTests
{
    static int? PerLineOverride => int.TryParse(Environment.GetEnvironmentVariable("A64JIT_FUZZ_PER_LINE"), out var n) ? n : null;

    /// <summary>
    /// Words per line in CI: 300, and enough in the two small classes for 100,000 instructions per class
    /// (scalar FP has 55 lines, cryptography 22).
    /// </summary>
    static int PerLineFor(EncodingClass cls) => PerLineOverride ?? cls switch
    {
        EncodingClass.ScalarFloatingPoint => 1850,
        EncodingClass.Cryptography => 4600,
        _ => 300,
    };
    static int Seed => int.TryParse(Environment.GetEnvironmentVariable("A64JIT_FUZZ_SEED"), out var s) ? s : 20261122;

    public static IEnumerable<EncodingClass> Classes() => Enum.GetValues<EncodingClass>();

    [TestCaseSource(nameof(Classes))]
    public void LifterMatchesUnicorn(EncodingClass cls)
    {
        if (!Unicorn.Available)
            Assert.Fail("libunicorn2 is not installed: run tests/setup.sh");
        var lines = DecodeTable.All.Where(e => e.Class == cls && HandlerTable.IsLifted(e)).ToList();
        Assert.That(lines, Is.Not.Empty, $"no lifted lines in {cls}");

        using var ours = new OurExecutor(ExecutorMode.Interpreter);
        using var jit = new OurExecutor(ExecutorMode.Jit);
        using var theirs = new UnicornExecutor();
        var random = new Random(Seed ^ (int)cls);
        int checkedCount = 0, skippedLines = 0, jitMismatches = 0;
        var failures = new List<string>();
        foreach (var line in lines)
        {
            if (DoNotTest.Reason(line.Name) is not null)
            {
                skippedLines++;
                continue;
            }
            int lineFailures = 0;
            for (int i = 0; i < PerLineFor(cls) && lineFailures < 3; i++)
            {
                if (InstructionGenerator.Generate(line, random) is not uint word)
                    break;
                if (DoNotTest.SkippedWord(line.Name, word) is not null)
                    continue;
                var start = MachineState.Random(random);
                var a = start.Clone();
                var b = start.Clone();
                var c = start.Clone();
                var oursOutcome = ours.Step(word, a);
                var theirOutcome = theirs.Step(word, b);
                var jitOutcome = jit.Step(word, c);
                checkedCount++;
                var problems = new List<string>();
                if (Problem(oursOutcome, a, theirOutcome, b) is { } p1)
                    problems.Add($"interpreter: {p1}");
                if (Problem(jitOutcome, c, theirOutcome, b) is { } p2)
                {
                    problems.Add($"jit: {p2}");
                    jitMismatches++;
                }
                if (problems.Count > 0)
                {
                    lineFailures++;
                    failures.Add($"{line.Name} 0x{word:x8}: {string.Join("\n    ", problems)}\n    start: {Describe(start, word)}");
                }
            }
        }
        TestContext.Out.WriteLine($"{cls}: {checkedCount} instructions from {lines.Count - skippedLines} lines ({skippedLines} on the do-not-test list), "
            + $"each run by the interpreter and by the JIT: {failures.Count} mismatches ({jitMismatches} of the JIT)");
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(40)));
    }

    /// <summary>How one of our runs differs from Unicorn's, or null: outcomes must agree, and completed runs must leave the same state.</summary>
    static string? Problem(StepOutcome ours, MachineState ourState, StepOutcome theirs, MachineState theirState)
    {
        if (!StepOutcomes.Agree(ours, theirs))
            return $"outcome {ours} vs Unicorn {theirs}";
        if (ours == StepOutcome.Completed && ourState.Diff(theirState) is { Count: > 0 } diff)
            return string.Join("; ", diff.Take(6));
        return null;
    }

    static string Describe(MachineState s, uint word)
    {
        // Name the registers the word's low fields could use (Rd, Rn, Rm, Ra/Rt2).
        var regs = new[] { word & 31, (word >> 5) & 31, (word >> 16) & 31, (word >> 10) & 31 }.Distinct()
            .Select(r => r == 31 ? $"sp/zr=0x{s.Sp:x}" : $"x{r}=0x{s.X[r]:x}");
        return $"{string.Join(" ", regs)} nzcv=0x{s.Nzcv >> 28:x}";
    }
}
