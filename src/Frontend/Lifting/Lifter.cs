using A64Jit.Frontend.Decoding;
using A64Jit.IR;

namespace A64Jit.Frontend.Lifting;

/// <summary>
/// Turns guest instructions into IR, one block at a time. The handlers, one per decode-table line,
/// live in the Lift/ files, one file per encoding class; the pseudocode helpers in Lifter.Helpers.cs.
/// A handler that ends the block (a branch, an exception) sets the block's terminal.
/// </summary>
public sealed partial class Lifter
{
    /// <summary>Longest block, in guest instructions.</summary>
    public const int MaxBlockInstructions = 128;
    const ulong PageMask = 0xFFF;

    readonly Block block;
    readonly IrBuilder ir;

    /// <summary>Address of the instruction being lifted.</summary>
    ulong pc;

    /// <summary>The instruction word being lifted.</summary>
    uint word;

    /// <summary>
    /// Full-system translation: WFI/WFE leave the block to wait, and an instruction that may change what
    /// translation depends on (a system-register write, ISB) ends the block with a context change.
    /// </summary>
    readonly bool systemMode;

    /// <summary>System mode: the run-time checks the block's translation key turns on.</summary>
    readonly LiftChecks checks;

    Lifter(ulong startPc, bool systemMode, LiftChecks checks)
    {
        block = new Block(startPc);
        ir = new IrBuilder(block);
        this.systemMode = systemMode;
        this.checks = checks;
    }

    /// <summary>
    /// Lifts the block starting at <paramref name="startPc"/>. <paramref name="fetch"/> returns the
    /// instruction word at an address, or null when it cannot be fetched. A block never crosses a
    /// 4 KiB page, so a fetch fault and code invalidation are per page. <paramref name="checks"/> are the
    /// checks the translation state turns on (system mode).
    /// </summary>
    public static Block Lift(ulong startPc, Func<ulong, uint?> fetch, int maxInstructions = MaxBlockInstructions, bool systemMode = false,
        LiftChecks checks = LiftChecks.None)
    {
        var lifter = new Lifter(startPc, systemMode, checks);
        lifter.Run(fetch, maxInstructions);
        return lifter.block;
    }

    void Run(Func<ulong, uint?> fetch, int maxInstructions)
    {
        pc = block.StartPc;
        while (true)
        {
            if (fetch(pc) is not uint w)
            {
                block.Terminal = block.GuestInstructionCount == 0
                    ? new Terminal.Exception(ExceptionKind.InstructionAbort, pc, pc, 0)
                    : new Terminal.Link(pc);
                break;
            }
            word = w;
            ir.EmitWithAux(Opcode.InstStart, pc);
            block.GuestInstructionCount++;
            LiftOne();
            if (block.Terminal is not null)
                break;
            pc += 4;
            if (block.GuestInstructionCount >= maxInstructions || (pc & PageMask) == 0)
            {
                block.Terminal = new Terminal.Link(pc);
                break;
            }
        }
        block.EndPc = pc + 4;
    }

    void LiftOne()
    {
        var encoding = Decoder.Decode(word);
        var handler = encoding is null ? null : HandlerTable.Get(encoding);
        if (handler is null)
            Undefined();
        else if ((checks & LiftChecks.FpTraps) != 0 && encoding!.UsesFpSimd(word))
            End(new Terminal.Exception(ExceptionKind.FpAccessTrap, pc, pc, word));
        else
            handler(this, word);
    }

    /// <summary>The instruction is UNDEFINED (unallocated, or not lifted yet): raise UNDEF at this PC.</summary>
    void Undefined() => End(new Terminal.Exception(ExceptionKind.Undefined, pc, pc, word));

    void End(Terminal terminal)
    {
        if (block.Terminal is not null)
            throw new InvalidOperationException($"instruction at 0x{pc:x} ended its block twice");
        block.Terminal = terminal;
    }

    ulong NextPc => pc + 4;

    /// <summary>System mode: the instruction just lifted may change translation state, so the block ends after it.</summary>
    void EndIfContextChanges()
    {
        if (systemMode && block.Terminal is null)
            End(new Terminal.Exit(NextPc));
    }
}

/// <summary>Run-time checks that depend on translation state, which the lifter builds into a block (system mode).</summary>
[Flags]
public enum LiftChecks : byte
{
    None = 0,
    /// <summary>CPACR_EL1.FPEN/CPTR_EL2 trap FP/SIMD: each such instruction lifts to the trap.</summary>
    FpTraps = 1,
    /// <summary>SCTLR_ELx.A: every load and store checks its alignment first.</summary>
    Alignment = 2,
}
