using A64Jit.IR;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>
/// Compiles a straight-line IR block into an x86-64 function <c>ulong Block(JitContext* ctx)</c> (SysV)
/// that returns the next guest PC. The baseline allocator gives every SSA value a qword slot in a
/// per-block frame addressed off rsp; values in slots are always masked to their IR type. The guest
/// context pointer is pinned in r15 for the whole block and never spilled.
/// A block with anything this backend cannot yet compile yields null: the engine interprets it instead.
/// </summary>
public sealed partial class X64Compiler
{
    /// <summary>The host register holding the JitContext pointer.</summary>
    static readonly AssemblerRegister64 Context = r15;

    readonly Assembler asm = new(64);
    readonly Block block;
    int frameSize;

    X64Compiler(Block block) => this.block = block;

    /// <summary>The machine code for the block, or null when it uses an opcode or terminal with no emitter yet.</summary>
    public static byte[]? Compile(Block block)
    {
        if (!CanCompile(block))
            return null;
        block.Renumber();
        var compiler = new X64Compiler(block);
        compiler.EmitBlock();
        var stream = new MemoryStream();
        compiler.asm.Assemble(new StreamCodeWriter(stream), 0);
        return stream.ToArray();
    }

    /// <summary>Whether every instruction and the terminal of the block have an emitter.</summary>
    public static bool CanCompile(Block block)
    {
        foreach (var inst in block.Insts)
        {
            if (!IsSupported(inst.Op) || inst.Type == IrType.U128)
                return false;
            if (inst.Op is Opcode.GetX or Opcode.SetX && inst.Aux > 30)
                return false;
            foreach (var arg in inst.Args)
                if (arg.Type == IrType.U128)
                    return false;
        }
        return block.Terminal is { } t && IsSupported(t);
    }

    static bool IsSupported(Terminal terminal) => terminal switch
    {
        Terminal.Link => true,
        Terminal.Indirect => true,
        Terminal.If f => IsSupported(f.Then) && IsSupported(f.Else),
        _ => false,
    };

    void EmitBlock()
    {
        frameSize = (block.Insts.Count * 8 + 15) & ~15;
        // Entry: rsp = 8 mod 16; after push r15 it is 16-aligned and the frame keeps it so.
        asm.push(Context);
        asm.mov(Context, rdi);
        if (frameSize > 0)
            asm.sub(rsp, frameSize);
        foreach (var inst in block.Insts)
            EmitInst(inst);
        EmitTerminal(block.Terminal!);
        if (frameSize > 0)
            asm.add(rsp, frameSize);
        asm.pop(Context);
        asm.ret();
    }

    void EmitTerminal(Terminal terminal)
    {
        switch (terminal)
        {
            case Terminal.Link link:
                asm.mov(rax, link.Target);
                break;
            case Terminal.Indirect indirect:
                Load(rax, indirect.Target);
                break;
            case Terminal.If f:
                var otherwise = asm.CreateLabel();
                var done = asm.CreateLabel();
                Load(ecx, f.Condition);
                asm.test(ecx, ecx);
                asm.jz(otherwise);
                EmitTerminal(f.Then);
                asm.jmp(done);
                asm.Label(ref otherwise);
                EmitTerminal(f.Else);
                asm.Label(ref done);
                break;
            default:
                throw new InvalidOperationException($"no emitter for terminal {terminal}");
        }
    }

    // ---- Value slots --------------------------------------------------------------------------

    AssemblerMemoryOperand Slot(Inst inst) => __qword_ptr[rsp + inst.Index * 8];
    AssemblerMemoryOperand Slot32(Inst inst) => __dword_ptr[rsp + inst.Index * 8];

    void Load(AssemblerRegister64 reg, Inst value) => asm.mov(reg, Slot(value));

    /// <summary>Loads the low 32 bits (the upper half of the register is cleared).</summary>
    void Load(AssemblerRegister32 reg, Inst value) => asm.mov(reg, Slot32(value));

    /// <summary>Stores a full 64-bit register; the caller has already masked it to the type.</summary>
    void Store(Inst inst, AssemblerRegister64 reg) => asm.mov(Slot(inst), reg);

    static AssemblerMemoryOperand GuestQword(int offset) => __qword_ptr[Context + offset];
    static AssemblerMemoryOperand GuestDword(int offset) => __dword_ptr[Context + offset];
}
