using A64Jit.Backend.X64;
using A64Jit.Frontend.Lifting;
using A64Jit.IR;
using A64Jit.IR.Passes;
using A64Jit.Runtime.Demo;
using BenchmarkDotNet.Attributes;

namespace A64Jit.Perf;

/// <summary>
/// Translation cost per guest instruction, stage by stage, over the code of the demo guest
/// (<see cref="DemoGuest"/>: 55 instructions of integer arithmetic, divides, byte stores, calls,
/// syscalls) cut into the blocks the lifter makes of it. Each stage includes the ones before it:
/// lift; lift + optimization passes; + X64Compiler.Compile; + placing the code in a CodeCache (copy,
/// linking, dispatch-table entry), which is what the JIT engine does on a miss.
/// </summary>
[MemoryDiagnoser]
public class JitCompileBenchmarks
{
    /// <summary>The instructions of DemoGuest.Code; the words after them are the greeting's text.</summary>
    const int DemoInstructions = 55;
    const ulong CodeBase = 0x10000;

    /// <summary>
    /// Copies of the demo, a page apart: the cache keeps the first block at a pc, so each round of
    /// <see cref="Translate"/> places a fresh copy, and the cache is flushed once all were used.
    /// </summary>
    const int Copies = 256;

    BareGuest guest = null!;
    ulong[] blockStarts = null!;
    CodeCache cache = null!;
    int round;

    [GlobalSetup]
    public void Setup()
    {
        if (DemoGuest.Code[DemoInstructions - 1] != 0xd65f03c0)
            throw new InvalidOperationException("DemoGuest.Code changed: its last instruction is no longer the ret at word 54");
        guest = new BareGuest();
        for (int k = 0; k < Copies; k++)
            guest.Code(CodeBase + (ulong)k * 0x1000, DemoGuest.Code);
        var starts = new List<ulong>();
        int instructions = 0;
        for (ulong pc = CodeBase; pc < CodeBase + DemoInstructions * 4;)
        {
            var block = Lifter.Lift(pc, guest.Memory.Fetch);
            starts.Add(pc);
            instructions += block.GuestInstructionCount;
            pc = block.EndPc;
        }
        if (instructions != DemoInstructions)
            throw new InvalidOperationException($"the demo's blocks hold {instructions} instructions, not {DemoInstructions}");
        blockStarts = [.. starts];
        cache = new CodeCache();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        cache.Dispose();
        guest.Dispose();
    }

    Block Lift(ulong pc) => Lifter.Lift(pc, guest.Memory.Fetch);

    [Benchmark(Description = "lift, per guest instruction", OperationsPerInvoke = DemoInstructions)]
    public int LiftOnly()
    {
        int n = 0;
        foreach (var pc in blockStarts)
            n += Lift(pc).Insts.Count;
        return n;
    }

    [Benchmark(Description = "lift + passes, per guest instruction", OperationsPerInvoke = DemoInstructions)]
    public int LiftOptimize()
    {
        int n = 0;
        foreach (var pc in blockStarts)
        {
            var block = Lift(pc);
            PassPipeline.Optimize(block);
            n += block.Insts.Count;
        }
        return n;
    }

    [Benchmark(Description = "lift + passes + compile, per guest instruction", OperationsPerInvoke = DemoInstructions)]
    public int LiftOptimizeCompile()
    {
        int bytes = 0;
        foreach (var pc in blockStarts)
        {
            var block = Lift(pc);
            PassPipeline.Optimize(block);
            bytes += X64Compiler.Compile(block)!.Code.Length;
        }
        return bytes;
    }

    [Benchmark(Description = "lift + passes + compile + code cache, per guest instruction", OperationsPerInvoke = DemoInstructions)]
    public nint Translate()
    {
        if (round == Copies)
        {
            cache.Flush();
            round = 0;
        }
        ulong copy = (ulong)round++ * 0x1000;
        nint last = 0;
        foreach (var start in blockStarts)
        {
            ulong pc = start + copy;
            var block = Lift(pc);
            PassPipeline.Optimize(block);
            var compiled = X64Compiler.Compile(block)!;
            last = cache.Add(BlockKey.Flat(pc), block.EndPc, compiled);
        }
        return last;
    }
}
