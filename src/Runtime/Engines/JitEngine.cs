using System.Runtime.CompilerServices;
using A64Jit.Backend.X64;
using A64Jit.Frontend.Lifting;
using A64Jit.IR;
using A64Jit.IR.Passes;
using A64Jit.Runtime.Cpu;

namespace A64Jit.Runtime.Engines;

/// <summary>
/// The translating engine: lifts a block, optimizes its IR, compiles it to x86-64 and runs it from the
/// code cache. Compiled code dispatches by itself (chained direct branches, an inline dispatch-table
/// lookup for indirect ones) and comes back here only on a miss, an exception, a fault or an interrupt.
/// Single-stepping (for lockstep) runs exactly one block per <see cref="Step"/>.
/// </summary>
public sealed unsafe class JitEngine : IEngine, IDisposable
{
    readonly EngineOptions options;
    readonly CodeCache cache;
    readonly ConditionalWeakTable<CpuContext, JitThread> threads = new();
    readonly List<WeakReference<CpuState>> running = [];
    // Tiering: a block is interpreted its first CompileThreshold - 1 times (most start-up code runs once).
    readonly InterpreterEngine coldTier;
    readonly System.Collections.Concurrent.ConcurrentDictionary<BlockKey, int> misses = new();

    /// <summary><paramref name="systemMode"/>: blocks are tagged by physical address and translation key (full-system guests).</summary>
    public JitEngine(EngineOptions options, bool singleStep = false, bool systemMode = false)
    {
        this.options = options;
        coldTier = new InterpreterEngine(options);
        cache = new CodeCache(singleStep: singleStep, physicallyTagged: systemMode);
        cache.FlushRequested += InterruptAll;
    }

    public string Name => cache.SingleStep ? "jit-step" : "jit";

    /// <summary>Counters for --stats: entries into compiled code, blocks run once in the interpreter, blocks compiled.</summary>
    public long Entries, ColdRuns, Compiled;

    public string Statistics => $"{Entries:N0} entries into compiled code, {ColdRuns:N0} cold blocks interpreted, {Compiled:N0} blocks compiled ({cache.Count:N0} cached, {cache.Flushes} flushes)";

    public CodeCache Cache => cache;

    public BlockExit Step(CpuContext ctx)
    {
        var thread = Attach(ctx);
        var native = ctx.State.Native;
        var jumpTable = cache.PhysicallyTagged ? JumpTable(thread, ctx) : null;
        while (true)
        {
            JitExit exit;
            cache.FlushLock.EnterReadLock();
            try
            {
                // Return-stack entries point into code; a flush took that code away.
                if (thread.SeenFlushes != cache.Flushes)
                {
                    ContextLayout.ClearReturnStack(native, cache.EmptyReturnCell);
                    thread.SeenFlushes = cache.Flushes;
                }
                Entries++;
                exit = cache.Enter(native, jumpTable);
            }
            finally
            {
                cache.FlushLock.ExitReadLock();
            }
            switch (exit)
            {
                case JitExit.Lookup:
                    if (Volatile.Read(ref native->Interrupt) != 0 && !cache.SingleStep)
                    {
                        native->Interrupt = 0;
                        return new BlockExit(ExitReason.Continue, native->Pc);
                    }
                    if (ctx.CodeKey(native->Pc) is not { } key)
                        return InstructionAbort(native->Pc);
                    if (cache.TryGet(key, out _, jumpTable))
                        continue;
                    if (!cache.SingleStep && misses.AddOrUpdate(key, 1, (_, n) => n + 1) < options.CompileThreshold)
                    {
                        // Cold: run it once in the interpreter and come back to the dispatcher.
                        ColdRuns++;
                        var cold = coldTier.Step(ctx);
                        if (cold.Reason != ExitReason.Continue)
                            return cold;
                        continue;
                    }
                    Compiled++;
                    if (Translate(key, ctx) is { } abort)
                        return abort;
                    continue;
                case JitExit.BlockDone:
                    return new BlockExit(ExitReason.Continue, native->Pc);
                case JitExit.Interrupted:
                    native->Interrupt = 0;
                    // Single-stepping (lockstep) must run exactly one block; its caller looks at signals after it.
                    if (cache.SingleStep)
                        continue;
                    return new BlockExit(ExitReason.Continue, native->Pc);
                case JitExit.Exception:
                {
                    // Like the interpreter engine: PC stays at the excepting instruction, the exit carries the return address.
                    ulong next = native->Pc;
                    native->Pc = native->ExceptionPc;
                    return new BlockExit(ExitReason.Exception, next, native->ExceptionPc,
                        (ExceptionKind)native->ExceptionKind, native->ExceptionImmediate);
                }
                default:
                    if (thread.Crash is { } crash)
                    {
                        thread.Crash = null;
                        throw new InvalidOperationException($"a JIT helper failed at 0x{native->Pc:x}: {crash.Message}", crash);
                    }
                    var fault = thread.Fault;
                    thread.Fault = null;
                    return new BlockExit(ExitReason.Fault, native->Pc, native->Pc, Fault: fault);
            }
        }
    }

    static BlockExit InstructionAbort(ulong pc) => new(ExitReason.Exception, pc, pc, ExceptionKind.InstructionAbort);

    /// <summary>Compiles the block at <paramref name="key"/> into the cache; an unfetchable pc is an instruction abort, returned as is.</summary>
    BlockExit? Translate(BlockKey key, CpuContext ctx)
    {
        int max = options.MaxBlockInstructions;
        ulong pc = key.Pc;
        while (true)
        {
            var block = Lifter.Lift(pc, ctx.Fetch, max, ctx.SystemMode, ctx.LiftChecks(key));
            if (block.GuestInstructionCount == 0 && block.Terminal is Terminal.Exception abort)
                return new BlockExit(ExitReason.Exception, abort.NextPc, abort.Pc, abort.Kind, abort.Immediate);
            if (options.VerifyIr)
                Verifier.Verify(block);
            options.DumpIr?.Invoke(block);
            ctx.LowerSystemRegisters(block, key);
            if (options.Optimize)
            {
                PassPipeline.Optimize(block, options.VerifyIr);
                options.DumpIr?.Invoke(block);
            }
            var compiled = X64Compiler.Compile(block, softMmu: ctx.FlatMemory is null, guardedMemory: ctx.FlatMemory?.Guarded ?? false);
            if (compiled is null)
            {
                // Too many values for the frame: translate a shorter block.
                max = Math.Max(1, max / 2);
                continue;
            }
            nint entry = cache.Add(key, block.EndPc, compiled);
            options.DumpX86?.Invoke(block, X64Disassembler.Format(compiled.Code, (ulong)(entry - compiled.EntryOffset)));
            return null;
        }
    }

    /// <summary>
    /// Physically tagged mode: the CPU's jump table for its current translation key, all of them cleared
    /// first when the CPU's translations changed since they were filled.
    /// </summary>
    DispatchEntry* JumpTable(JitThread thread, CpuContext ctx)
    {
        if (thread.JumpTableEpoch != ctx.TranslationEpoch)
        {
            foreach (var t in thread.JumpTables.Values)
                CodeCache.ClearJumpTable((DispatchEntry*)t);
            thread.JumpTableEpoch = ctx.TranslationEpoch;
            thread.JumpTableKey = uint.MaxValue;
        }
        if (ctx.StaleCodePages is { Count: > 0 } stale)
        {
            foreach (var t in thread.JumpTables.Values)
                foreach (ulong page in stale)
                    CodeCache.ClearJumpTablePage((DispatchEntry*)t, page);
            stale.Clear();
            thread.JumpTableKey = uint.MaxValue;
        }
        if (!thread.JumpTables.TryGetValue(ctx.TranslationKey, out nint table))
            thread.JumpTables[ctx.TranslationKey] = table = (nint)cache.NewJumpTable();
        // Return-stack entries name code compiled under the key they were pushed in.
        if (thread.JumpTableKey != ctx.TranslationKey)
        {
            ContextLayout.ClearReturnStack(ctx.State.Native, cache.EmptyReturnCell);
            thread.JumpTableKey = ctx.TranslationKey;
        }
        return (DispatchEntry*)table;
    }

    JitThread Attach(CpuContext ctx)
    {
        var native = ctx.State.Native;
        // Without flat memory the inline check always fails (no pages), so every access takes the helper.
        var flat = ctx.FlatMemory;
        native->MemoryBase = flat is null ? null : flat.HostBase;
        native->PageFlags = flat is null ? null : flat.PageFlagsPointer;
        native->PageCount = flat?.PageCount ?? 0;
        native->MemorySize = flat?.Size ?? 0;
        if (threads.TryGetValue(ctx, out var thread))
            return thread;
        thread = new JitThread(ctx, native);
        threads.AddOrUpdate(ctx, thread);
        lock (running)
            running.Add(new WeakReference<CpuState>(ctx.State));
        return thread;
    }

    void InterruptAll()
    {
        lock (running)
        {
            running.RemoveAll(r => !r.TryGetTarget(out _));
            foreach (var r in running)
                if (r.TryGetTarget(out var state))
                    state.RequestInterrupt();
        }
    }

    public void InvalidatePage(ulong address)
    {
        cache.InvalidatePage(address);
        coldTier.InvalidatePage(address);
    }

    public void Dispose() => cache.Dispose();
}
