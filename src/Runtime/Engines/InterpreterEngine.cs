using A64Jit.Frontend.Lifting;
using A64Jit.IR;
using A64Jit.Runtime.Cpu;

namespace A64Jit.Runtime.Engines;

/// <summary>
/// The reference engine: lifts each block once, then executes its unoptimized IR with the IR
/// interpreter. Blocks are shared between threads; each thread has its own interpreter scratch.
/// </summary>
public sealed class InterpreterEngine(EngineOptions options) : IEngine
{
    readonly BlockCache<InterpretedBlock> cache = new();
    readonly ThreadLocal<IrInterpreter> interpreter = new(() => new IrInterpreter());

    public string Name => "interp";

    /// <summary>The block at <paramref name="key"/>, lifted on first use (an unfetchable first instruction lifts to an instruction abort).</summary>
    public Block Translate(BlockKey key, CpuContext ctx)
    {
        if (cache.TryGet(key, out var cached))
            return cached.Ir;
        var block = Lifter.Lift(key.Pc, ctx.Fetch, options.MaxBlockInstructions, ctx.SystemMode, ctx.LiftChecks(key));
        if (options.VerifyIr)
            Verifier.Verify(block);
        options.DumpIr?.Invoke(block);
        if (block.GuestInstructionCount > 0)
            cache.Add(key, new InterpretedBlock(block));
        return block;
    }

    /// <summary>The block at <paramref name="pc"/> under the context's current translation, or an instruction abort block.</summary>
    public Block Translate(ulong pc, CpuContext ctx) =>
        ctx.CodeKey(pc) is { } key ? Translate(key, ctx) : Lifter.Lift(pc, _ => null);

    public BlockExit Step(CpuContext ctx)
    {
        var block = Translate(ctx.State.Pc, ctx);
        var exit = interpreter.Value!.Run(block, ctx);
        ctx.State.InstructionsRetired += exit.InstructionsRetired;
        ctx.State.Pc = exit.Reason == ExitReason.Continue ? exit.NextPc : exit.Pc;
        return exit;
    }

    public void InvalidatePage(ulong address) => cache.InvalidatePage(address);
}

/// <summary>Knobs shared by the engines.</summary>
public sealed class EngineOptions
{
    public int MaxBlockInstructions { get; init; } = Lifter.MaxBlockInstructions;

    /// <summary>Run the IR verifier on every lifted block.</summary>
    public bool VerifyIr { get; init; }

    /// <summary>Called with each newly lifted block (--dump-ir); the JIT calls it again after the passes.</summary>
    public Action<Block>? DumpIr { get; init; }

    /// <summary>
    /// JIT: how many times a block is reached through the dispatcher before it is compiled; the times
    /// before, the interpreter runs it (code that runs once, like start-up, is never compiled).
    /// </summary>
    public int CompileThreshold { get; init; } = 2;

    /// <summary>
    /// Full-system guests run far more code once or a few times (a kernel's start-up) than user programs,
    /// and compiling costs about 5 µs a guest instruction: blocks are compiled on their 16th run
    /// (measured on the Debian kernel boot: 6.7 s at 2, 5.6 s at 16, 5.9 s at 32).
    /// </summary>
    public const int SystemCompileThreshold = 16;

    /// <summary>JIT: run the optimization passes (off compiles the IR as lifted).</summary>
    public bool Optimize { get; init; } = true;

    /// <summary>JIT: called with each compiled block and its x86-64 code as text (--dump-x86).</summary>
    public Action<Block, string>? DumpX86 { get; init; }
}
