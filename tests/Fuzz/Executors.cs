using A64Jit.Frontend.Lifting;
using A64Jit.IR;
using A64Jit.Runtime.Cpu;
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

/// <summary>Runs one instruction with our lifter and the reference interpreter.</summary>
public sealed class OurExecutor : IDisposable
{
    readonly GuestMemory memory = new(1UL << 32);
    readonly IrInterpreter interpreter = new();
    readonly bool optimize;

    /// <param name="optimize">Run the optimization passes on the IR before interpreting it.</param>
    public OurExecutor(bool optimize = false)
    {
        this.optimize = optimize;
        memory.Map(MachineState.CodeAddress, GuestMemory.PageSize, PageFlags.Read | PageFlags.Execute);
        memory.Map(MachineState.DataAddress, MachineState.DataSize, PageFlags.Read | PageFlags.Write);
    }

    public void Dispose() => memory.Dispose();

    /// <summary>The IR of the last block run (for failure reports).</summary>
    public Block? LastBlock { get; private set; }

    public StepOutcome Step(uint word, MachineState s) => Run([word], s);

    /// <summary>Runs the words as one block (it may end early at a branch or exception).</summary>
    public StepOutcome Run(uint[] words, MachineState s)
    {
        var code = new byte[words.Length * 4];
        Buffer.BlockCopy(words, 0, code, 0, code.Length);
        memory.Poke(MachineState.CodeAddress, code);
        memory.Poke(MachineState.DataAddress, s.Data);
        var cpu = new CpuState { Sp = s.Sp, Pc = s.Pc, Nzcv = s.Nzcv, Fpcr = s.Fpcr, Fpsr = s.Fpsr };
        s.X.CopyTo(cpu.X);
        s.V.CopyTo(cpu.V);
        var ctx = new GuestContext(cpu, memory, new UserModeSystemRegisters());
        var block = Lifter.Lift(s.Pc, memory.Fetch, maxInstructions: words.Length);
        Verifier.Verify(block);
        if (optimize)
            A64Jit.IR.Passes.PassPipeline.Optimize(block, verify: true);
        LastBlock = block;
        var exit = interpreter.Run(block, ctx);
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
