using A64Jit.IR;
using A64Jit.Runtime.Cpu;
using A64Jit.Runtime.Engines;
using A64Jit.Runtime.Linux;
using A64Jit.Runtime.Memory;

namespace A64Jit.Tests.Support;

/// <summary>
/// Runs a snippet of A64 assembly on a bare guest CPU: code at <see cref="CodeBase"/>, a read-write
/// data area at <see cref="DataBase"/> (also in x28 on entry) and a stack. Execution stops at the
/// first exception (put `brk #0` at the end) or after a step limit.
/// </summary>
public sealed class AsmRunner : IDisposable
{
    public const ulong CodeBase = 0x10000;
    public const ulong DataBase = 0x100000;
    public const ulong DataSize = 0x10000;
    public const ulong StackTop = 0x400000;

    public GuestMemory Memory { get; }
    public CpuState State { get; } = new();
    public GuestContext Context { get; }
    public IEngine Engine { get; }

    /// <param name="guarded">Guest memory whose host protections follow the guest's (`--memory guarded`).</param>
    public AsmRunner(IEngine? engine = null, bool guarded = false)
    {
        Memory = new GuestMemory(1UL << 32, guarded);
        Engine = engine ?? new InterpreterEngine(new EngineOptions { VerifyIr = true });
        Context = new GuestContext(State, Memory, new UserModeSystemRegisters());
        Memory.Map(DataBase, DataSize, PageFlags.Read | PageFlags.Write);
        Memory.Map(StackTop - 0x10000, 0x10000, PageFlags.Read | PageFlags.Write);
        State.Sp = StackTop;
        State.X[28] = DataBase;
    }

    /// <summary>Assembles and runs <paramref name="asm"/>; returns the exit that stopped it.</summary>
    public BlockExit Run(string asm, int maxBlocks = 10_000, PageFlags codeFlags = PageFlags.Read | PageFlags.Execute)
    {
        var code = CrossTools.Assemble(asm);
        ulong size = GuestMemory.PageAlignUp((ulong)code.Length + 4);
        Memory.Map(CodeBase, size, codeFlags);
        Memory.Poke(CodeBase, code);
        State.Pc = CodeBase;
        for (int i = 0; i < maxBlocks; i++)
        {
            var exit = Engine.Step(Context);
            if (exit.Reason != ExitReason.Continue)
                return exit;
        }
        throw new InvalidOperationException("snippet did not stop (no brk reached)");
    }

    /// <summary>Runs a snippet that must end at a `brk #0`, and returns the CPU state.</summary>
    public static CpuState Exec(string asm, Action<AsmRunner>? setup = null)
    {
        using var r = new AsmRunner();
        setup?.Invoke(r);
        var exit = r.Run(asm);
        Assert.That(exit.Reason == ExitReason.Exception && exit.Exception == ExceptionKind.Breakpoint, $"stopped by {exit}, not brk");
        return r.State;
    }

    public void Dispose() => Memory.Dispose();
}
