using A64Jit.Frontend.Decoding;
using A64Jit.Frontend.Lifting;
using A64Jit.IR;

namespace A64Jit.Tests.Fuzz;

/// <summary>
/// The optimization passes must not change behaviour: random blocks of lifted instructions run as
/// unoptimized IR and as optimized IR in the interpreter, from the same random state; any
/// architectural difference (or a different fault) is a pass bug.
/// </summary>
[TestFixture]
[Category("Fuzz")]
public class PassFuzzTests
{
    static int Blocks => int.TryParse(Environment.GetEnvironmentVariable("A64JIT_FUZZ_BLOCKS"), out var n) ? n : 20_000;

    [Test]
    public void OptimizedIrBehavesLikeUnoptimizedIr()
    {
        var lines = DecodeTable.All.Where(HandlerTable.IsLifted).ToList();
        var random = new Random(20261122);
        using var plain = new OurExecutor(optimize: false);
        using var optimized = new OurExecutor(optimize: true);
        var failures = new List<string>();
        int instructions = 0;
        for (int b = 0; b < Blocks && failures.Count < 10; b++)
        {
            var words = new uint[random.Next(1, 9)];
            for (int i = 0; i < words.Length; i++)
                words[i] = InstructionGenerator.Generate(lines[random.Next(lines.Count)], random) ?? 0xd503201f; // nop
            instructions += words.Length;
            var start = MachineState.Random(random);
            var a = start.Clone();
            var c = start.Clone();
            var outcomeA = plain.Run(words, a);
            var outcomeC = optimized.Run(words, c);
            if (outcomeA != outcomeC || a.Diff(c) is { Count: > 0 })
                failures.Add($"block {string.Join(" ", words.Select(w => $"{w:x8}"))}: {outcomeA} vs {outcomeC}: {string.Join("; ", a.Diff(c).Take(4))}\n"
                    + Printer.Print(optimized.LastBlock!));
        }
        TestContext.Out.WriteLine($"{Blocks} blocks, {instructions} instructions, {failures.Count} differences");
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }
}
