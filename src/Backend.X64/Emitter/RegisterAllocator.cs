using A64Jit.IR;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>
/// Linear-scan register allocation over one block (straight-line code, so a value's live range is the
/// interval from its definition to its last use). Each value gets one host register for its whole life,
/// or none: then it lives in its frame slot. Registers are those no emitter uses as scratch (rax, rcx,
/// rdx) or as a helper argument (rdi, rsi, rdx, rcx); r15 holds the context and rsp the frame.
/// Values that cross a helper call prefer callee-saved registers; caller-saved ones holding such values
/// are saved to their slots around the call. Constants need no register: they are immediates at each use.
/// Values a helper reads or writes in the frame (operands and results of generically evaluated opcodes,
/// all 128-bit values) stay in their slots.
/// </summary>
public sealed class RegisterAllocator
{
    public static readonly AssemblerRegister64[] CalleeSaved = [rbx, rbp, r12, r13, r14];
    public static readonly AssemblerRegister64[] CallerSaved = [r8, r9, r10, r11];

    readonly AssemblerRegister64?[] location;
    readonly int[] lastUse;
    readonly bool[] slotOnly;

    /// <summary>Whether a helper reads or writes the value in its slot (so even a constant must be stored there).</summary>
    public bool SlotOnly(Inst value) => slotOnly[value.Index];

    /// <summary>The register holding a value, or null when it lives in its slot (or is a constant).</summary>
    public AssemblerRegister64? Register(Inst value) => location[value.Index];

    /// <summary>Whether the value must be written to its slot when defined (a helper reads it there).</summary>
    public bool InSlot(Inst value) => location[value.Index] is null;

    public int LastUse(Inst value) => lastUse[value.Index];

    RegisterAllocator(int count)
    {
        location = new AssemblerRegister64?[count];
        lastUse = new int[count];
        slotOnly = new bool[count];
    }

    /// <param name="isHelperCall">Whether an instruction's code calls a helper inline (operands and result through the frame).</param>
    /// <param name="folded">Values the emitters compute inside their users (never stored anywhere).</param>
    /// <param name="foldedOperands">The values an instruction reads through a folded argument.</param>
    public static RegisterAllocator Allocate(Block block, Func<Inst, bool> isHelperCall,
        ISet<Inst>? folded = null, Func<Inst, IEnumerable<Inst>>? foldedOperands = null)
    {
        var insts = block.Insts;
        int n = insts.Count;
        var result = new RegisterAllocator(n);
        var slotOnly = result.slotOnly;
        var calls = new List<int>();
        for (int i = 0; i < n; i++)
        {
            var inst = insts[i];
            bool call = isHelperCall(inst);
            if (call)
                calls.Add(i);
            if (call || inst.Type is IrType.U128 or IrType.Void)
                slotOnly[i] = true;
            foreach (var arg in inst.Args)
            {
                result.lastUse[arg.Index] = i;
                if (call || arg.Type == IrType.U128)
                    slotOnly[arg.Index] = true;
            }
            if (foldedOperands is not null)
                foreach (var operand in foldedOperands(inst))
                    result.lastUse[operand.Index] = i;
        }
        foreach (var used in TerminalUses(block.Terminal))
            result.lastUse[used.Index] = n;

        var root = Enumerable.Range(0, n).ToArray();
        var free = new List<AssemblerRegister64>(CallerSaved.Concat(CalleeSaved));
        var active = new List<Inst>();
        int nextCall = 0;
        for (int i = 0; i < n; i++)
        {
            // Registers of values whose last use is this instruction may hold its result: emitters read
            // every operand before they write the result.
            for (int a = active.Count - 1; a >= 0; a--)
            {
                if (result.lastUse[active[a].Index] <= i)
                {
                    free.Add(result.location[active[a].Index]!.Value);
                    active.RemoveAt(a);
                }
            }
            var inst = insts[i];
            if (slotOnly[i] || inst.IsConst || inst.Op == Opcode.InstStart || result.lastUse[i] <= i
                || folded?.Contains(inst) == true)
                continue;
            // A zero extension of a value that lives on is the same bits: share its register (no copy)
            // and keep that register until the later of the two last uses.
            // (The register belongs to the value that took it first, the root of a chain of extensions.)
            if (IsZeroExtension(inst.Op) && inst.Args[0] is { IsConst: false } source && result.location[source.Index] is { } shared
                && result.lastUse[root[source.Index]] > i)
            {
                int owner = root[source.Index];
                result.location[i] = shared;
                root[i] = owner;
                result.lastUse[owner] = Math.Max(result.lastUse[owner], result.lastUse[i]);
                continue;
            }
            while (nextCall < calls.Count && calls[nextCall] <= i)
                nextCall++;
            bool crossesCall = nextCall < calls.Count && calls[nextCall] < result.lastUse[i];
            int pick = -1;
            // The first operand's register when it dies here: two-operand x86 code then needs no copy.
            if (inst.Args.Length > 0 && result.location[inst.Args[0].Index] is { } first
                && (CalleeSaved.Contains(first) || !crossesCall))
                pick = free.IndexOf(first);
            for (int f = 0; f < free.Count && pick < 0; f++)
                if (CalleeSaved.Contains(free[f]) == crossesCall)
                    pick = f;
            if (pick < 0 && free.Count > 0)
                pick = 0;
            if (pick < 0)
                continue;
            result.location[i] = free[pick];
            free.RemoveAt(pick);
            active.Add(inst);
        }
        return result;
    }

    static bool IsZeroExtension(Opcode op) => op is Opcode.ZeroExtend1To32 or Opcode.ZeroExtend1To64 or Opcode.ZeroExtend8To32
        or Opcode.ZeroExtend8To64 or Opcode.ZeroExtend16To32 or Opcode.ZeroExtend16To64 or Opcode.ZeroExtend32To64
        or Opcode.NzcvToU32 or Opcode.U32ToNzcv;

    /// <summary>The values a terminal reads.</summary>
    public static IEnumerable<Inst> TerminalUses(Terminal? terminal) => terminal switch
    {
        Terminal.Indirect ind => [ind.Target],
        Terminal.If f => [f.Condition, .. TerminalUses(f.Then), .. TerminalUses(f.Else)],
        _ => [],
    };

    /// <summary>Caller-saved registers holding values defined before instruction <paramref name="index"/> and used after it.</summary>
    public List<(Inst Value, AssemblerRegister64 Register)> LiveAcross(Block block, int index)
    {
        var live = new List<(Inst, AssemblerRegister64)>();
        for (int v = 0; v < index; v++)
            if (location[v] is { } reg && lastUse[v] > index && CallerSaved.Contains(reg))
                live.Add((block.Insts[v], reg));
        return live;
    }
}
