using A64Jit.IR;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>
/// Compiles one IR block into x86-64 code that runs inside the frame the <see cref="CodeCache"/>'s entry
/// trampoline sets up. The guest context pointer is pinned in r15 and never spilled; every SSA value has
/// a 16-byte home slot at [rsp + 16·index] (values in slots are masked to their IR type), and the
/// register allocator keeps values in host registers where it can. The code is position independent:
/// it reaches the shared stubs through the context and leaves through patchable link slots, so the
/// cache can copy it anywhere. An opcode without an emitter is evaluated by the interpreter's own
/// semantics through one generic helper, so every block compiles.
/// </summary>
public sealed partial class X64Compiler
{
    /// <summary>The host register holding the JitContext pointer.</summary>
    static readonly AssemblerRegister64 Context = r15;

    /// <summary>The most SSA values a block may have: the frame holds one 16-byte slot for each.</summary>
    public const int MaxValues = 2048;

    /// <summary>Bytes of frame the entry trampoline reserves for value slots.</summary>
    public const int FrameSize = MaxValues * 16;

    /// <summary>Bytes of each link slot at the start of the code: a 5-byte jmp rel32 and padding.</summary>
    public const int LinkSlotSize = 8;

    /// <summary>Branches are rel32, so <see cref="LinearAssembler"/> can place the code in one pass.</summary>
    readonly Assembler asm = new(64) { PreferShortBranch = false };
    readonly Block block;
    RegisterAllocator registers = null!;
    readonly List<(Label Slot, Label Unlinked, ulong Target)> links = [];
    readonly List<(Label Cell, ulong ReturnPc)> cells = [];
    readonly Dictionary<int, Label> faultExits = [];
    readonly List<Action> outOfLine = [];

    // The guest instruction the code being emitted belongs to: its index in the block and its address.
    int guestIndex = -1;
    ulong guestPc;

    /// <summary>Full-system mode: loads and stores check the CPU's inline TLB instead of the flat page table.</summary>
    readonly bool softMmu;

    /// <summary>Guarded memory: host protections mirror the guest's, so a load or store is the check (<see cref="GuardedAccessFaults"/>).</summary>
    readonly bool guardedMemory;

    /// <summary>Guarded memory: each access instruction and the slow path its host fault resumes at.</summary>
    readonly List<(Label Access, Label Slow)> guardedAccesses = [];

    X64Compiler(Block block, bool softMmu, bool guardedMemory)
    {
        this.block = block;
        this.softMmu = softMmu;
        this.guardedMemory = guardedMemory && !softMmu;
    }

    /// <summary>
    /// The machine code for the block, or null when it has more values than the frame holds.
    /// <paramref name="softMmu"/>: guest addresses are virtual and go through the inline TLB (<see cref="InlineTlb"/>).
    /// <paramref name="guardedMemory"/>: flat guest memory whose host protections follow the guest's; accesses
    /// check only the bounds and let the host fault (the cache that runs the code must register its sites).
    /// </summary>
    public static CompiledBlock? Compile(Block block, bool softMmu = false, bool guardedMemory = false)
    {
        if (block.Insts.Count > MaxValues || block.Terminal is null)
            return null;
        block.Renumber();
        var compiler = new X64Compiler(block, softMmu, guardedMemory);
        return compiler.Assemble();
    }

    CompiledBlock Assemble()
    {
        int linkCount = CountLinks(block.Terminal!);
        var slotLabels = new Label[linkCount];
        for (int i = 0; i < linkCount; i++)
        {
            slotLabels[i] = asm.CreateLabel();
            asm.Label(ref slotLabels[i]);
            // jmp rel32 (patched to the unlinked path below, later to the target block) and 3 bytes of padding,
            // so the displacement sits inside one aligned 8-byte word and can be rewritten atomically.
            asm.db(0xE9, 0, 0, 0, 0, 0xCC, 0xCC, 0xCC);
        }
        // A call's return cell: 8 bytes of data (aligned, like the slots) holding the host entry of the
        // block at its return address, which a predicted return jumps through. The cache fills it in.
        if (ReturnAddress(block.Terminal!) is { } returnPc)
        {
            var cell = asm.CreateLabel();
            asm.Label(ref cell);
            asm.dq(0xCCCC_CCCC_CCCC_CCCCUL);
            cells.Add((cell, returnPc));
        }
        PlanAddressFolding();
        registers = RegisterAllocator.Allocate(block, IsHelperCall, foldedValues, FoldedOperands);
        PlanFlagFusion();
        var entry = asm.CreateLabel();
        asm.Label(ref entry);
        EmitEntry();
        foreach (var inst in block.Insts)
            EmitInst(inst);
        EmitTerminal(block.Terminal!, slotLabels, 0);
        for (int i = 0; i < outOfLine.Count; i++)
            outOfLine[i]();
        EmitVectorConstants();

        var (code, offset) = Encode();
        var sites = new List<LinkSite>(links.Count);
        foreach (var (slot, unlinked, target) in links)
        {
            int site = offset(slot);
            int path = offset(unlinked);
            BitConverter.TryWriteBytes(code.AsSpan(site + 1, 4), path - (site + 5));
            sites.Add(new LinkSite(site, path, target));
        }
        var cellSites = cells.Select(c => new CellSite(offset(c.Cell), c.ReturnPc)).ToList();
        var faultSites = guardedAccesses.Select(a => new FaultSite(offset(a.Access), offset(a.Slow))).ToList();
        return new CompiledBlock(block, code, offset(entry), sites, cellSites, faultSites);
    }

    /// <summary>The machine code and where each label landed: in one pass where it can, else through Iced's block encoder.</summary>
    (byte[] Code, Func<Label, int> Offset) Encode()
    {
        if (LinearAssembler.TryAssemble(asm.Instructions) is { } fast)
            return (fast.Code, fast.Offset);
        var stream = new MemoryStream();
        var result = asm.Assemble(new StreamCodeWriter(stream), 0, BlockEncoderOptions.ReturnNewInstructionOffsets);
        return (stream.ToArray(), label => (int)result.GetLabelRIP(label));
    }

    /// <summary>The return address of a block that ends in a call (BL, BLR), whose block gets a return cell.</summary>
    ulong? ReturnAddress(Terminal terminal) => terminal switch
    {
        Terminal.Link { Kind: BranchKind.Call } => block.EndPc,
        Terminal.Indirect { Kind: BranchKind.Call } => block.EndPc,
        _ => null,
    };

    /// <summary>Pushes (return address, this block's return cell) on the context's return stack.</summary>
    void EmitPushReturn()
    {
        var (cell, returnPc) = cells[0];
        asm.mov(eax, GuestDword(ContextLayout.ReturnTop));
        asm.add(eax, 1);
        asm.and(eax, ContextLayout.ReturnStackSize - 1);
        asm.mov(GuestDword(ContextLayout.ReturnTop), eax);
        asm.mov(rcx, returnPc);
        asm.mov(__qword_ptr[Context + rax * 8 + ContextLayout.ReturnPc], rcx);
        asm.lea(rcx, __[cell]);
        asm.mov(__qword_ptr[Context + rax * 8 + ContextLayout.ReturnCell], rcx);
    }

    /// <summary>
    /// A return: when the top of the return stack holds this target, pop it and jump through its cell
    /// (the caller's continuation, or the lookup until that is compiled); otherwise the lookup.
    /// </summary>
    void EmitPredictedReturn()
    {
        var miss = asm.CreateLabel();
        asm.mov(ecx, GuestDword(ContextLayout.ReturnTop));
        asm.cmp(rax, __qword_ptr[Context + rcx * 8 + ContextLayout.ReturnPc]);
        asm.jne(miss);
        asm.mov(rdx, __qword_ptr[Context + rcx * 8 + ContextLayout.ReturnCell]);
        asm.sub(ecx, 1);
        asm.and(ecx, ContextLayout.ReturnStackSize - 1);
        asm.mov(GuestDword(ContextLayout.ReturnTop), ecx);
        asm.jmp(__qword_ptr[rdx]);
        asm.Label(ref miss);
        asm.jmp(__qword_ptr[Context + ContextLayout.LookupStub]);
    }

    static int CountLinks(Terminal terminal) => terminal switch
    {
        Terminal.Link => 1,
        Terminal.If f => CountLinks(f.Then) + CountLinks(f.Else),
        _ => 0,
    };

    /// <summary>Block entry: leave if the runtime asked for it, then count the block's instructions as retired.</summary>
    void EmitEntry()
    {
        var interrupted = asm.CreateLabel();
        asm.cmp(__dword_ptr[Context + ContextLayout.Interrupt], 0);
        asm.jne(interrupted);
        asm.add(__qword_ptr[Context + ContextLayout.InstructionsRetired], block.GuestInstructionCount);
        outOfLine.Add(() =>
        {
            asm.Label(ref interrupted);
            asm.mov(rax, block.StartPc);
            asm.mov(GuestQword(ContextLayout.Pc), rax);
            Exit(JitExit.Interrupted);
        });
    }

    void EmitTerminal(Terminal terminal, Label[] slots, int nextSlot)
    {
        switch (terminal)
        {
            case Terminal.Link link:
            {
                if (link.Kind == BranchKind.Call)
                    EmitPushReturn();
                var unlinked = asm.CreateLabel();
                asm.jmp(slots[nextSlot]);
                asm.Label(ref unlinked);
                // Labels are values: record this one after Label() has bound it.
                links.Add((slots[nextSlot], unlinked, link.Target));
                asm.mov(rax, link.Target);
                asm.mov(GuestQword(ContextLayout.Pc), rax);
                asm.jmp(__qword_ptr[Context + ContextLayout.LookupStub]);
                break;
            }
            case Terminal.Indirect indirect:
                if (indirect.Kind == BranchKind.Call)
                    EmitPushReturn();
                Load(rax, indirect.Target);
                asm.mov(GuestQword(ContextLayout.Pc), rax);
                if (indirect.Kind == BranchKind.Return)
                    EmitPredictedReturn();
                else
                    asm.jmp(__qword_ptr[Context + ContextLayout.LookupStub]);
                break;
            case Terminal.If f:
            {
                var otherwise = asm.CreateLabel();
                if (fusedBranch && ReferenceEquals(f, block.Terminal))
                    EmitFusedBranch(f.Condition, otherwise);
                else
                {
                    Load(ecx, f.Condition);
                    asm.test(ecx, ecx);
                    asm.jz(otherwise);
                }
                EmitTerminal(f.Then, slots, nextSlot);
                asm.Label(ref otherwise);
                EmitTerminal(f.Else, slots, nextSlot + CountLinks(f.Then));
                break;
            }
            case Terminal.Exit x:
                asm.mov(rax, x.NextPc);
                asm.mov(GuestQword(ContextLayout.Pc), rax);
                Exit(JitExit.BlockDone);
                break;
            case Terminal.Exception e:
                asm.mov(GuestDword(ContextLayout.ExceptionKind), (int)e.Kind);
                asm.mov(GuestDword(ContextLayout.ExceptionImmediate), (int)e.Immediate);
                asm.mov(rax, e.Pc);
                asm.mov(GuestQword(ContextLayout.ExceptionPc), rax);
                asm.mov(rax, e.NextPc);
                asm.mov(GuestQword(ContextLayout.Pc), rax);
                // The excepting instruction itself has not retired.
                if (block.GuestInstructionCount > 0)
                    asm.sub(__qword_ptr[Context + ContextLayout.InstructionsRetired], 1);
                Exit(JitExit.Exception);
                break;
            default:
                throw new InvalidOperationException($"no emitter for terminal {terminal}");
        }
    }

    /// <summary>Returns to the entry trampoline's caller with the exit reason in eax.</summary>
    void Exit(JitExit reason)
    {
        asm.mov(eax, (int)reason);
        asm.jmp(__qword_ptr[Context + ContextLayout.ExitStub]);
    }

    /// <summary>The exit for a fault in the current guest instruction: PC at it, only the ones before it retired.</summary>
    Label FaultExit()
    {
        int index = Math.Max(guestIndex, 0);
        if (faultExits.TryGetValue(index, out var label))
            return label;
        label = asm.CreateLabel();
        faultExits[index] = label;
        ulong pc = guestIndex < 0 ? block.StartPc : guestPc;
        int notRetired = block.GuestInstructionCount - index;
        outOfLine.Add(() =>
        {
            var l = faultExits[index];
            asm.Label(ref l);
            asm.mov(rax, pc);
            asm.mov(GuestQword(ContextLayout.Pc), rax);
            asm.sub(__qword_ptr[Context + ContextLayout.InstructionsRetired], notRetired);
            Exit(JitExit.Fault);
        });
        return label;
    }

    // ---- Value slots --------------------------------------------------------------------------

    static AssemblerMemoryOperand Slot(Inst inst) => __qword_ptr[rsp + inst.Index * 16];
    static AssemblerMemoryOperand Slot32(Inst inst) => __dword_ptr[rsp + inst.Index * 16];
    static AssemblerMemoryOperand SlotHigh(Inst inst) => __qword_ptr[rsp + inst.Index * 16 + 8];
    static AssemblerMemoryOperand Slot128(Inst inst) => __xmmword_ptr[rsp + inst.Index * 16];

    /// <summary>Loads a value (masked to its type) into a 64-bit register: from its register, its slot, or as an immediate.</summary>
    void Load(AssemblerRegister64 reg, Inst value)
    {
        if (value.IsConst && value.Type != IrType.U128)
            asm.mov(reg, value.Aux & value.Type.Mask());
        else if (registers.Register(value) is { } home)
        {
            if (home != reg)
                asm.mov(reg, home);
        }
        else
            asm.mov(reg, Slot(value));
    }

    /// <summary>Loads the low 32 bits (the upper half of the register is cleared).</summary>
    void Load(AssemblerRegister32 reg, Inst value)
    {
        if (value.IsConst && value.Type != IrType.U128)
            asm.mov(reg, (uint)(value.Aux & value.Type.Mask()));
        else if (registers.Register(value) is { } home)
        {
            // A register holds its value masked to the type: a 32-bit or narrower value is already there.
            if (Low32(home) != reg || value.Type.Bits() > 32)
                asm.mov(reg, Low32(home));
        }
        else
            asm.mov(reg, Slot32(value));
    }

    /// <summary>Stores a full 64-bit register as the value's result; the caller has already masked it to the type.</summary>
    void Store(Inst inst, AssemblerRegister64 reg)
    {
        if (registers.Register(inst) is { } home)
        {
            if (home != reg)
                asm.mov(home, reg);
        }
        else
            asm.mov(Slot(inst), reg);
    }

    /// <summary>Saves caller-saved registers holding values needed after the current instruction, around a helper call.</summary>
    void SaveLive(List<(Inst Value, AssemblerRegister64 Register)> live)
    {
        foreach (var (value, reg) in live)
            asm.mov(Slot(value), reg);
    }

    void RestoreLive(List<(Inst Value, AssemblerRegister64 Register)> live)
    {
        foreach (var (value, reg) in live)
            asm.mov(reg, Slot(value));
    }

    List<(Inst Value, AssemblerRegister64 Register)> LiveAcross(Inst inst) => registers.LiveAcross(block, inst.Index);

    static AssemblerRegister32 Low32(AssemblerRegister64 reg) => Low32Of[reg.Value.GetNumber()];

    static readonly AssemblerRegister32[] Low32Of =
        [eax, ecx, edx, ebx, esp, ebp, esi, edi, r8d, r9d, r10d, r11d, r12d, r13d, r14d, r15d];

    static AssemblerRegister16 Low16(AssemblerRegister64 reg) => Low16Of[reg.Value.GetNumber()];

    static readonly AssemblerRegister16[] Low16Of =
        [ax, cx, dx, bx, sp, bp, si, di, r8w, r9w, r10w, r11w, r12w, r13w, r14w, r15w];

    static AssemblerRegister8 Low8(AssemblerRegister64 reg) => Low8Of[reg.Value.GetNumber()];

    static readonly AssemblerRegister8[] Low8Of =
        [al, cl, dl, bl, spl, bpl, sil, dil, r8b, r9b, r10b, r11b, r12b, r13b, r14b, r15b];

    static AssemblerMemoryOperand GuestQword(int offset) => __qword_ptr[Context + offset];
    static AssemblerMemoryOperand GuestDword(int offset) => __dword_ptr[Context + offset];
}

/// <summary>Why compiled code returned to the runtime.</summary>
public enum JitExit
{
    /// <summary>The indirect-branch lookup missed: ctx.Pc has no block in the dispatch table.</summary>
    Lookup = 0,
    /// <summary>ctx.Interrupt was set; ctx.Pc is the block that did not start.</summary>
    Interrupted = 1,
    /// <summary>An exception terminal: ctx.ExceptionKind/Immediate/Pc say which, ctx.Pc is the preferred return.</summary>
    Exception = 2,
    /// <summary>A helper raised a guest fault (or failed); ctx.Pc is the faulting instruction.</summary>
    Fault = 3,
    /// <summary>A single-stepping cache ran one block; ctx.Pc is where execution continues.</summary>
    BlockDone = 4,
}

/// <summary>A block's code before it is placed in the cache.</summary>
/// <param name="EntryOffset">Where execution starts (after the link slots).</param>
/// <param name="Links">The patchable jumps to other blocks, by target guest pc.</param>
/// <param name="Cells">The return cell of a block that ends in a call.</param>
/// <param name="Faults">Guarded memory: the accesses whose host faults resume at their slow paths.</param>
public sealed record CompiledBlock(Block Ir, byte[] Code, int EntryOffset, IReadOnlyList<LinkSite> Links, IReadOnlyList<CellSite> Cells,
    IReadOnlyList<FaultSite> Faults);

/// <summary>A guest access at <paramref name="AccessOffset"/> whose host fault resumes at <paramref name="SlowOffset"/>.</summary>
public readonly record struct FaultSite(int AccessOffset, int SlowOffset);

/// <summary>An aligned qword at <paramref name="Offset"/> holding the host entry of the block at <paramref name="ReturnPc"/>.</summary>
public readonly record struct CellSite(int Offset, ulong ReturnPc);

/// <summary>A jmp rel32 at <paramref name="SiteOffset"/> that goes to <paramref name="UnlinkedOffset"/> until <paramref name="Target"/> is compiled.</summary>
public readonly record struct LinkSite(int SiteOffset, int UnlinkedOffset, ulong Target);
