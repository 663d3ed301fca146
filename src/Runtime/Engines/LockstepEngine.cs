using System.Text;
using A64Jit.Backend.X64;
using A64Jit.IR;
using A64Jit.Runtime.Cpu;

namespace A64Jit.Runtime.Engines;

/// <summary>
/// Runs every block twice from the same starting point: the reference interpreter on a second copy of the
/// CPU state, logging the bytes it stores and then undoing them, and the JIT (one block, no chaining) on
/// the real state and memory. After each block the architectural state, the way the block ended and the
/// bytes stored must agree; the first
/// difference stops the run with a report: the guest instructions, the IR before and after the passes,
/// the x86-64 code, and what differs. Blocks of different guest threads do not interleave.
/// </summary>
public sealed class LockstepEngine : IEngine, IDisposable
{
    static readonly Lock oneBlockAtATime = new();

    readonly InterpreterEngine reference;
    readonly JitEngine jit;
    readonly ThreadLocal<IrInterpreter> interpreter = new(() => new IrInterpreter());
    readonly ThreadLocal<CpuState> shadowStates = new(() => new CpuState());

    readonly SystemLockstep? system;

    /// <summary><paramref name="systemMode"/>: the guest is a full-system machine (see <see cref="SystemLockstep"/>).</summary>
    public LockstepEngine(EngineOptions options, bool systemMode = false)
    {
        reference = new InterpreterEngine(options);
        jit = new JitEngine(options, singleStep: true, systemMode: systemMode);
        if (systemMode)
            system = new SystemLockstep(reference, jit);
    }

    public string Name => "lockstep";

    /// <summary>Blocks compared so far.</summary>
    public long BlocksCompared { get; private set; }

    public BlockExit Step(CpuContext context)
    {
        if (context is Machine.SystemContext systemContext && system is not null)
        {
            lock (oneBlockAtATime)
            {
                ulong start = systemContext.State.Pc;
                var (exit, lifted, found) = system.Step(systemContext);
                BlocksCompared++;
                if (found.Count > 0)
                    throw new LockstepMismatchException(Report(start, lifted, found, pc => systemContext.Fetch(pc), systemContext.CodeKey(start)));
                return exit;
            }
        }
        if (context is not GuestContext ctx)
            throw new NotSupportedException("this lockstep engine was made for user-mode guests");
        lock (oneBlockAtATime)
        {
            ulong pc = ctx.State.Pc;
            var shadowState = shadowStates.Value!;
            ctx.State.CopyTo(shadowState);
            var shadow = new UndoLogContext(shadowState, ctx.Memory, ctx.SystemRegisters);

            var block = reference.Translate(pc, ctx);
            var expected = interpreter.Value!.Run(block, shadow);
            shadowState.InstructionsRetired += expected.InstructionsRetired;
            shadowState.Pc = expected.Reason == ExitReason.Continue ? expected.NextPc : expected.Pc;
            var stored = shadow.Stored();
            shadow.Undo();

            var actual = jit.Step(ctx);
            BlocksCompared++;

            var differences = Compare(expected, actual, shadowState, stored, ctx);
            if (differences.Count > 0)
                throw new LockstepMismatchException(Report(pc, block, differences, ctx.Memory.Fetch, BlockKey.Flat(pc)));
            return actual;
        }
    }

    static List<string> Compare(BlockExit expected, BlockExit actual, CpuState shadowState, Dictionary<ulong, byte> stored, GuestContext ctx)
    {
        var differences = new List<string>();
        if (expected.Reason != actual.Reason || expected.Exception != actual.Exception || expected.Immediate != actual.Immediate
            || (expected.Reason != ExitReason.Continue && expected.Pc != actual.Pc))
            differences.Add($"block exit: interpreter {expected}, jit {actual}");
        if (expected.Fault is { } ef && actual.Fault is { } af && (ef.Kind != af.Kind || ef.Address != af.Address || ef.IsWrite != af.IsWrite))
            differences.Add($"fault: interpreter {ef.Kind} at 0x{ef.Address:x}, jit {af.Kind} at 0x{af.Address:x}");
        foreach (var d in shadowState.Differences(ctx.State))
            differences.Add($"{d} (interpreter vs jit)");
        if (shadowState.InstructionsRetired != ctx.State.InstructionsRetired)
            differences.Add($"instructions retired: interpreter {shadowState.InstructionsRetired}, jit {ctx.State.InstructionsRetired}");
        if (shadowState.ExclusiveArmed != ctx.State.ExclusiveArmed)
            differences.Add($"exclusive monitor: interpreter {shadowState.ExclusiveArmed}, jit {ctx.State.ExclusiveArmed}");
        Span<byte> one = stackalloc byte[1];
        foreach (var (address, value) in stored)
        {
            byte real = ctx.Memory.TryPeek(address, one) ? one[0] : (byte)0;
            if (real != value)
                differences.Add($"memory 0x{address:x}: interpreter stored 0x{value:x2}, jit left 0x{real:x2}");
            if (differences.Count > 40)
                break;
        }
        return differences;
    }

    string Report(ulong pc, Block lifted, List<string> differences, Func<ulong, uint?> fetch, BlockKey? key)
    {
        var text = new StringBuilder();
        text.AppendLine($"lockstep: the interpreter and the JIT differ after the block at 0x{pc:x} (block {BlocksCompared:N0})");
        foreach (var d in differences)
            text.AppendLine($"  {d}");
        text.AppendLine("guest instructions:");
        foreach (var inst in lifted.Insts.Where(i => i.Op == Opcode.InstStart))
            text.AppendLine($"  {GuestInstructionText(inst.Aux)}");
        text.AppendLine("IR as lifted:");
        text.Append(Printer.Print(lifted));
        if (key is { } k && jit.Cache.Find(k) is { } compiled)
        {
            text.AppendLine("IR after the passes:");
            text.Append(Printer.Print(compiled.Compiled.Ir));
            text.AppendLine("x86-64:");
            text.Append(X64Disassembler.Format(compiled.Compiled.Code, (ulong)compiled.Code));
        }
        return text.ToString();

        string GuestInstructionText(ulong address)
        {
            if (fetch(address) is not uint word)
                return $"0x{address:x}: (not fetchable)";
            string name = Frontend.Decoding.Decoder.Decode(word)?.Name ?? "unallocated";
            return $"0x{address:x}: {word:x8}  {name}";
        }
    }

    public void InvalidatePage(ulong address)
    {
        reference.InvalidatePage(address);
        jit.InvalidatePage(address);
    }

    public void Dispose() => jit.Dispose();
}

/// <summary>The interpreter and the JIT disagreed; the message is the full report.</summary>
public sealed class LockstepMismatchException(string report) : Exception(report);
