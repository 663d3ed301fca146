using A64Jit.Frontend.Lifting;
using A64Jit.IR;
using A64Jit.Runtime.Cpu;
using A64Jit.Runtime.Engines;
using A64Jit.Runtime.Linux;
using A64Jit.Runtime.Memory;
using BenchmarkDotNet.Attributes;

namespace A64Jit.Perf;

/// <summary>
/// The reference interpreter's speed on a small integer loop, and the cost of lifting a block.
/// Guest MIPS = LoopInstructions * Iterations / time.
/// </summary>
[MemoryDiagnoser]
public class InterpreterBenchmarks
{
    // loop: add x0, x0, #1 ; eor x2, x0, #0xff ; add x3, x2, x0 ; subs x1, x1, #1 ; b.ne loop ; brk #0
    internal static readonly uint[] Loop = [0x91000400, 0xd2401c02, 0x8b000043, 0xf1000421, 0x54ffff81, 0xd4200000];
    const ulong CodeBase = 0x10000;

    /// <summary>Guest instructions per loop iteration.</summary>
    public const int LoopInstructions = 5;

    [Params(100_000)]
    public int Iterations;

    GuestMemory memory = null!;
    GuestContext context = null!;
    InterpreterEngine engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        memory = new GuestMemory(1UL << 32);
        memory.Map(CodeBase, GuestMemory.PageSize, PageFlags.Read | PageFlags.Execute);
        for (int i = 0; i < Loop.Length; i++)
            memory.Poke(CodeBase + (ulong)i * 4, BitConverter.GetBytes(Loop[i]));
        context = new GuestContext(new CpuState(), memory, new UserModeSystemRegisters());
        engine = new InterpreterEngine(new EngineOptions());
    }

    [GlobalCleanup]
    public void Cleanup() => memory.Dispose();

    [Benchmark(Description = "interpret integer loop")]
    public ulong InterpretLoop()
    {
        var s = context.State;
        s.Pc = CodeBase;
        s.X[1] = (ulong)Iterations;
        while (engine.Step(context).Reason == ExitReason.Continue)
        {
        }
        return s.X[3];
    }

    [Benchmark(Description = "lift one 6-instruction block")]
    public Block LiftBlock() => Lifter.Lift(CodeBase, memory.Fetch);
}
