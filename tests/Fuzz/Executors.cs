using A64Jit.Frontend.Lifting;
using A64Jit.IR;
using A64Jit.Runtime.Cpu;
using A64Jit.Runtime.Engines;
using A64Jit.Runtime.Linux;
using A64Jit.Runtime.Memory;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Fuzz;

/// <summary>What running one instruction did: completed, faulted on memory, or raised an exception.</summary>
public enum StepOutcome
{
    Completed,
    MemoryFault,
    Exception,
}

public static class StepOutcomes
{
    /// <summary>
    /// Whether two outcomes agree. Any two ways of not completing agree: Unicorn reports alignment
    /// faults and UNDEF alike as a CPU exception, and checks translation before alignment where the
    /// Arm ARM checks alignment first, so the kind of abort is compared by the qemu-backed fixtures.
    /// </summary>
    public static bool Agree(StepOutcome a, StepOutcome b) => (a == StepOutcome.Completed) == (b == StepOutcome.Completed);
}

/// <summary>How <see cref="OurExecutor"/> runs a block.</summary>
public enum ExecutorMode
{
    /// <summary>The IR as lifted, in the reference interpreter.</summary>
    Interpreter,
    /// <summary>The IR after the optimization passes, in the reference interpreter.</summary>
    OptimizedInterpreter,
    /// <summary>The JIT: optimized IR compiled to x86-64, one block per step (no chaining).</summary>
    Jit,
}

/// <summary>Runs one instruction (or one block) with our lifter and the reference interpreter or the JIT.</summary>
public sealed class OurExecutor : IDisposable
{
    readonly GuestMemory memory = new(1UL << 32);
    readonly IrInterpreter interpreter = new();
    readonly ISystemRegisters systemRegisters = new FrozenCounterSystemRegisters();
    // The JIT's block length is an engine option: one engine per length. Each has its own CPU, since
    // an engine ties the native context it runs on to its own thread record.
    readonly Dictionary<int, (JitEngine Engine, GuestContext Context)> jits = [];

    public ExecutorMode Mode { get; }

    /// <param name="optimize">Run the optimization passes on the IR before interpreting it.</param>
    public OurExecutor(bool optimize = false) : this(optimize ? ExecutorMode.OptimizedInterpreter : ExecutorMode.Interpreter)
    {
    }

    public OurExecutor(ExecutorMode mode)
    {
        Mode = mode;
        memory.Map(MachineState.CodeAddress, GuestMemory.PageSize, PageFlags.Read | PageFlags.Execute);
        memory.Map(MachineState.DataAddress, MachineState.DataSize, PageFlags.Read | PageFlags.Write);
    }

    public void Dispose()
    {
        foreach (var (engine, _) in jits.Values)
            engine.Dispose();
        memory.Dispose();
    }

    Block? lastBlock;
    int lastLength;

    /// <summary>The IR of the last block run (for failure reports): as interpreted, or as lifted for the JIT.</summary>
    public Block? LastBlock => lastBlock ??= lastLength > 0 ? Lifter.Lift(MachineState.CodeAddress, memory.Fetch, maxInstructions: lastLength) : null;

    /// <summary>Jit mode: the last block's IR after the passes and its x86-64 code, for failure reports.</summary>
    public string LastCompiled()
    {
        if (JitFor(lastLength)?.Cache.Find(BlockKey.Flat(MachineState.CodeAddress)) is not { } compiled)
            return "(no compiled block)";
        return "IR after the passes:\n" + Printer.Print(compiled.Compiled.Ir)
            + "x86-64:\n" + A64Jit.Backend.X64.X64Disassembler.Format(compiled.Compiled.Code, (ulong)compiled.Code);
    }

    /// <summary>How the last block ended, as the interpreter or the JIT engine reported it.</summary>
    public BlockExit LastExit { get; private set; }

    /// <summary>Guest instructions the last block retired.</summary>
    public long LastRetired { get; private set; }

    /// <summary>The CPU after the last block: everything <see cref="MachineState"/> holds and more (FPCR, TPIDR, the exclusive monitor).</summary>
    public CpuState? LastState { get; private set; }

    /// <summary>The JIT engine used for blocks of <paramref name="length"/> words (Jit mode), for reports.</summary>
    public JitEngine? JitFor(int length) => jits.TryGetValue(length, out var j) ? j.Engine : null;

    public StepOutcome Step(uint word, MachineState s) => Run([word], s);

    /// <summary>Runs the words as one block (it may end early at a branch or exception).</summary>
    public StepOutcome Run(uint[] words, MachineState s)
    {
        var code = new byte[words.Length * 4];
        Buffer.BlockCopy(words, 0, code, 0, code.Length);
        memory.Poke(MachineState.CodeAddress, code);
        memory.Poke(MachineState.DataAddress, s.Data);
        lastBlock = null;
        lastLength = 0;
        var exit = Mode == ExecutorMode.Jit ? RunJit(words.Length, s) : Interpret(words.Length, s);
        LastExit = exit;
        var cpu = LastState!;
        cpu.X.CopyTo(s.X);
        cpu.V.CopyTo(s.V);
        s.Sp = cpu.Sp;
        s.Nzcv = cpu.Nzcv;
        s.Fpsr = cpu.Fpsr;
        s.Pc = exit.NextPc;
        memory.ReadBytes(MachineState.DataAddress, s.Data);
        return exit.Reason switch
        {
            ExitReason.Continue => StepOutcome.Completed,
            // Unicorn reports UNDEF and alignment faults alike as an unhandled CPU exception.
            ExitReason.Fault when exit.Fault!.Kind is GuestFaultKind.Undefined or GuestFaultKind.Alignment => StepOutcome.Exception,
            ExitReason.Fault => StepOutcome.MemoryFault,
            _ => StepOutcome.Exception,
        };
    }

    BlockExit Interpret(int length, MachineState s)
    {
        var cpu = new CpuState();
        Load(cpu, s);
        var ctx = new GuestContext(cpu, memory, systemRegisters);
        var block = Lifter.Lift(s.Pc, memory.Fetch, maxInstructions: length);
        Verifier.Verify(block);
        if (Mode == ExecutorMode.OptimizedInterpreter)
            A64Jit.IR.Passes.PassPipeline.Optimize(block, verify: true);
        lastBlock = block;
        var exit = interpreter.Run(block, ctx);
        LastState = cpu;
        LastRetired = exit.InstructionsRetired;
        return exit;
    }

    BlockExit RunJit(int length, MachineState s)
    {
        if (!jits.TryGetValue(length, out var jit))
        {
            var engine = new JitEngine(new EngineOptions { MaxBlockInstructions = length, VerifyIr = true }, singleStep: true);
            jits[length] = jit = (engine, new GuestContext(new CpuState(), memory, systemRegisters));
        }
        // Poke does not raise the code-written event: drop the translation of the previous words.
        jit.Engine.InvalidatePage(MachineState.CodeAddress);
        var cpu = jit.Context.State;
        Load(cpu, s);
        cpu.TpidrEl0 = 0;
        cpu.TpidrroEl0 = 0;
        cpu.InstructionsRetired = 0;
        cpu.ExclusiveArmed = false;
        cpu.ExclusiveAddress = 0;
        cpu.ExclusiveSize = 0;
        cpu.ExclusiveValue = 0;
        lastLength = length;
        var exit = jit.Engine.Step(jit.Context);
        LastState = cpu;
        LastRetired = cpu.InstructionsRetired;
        return exit;
    }

    static void Load(CpuState cpu, MachineState s)
    {
        s.X.CopyTo(cpu.X);
        s.V.CopyTo(cpu.V);
        cpu.Sp = s.Sp;
        cpu.Pc = s.Pc;
        cpu.Nzcv = s.Nzcv;
        cpu.Fpcr = s.Fpcr;
        cpu.Fpsr = s.Fpsr;
    }
}

/// <summary>
/// User-mode system registers with the virtual counter stopped, so that two engines reading
/// CNTVCT_EL0 / CNTPCT_EL0 at different moments see the same value.
/// </summary>
public sealed class FrozenCounterSystemRegisters : ISystemRegisters
{
    public const ulong CounterValue = 0x0000_1234_5678_9abc;

    readonly UserModeSystemRegisters real = new();

    public ulong Read(CpuState state, uint encoding) =>
        encoding == UserModeSystemRegisters.CntvctEl0 || encoding == UserModeSystemRegisters.CntpctEl0 ? CounterValue : real.Read(state, encoding);

    public void Write(CpuState state, uint encoding, ulong value) => real.Write(state, encoding, value);
}

/// <summary>Runs one instruction in Unicorn (the MAX cpu model).</summary>
public sealed class UnicornExecutor : IDisposable
{
    readonly Unicorn uc = new();

    public UnicornExecutor()
    {
        // Code is read+execute on both sides (a store into it must fault in both).
        uc.Map(MachineState.CodeAddress, GuestMemory.PageSize, 5);
        uc.Map(MachineState.DataAddress, MachineState.DataSize, 3);
    }

    public void Dispose() => uc.Dispose();

    public StepOutcome Step(uint word, MachineState s)
    {
        uc.Write(MachineState.CodeAddress, BitConverter.GetBytes(word));
        uc.Write(MachineState.DataAddress, s.Data);
        for (int i = 0; i < 31; i++)
            uc.WriteX(i, s.X[i]);
        for (int i = 0; i < 32; i++)
            uc.WriteQ(i, s.V[i]);
        uc.WriteReg(Unicorn.RegSp, s.Sp);
        uc.WriteReg(Unicorn.RegNzcv, s.Nzcv);
        uc.WriteReg(Unicorn.RegFpcr, s.Fpcr);
        uc.WriteReg(Unicorn.RegFpsr, s.Fpsr);
        int err = uc.Run(s.Pc, s.Pc + 4, 1);
        for (int i = 0; i < 31; i++)
            s.X[i] = uc.ReadX(i);
        for (int i = 0; i < 32; i++)
            s.V[i] = uc.ReadQ(i);
        s.Sp = uc.ReadReg(Unicorn.RegSp);
        s.Nzcv = (uint)uc.ReadReg(Unicorn.RegNzcv) & 0xF000_0000;
        s.Fpsr = (uint)uc.ReadReg(Unicorn.RegFpsr);
        s.Pc = uc.ReadReg(Unicorn.RegPc);
        uc.Read(MachineState.DataAddress, s.Data);
        // uc_err: READ/WRITE_UNMAPPED (6, 7), WRITE/READ_PROT (12, 13) and READ/WRITE_UNALIGNED (16, 17) are
        // data aborts; INSN_INVALID (10) and EXCEPTION (21) are exceptions. FETCH_UNMAPPED/PROT (8, 14) can only
        // come from fetching the *next* instruction (a branch out of the code page): the instruction completed.
        return err switch
        {
            0 or 8 or 14 => StepOutcome.Completed,
            6 or 7 or 12 or 13 or 16 or 17 => StepOutcome.MemoryFault,
            _ => StepOutcome.Exception,
        };
    }
}
