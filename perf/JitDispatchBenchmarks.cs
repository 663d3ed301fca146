using A64Jit.IR;
using A64Jit.Runtime.Engines;
using BenchmarkDotNet.Attributes;

namespace A64Jit.Perf;

/// <summary>
/// Block-to-block transfer under the JIT, per loop iteration (one guest block each): a direct branch
/// back to itself, which is chained (a patched jmp, no lookup), against an indirect branch (br, ret),
/// which searches the dispatch table from compiled code. The blocks' bodies are the same two
/// instructions (add, subs), so the difference is the dispatch. Also the interpreter benchmark's loop
/// under the JIT, for MIPS against <see cref="InterpreterBenchmarks"/>.
/// </summary>
public class JitDispatchBenchmarks
{
    const int Iterations = 1_000_000;
    const ulong Chained = 0x10000, Br = 0x10100, Ret = 0x10200, IntegerLoop = 0x10300, Done = 0x10400;

    // chained: add x0, x0, #1 ; subs x1, x1, #1 ; b.ne chained ; brk #0
    static readonly uint[] ChainedLoop = [0x91000400, 0xf1000421, 0x54ffffc1, 0xd4200000];
    // br_loop: add x0, x0, #1 ; subs x1, x1, #1 ; csel x3, x2, x4, ne ; br x3     (x2 = br_loop, x4 = done)
    static readonly uint[] BrLoop = [0x91000400, 0xf1000421, 0x9a841043, 0xd61f0060];
    // ret_loop: add x0, x0, #1 ; subs x1, x1, #1 ; csel x30, x2, x4, ne ; ret    (x2 = ret_loop, x4 = done)
    static readonly uint[] RetLoop = [0x91000400, 0xf1000421, 0x9a84105e, 0xd65f03c0];
    // done: brk #0
    static readonly uint[] Brk = [0xd4200000];

    BareGuest guest = null!;
    JitEngine engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        guest = new BareGuest();
        guest.Code(Chained, ChainedLoop);
        guest.Code(Br, BrLoop);
        guest.Code(Ret, RetLoop);
        guest.Code(IntegerLoop, InterpreterBenchmarks.Loop);
        guest.Code(Done, Brk);
        engine = new JitEngine(new EngineOptions(), singleStep: false);
        // Every loop must run its iterations and stop at a brk, or the timings mean nothing.
        foreach (var (name, pc, brk) in new[] { ("chained", Chained, Chained + 12), ("br", Br, Done), ("ret", Ret, Done) })
        {
            var exit = Loop(pc, 1000);
            if (exit.Reason != ExitReason.Exception || guest.State.Pc != brk || guest.State.X[0] != 1000)
                throw new InvalidOperationException($"{name} loop: {exit.Reason} at 0x{guest.State.Pc:x}, x0 = {guest.State.X[0]}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        engine.Dispose();
        guest.Dispose();
    }

    BlockExit Loop(ulong pc, int iterations)
    {
        var x = guest.State.X;
        x[0] = 0;
        x[1] = (ulong)iterations;
        x[2] = pc;
        x[4] = Done;
        return guest.Run(engine, pc);
    }

    [Benchmark(Description = "chained block (add; subs; b.ne)", OperationsPerInvoke = Iterations)]
    public BlockExit ChainedBlock() => Loop(Chained, Iterations);

    [Benchmark(Description = "indirect dispatch (add; subs; csel; br)", OperationsPerInvoke = Iterations)]
    public BlockExit IndirectBr() => Loop(Br, Iterations);

    [Benchmark(Description = "indirect dispatch (add; subs; csel; ret)", OperationsPerInvoke = Iterations)]
    public BlockExit IndirectRet() => Loop(Ret, Iterations);

    [Benchmark(Description = "interpreter's integer loop under the JIT (5 instructions)", OperationsPerInvoke = Iterations)]
    public BlockExit JitIntegerLoop() => Loop(IntegerLoop, Iterations);
}
