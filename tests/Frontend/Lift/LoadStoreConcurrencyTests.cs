using A64Jit.IR;
using A64Jit.Runtime.Cpu;
using A64Jit.Runtime.Engines;
using A64Jit.Runtime.Linux;
using A64Jit.Runtime.Memory;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Frontend.Lift;

[TestFixture]
public class LoadStoreConcurrencyTests
{
    const int Threads = 4;
    const int Iterations = 10_000;

    [Test(Description = "4 guest threads on one memory: an ldxr/stxr increment loop and an ldadd loop, 10,000 each; the counters are exact")]
    public void ExclusiveAndAtomicCountersAreExact()
    {
        var code = CrossTools.Assemble($"""
                mov x2, #{Iterations}
            1:  ldxr x0, [x28]
                add x0, x0, #1
                stxr w1, x0, [x28]
                cbnz w1, 1b
                sub x2, x2, #1
                cbnz x2, 1b
                mov x2, #{Iterations}
                mov x3, #1
                add x4, x28, #64
            2:  ldaddal x3, x5, [x4]
                sub x2, x2, #1
                cbnz x2, 2b
                brk #0
            """);
        using var memory = new GuestMemory(1UL << 32);
        memory.Map(AsmRunner.CodeBase, GuestMemory.PageAlignUp((ulong)code.Length), PageFlags.Read | PageFlags.Execute);
        memory.Poke(AsmRunner.CodeBase, code);
        memory.Map(AsmRunner.DataBase, AsmRunner.DataSize, PageFlags.Read | PageFlags.Write);
        var engine = new InterpreterEngine(new EngineOptions());
        var exits = new BlockExit[Threads];
        var threads = Enumerable.Range(0, Threads).Select(i => new Thread(() =>
        {
            var state = new CpuState { Pc = AsmRunner.CodeBase };
            state.X[28] = AsmRunner.DataBase;
            var ctx = new GuestContext(state, memory, new UserModeSystemRegisters());
            while (true)
            {
                var exit = engine.Step(ctx);
                if (exit.Reason != ExitReason.Continue)
                {
                    exits[i] = exit;
                    return;
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.That(exits.All(e => e.Reason == ExitReason.Exception && e.Exception == ExceptionKind.Breakpoint), string.Join("; ", exits));
        Assert.That(memory.Read64(AsmRunner.DataBase), Is.EqualTo((ulong)(Threads * Iterations)));
        Assert.That(memory.Read64(AsmRunner.DataBase + 64), Is.EqualTo((ulong)(Threads * Iterations)));
    }
}
