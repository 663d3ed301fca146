using A64Jit.IR;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>
/// NZCV in Arm layout (N bit 31, Z bit 30, C bit 29, V bit 28). A flag-setting instruction sets the
/// host's flags with one x86 instruction (cmp, add, adc or test), whose SF, ZF and OF are Arm's N, Z
/// and V; CF is Arm's C after an addition and NOT C after cmp (x86 borrows where Arm carries).
/// <para>
/// Fusion: a ConditionHolds on those flags, a Select on that condition and the block's conditional
/// terminal read the host flags directly (setcc, cmovcc, jcc) when nothing emitted in between changes
/// them (see <see cref="PlanFlagFusion"/>). The packed NZCV word is still computed when anything else
/// reads it (usually SetNzcv: the flags at the block's end, or at a fault, stay exact).
/// </para>
/// </summary>
public sealed partial class X64Compiler
{
    /// <summary>How the x86 flags left by a flag producer relate to NZCV.</summary>
    enum HostFlags { Add, Sub, Logic }

    // Fusion plan, made once per block after register allocation.
    readonly HashSet<Inst> fusedConditions = new(ReferenceEqualityComparer.Instance);
    readonly HashSet<Inst> fusedSelects = new(ReferenceEqualityComparer.Instance);
    readonly HashSet<Inst> silentConditions = new(ReferenceEqualityComparer.Instance);
    readonly HashSet<Inst> restoreFlags = new(ReferenceEqualityComparer.Instance);
    readonly HashSet<Inst> unpacked = new(ReferenceEqualityComparer.Instance);
    bool fusedBranch;

    static HostFlags? FlagsForm(Opcode op) => op switch
    {
        Opcode.AddCarryFlags32 or Opcode.AddCarryFlags64 => HostFlags.Add,
        Opcode.SubFlags32 or Opcode.SubFlags64 => HostFlags.Sub,
        Opcode.LogicFlags32 or Opcode.LogicFlags64 => HostFlags.Logic,
        _ => null,
    };

    /// <summary>Instructions whose code only moves data (mov, setcc, cmovcc): the host flags survive them.</summary>
    bool KeepsHostFlags(Inst inst) => inst.Op switch
    {
        Opcode.InstStart or Opcode.Const or Opcode.SetNzcv or Opcode.GetNzcv or Opcode.GetSp or Opcode.SetSp => true,
        Opcode.GetX or Opcode.SetX => inst.Aux <= 30,
        Opcode.ConditionHolds => fusedConditions.Contains(inst),
        Opcode.Select => fusedSelects.Contains(inst),
        _ => false,
    };

    /// <summary>
    /// Which flag readers use the host flags: one forward walk tracking the producer whose x86 flags are
    /// live, then which conditions need no value of their own and which producers need no packed word.
    /// </summary>
    void PlanFlagFusion()
    {
        var uses = new Dictionary<Inst, int>(ReferenceEqualityComparer.Instance);
        void Use(Inst v) => uses[v] = uses.GetValueOrDefault(v) + 1;
        Inst? live = null;
        foreach (var inst in block.Insts)
        {
            foreach (var arg in inst.Args)
                Use(arg);
            if (FlagsForm(inst.Op) is not null)
            {
                live = inst;
                continue;
            }
            if (inst.Op == Opcode.ConditionHolds && live is not null && ReferenceEquals(inst.Args[0], live) && (inst.Aux & 0xF) < 14)
                fusedConditions.Add(inst);
            else if (inst.Op == Opcode.Select && inst.Type != IrType.U128 && fusedConditions.Contains(inst.Args[0])
                && ReferenceEquals(inst.Args[0].Args[0], live))
                fusedSelects.Add(inst);
            if (!KeepsHostFlags(inst))
                live = null;
        }
        foreach (var used in RegisterAllocator.TerminalUses(block.Terminal))
            Use(used);
        if (block.Terminal is Terminal.If f && fusedConditions.Contains(f.Condition) && ReferenceEquals(f.Condition.Args[0], live))
            fusedBranch = true;

        var fusedUses = new Dictionary<Inst, int>(ReferenceEqualityComparer.Instance);
        foreach (var select in fusedSelects)
            fusedUses[select.Args[0]] = fusedUses.GetValueOrDefault(select.Args[0]) + 1;
        if (fusedBranch)
        {
            var condition = ((Terminal.If)block.Terminal!).Condition;
            fusedUses[condition] = fusedUses.GetValueOrDefault(condition) + 1;
        }
        var readers = new Dictionary<Inst, int>(ReferenceEqualityComparer.Instance);
        foreach (var condition in fusedConditions)
        {
            var producer = condition.Args[0];
            readers[producer] = readers.GetValueOrDefault(producer) + 1;
            if (fusedUses.GetValueOrDefault(condition) == uses.GetValueOrDefault(condition))
                silentConditions.Add(condition);
        }
        // A producer read only by fused conditions needs no packed word; one that packs it has its flags
        // restored afterwards for the fused readers' setcc, cmovcc or jcc.
        foreach (var (producer, count) in readers)
        {
            if (count == uses.GetValueOrDefault(producer))
                unpacked.Add(producer);
            else
                restoreFlags.Add(producer);
        }
    }

    // ---- Producers ------------------------------------------------------------------------------

    /// <summary>A register holding the value for an x86 instruction that reads it: its own, else <paramref name="scratch"/> loaded.</summary>
    AssemblerRegister64 InRegister(Inst value, AssemblerRegister64 scratch)
    {
        if (!value.IsConst && registers.Register(value) is { } home)
            return home;
        Load(scratch, value);
        return scratch;
    }

    static bool FitsImm32(Inst value, bool wide) =>
        value.IsConst && (!wide || (long)value.Aux is >= int.MinValue and <= int.MaxValue);

    void EmitSubFlags(Inst inst, bool wide)
    {
        var a = InRegister(inst.Args[0], rax);
        var b = inst.Args[1];
        if (FitsImm32(b, wide))
        {
            if (wide)
                asm.cmp(a, (int)(long)b.Aux);
            else
                asm.cmp(Low32(a), (int)(uint)b.Aux);
        }
        else
        {
            var rb = InRegister(b, rcx);
            if (wide)
                asm.cmp(a, rb);
            else
                asm.cmp(Low32(a), Low32(rb));
        }
        PackFlags(inst, HostFlags.Sub);
    }

    void EmitAddCarryFlags(Inst inst, bool wide)
    {
        var carry = inst.Args[2];
        if (carry.IsConst)
        {
            Load(rax, inst.Args[0]);
            var b = inst.Args[1];
            bool withCarry = (carry.Aux & 1) != 0;
            if (FitsImm32(b, wide))
            {
                int imm = wide ? (int)(long)b.Aux : (int)(uint)b.Aux;
                if (withCarry) { asm.stc(); if (wide) asm.adc(rax, imm); else asm.adc(eax, imm); }
                else if (wide) asm.add(rax, imm);
                else asm.add(eax, imm);
            }
            else
            {
                var rb = InRegister(b, rcx);
                if (withCarry) { asm.stc(); if (wide) asm.adc(rax, rb); else asm.adc(eax, Low32(rb)); }
                else if (wide) asm.add(rax, rb);
                else asm.add(eax, Low32(rb));
            }
        }
        else
        {
            LoadAddWithCarry(inst, wide);
            if (wide)
                asm.adc(rax, rcx);
            else
                asm.adc(eax, ecx);
        }
        PackFlags(inst, HostFlags.Add);
    }

    void EmitLogicFlags(Inst inst, bool wide)
    {
        var a = InRegister(inst.Args[0], rax);
        if (wide)
            asm.test(a, a);
        else
            asm.test(Low32(a), Low32(a));
        PackFlags(inst, HostFlags.Logic);
    }

    /// <summary>
    /// Turns the live x86 flags into an NZCV word, unless only fused readers use them. seto al and lahf
    /// put OF in bit 0, CF in bit 8, ZF in bit 14 and SF in bit 15 of ax; one multiplication moves the
    /// four bits to 28, 29, 30 and 31 (the other partial products land on bits the mask clears). When
    /// fused readers follow, add al, 0x7F (OF = al) and sahf give the flags back. Uses rax and rcx.
    /// </summary>
    void PackFlags(Inst inst, HostFlags form)
    {
        if (unpacked.Contains(inst))
            return;
        var packed = registers.Register(inst) ?? rcx;
        var word = Low32(packed);
        asm.seto(al);
        asm.lahf();
        asm.movzx(word, ax);
        asm.and(word, 0xC101);
        asm.imul(word, word, 0x1021_0000);
        asm.and(word, unchecked((int)0xF000_0000));
        if (form == HostFlags.Sub)
            asm.xor(word, 0x2000_0000);
        Store(inst, packed);
        if (restoreFlags.Contains(inst))
        {
            asm.add(al, 0x7F);
            asm.sahf();
        }
    }

    // ---- Readers --------------------------------------------------------------------------------

    /// <summary>
    /// The x86 condition code (Intel's numbering: o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g)
    /// that tests Arm condition <paramref name="cond"/> on a producer's host flags, and whether CF must be
    /// complemented around the test (HI and LS after an addition, where CF is C, not NOT C).
    /// </summary>
    static (int Code, bool Complement) HostCondition(int cond, HostFlags form)
    {
        bool borrow = form == HostFlags.Sub;
        var (code, complement) = (cond >> 1) switch
        {
            0 => (4, false),                 // EQ: e
            1 => (borrow ? 3 : 2, false),    // CS: C set: ae after cmp, b after add
            2 => (8, false),                 // MI: s
            3 => (0, false),                 // VS: o
            4 => (7, !borrow),               // HI: C and not Z: a after cmp
            5 => (13, false),                // GE: ge
            _ => (15, false),                // GT: g
        };
        return ((cond & 1) != 0 ? code ^ 1 : code, complement);
    }

    (int Code, bool Complement) HostCondition(Inst condition) =>
        HostCondition((int)condition.Aux & 0xF, FlagsForm(condition.Args[0].Op)!.Value);

    void EmitFusedConditionHolds(Inst inst)
    {
        if (silentConditions.Contains(inst))
            return;
        var (code, complement) = HostCondition(inst);
        var dst = Target(inst);
        if (complement)
            asm.cmc();
        SetCc(code, Low8(dst));
        if (complement)
            asm.cmc();
        asm.movzx(Low32(dst), Low8(dst));
        Store(inst, dst);
    }

    void EmitFusedSelect(Inst inst)
    {
        var (code, complement) = HostCondition(inst.Args[0]);
        Load(rax, inst.Args[1]);
        Load(rdx, inst.Args[2]);
        if (complement)
            asm.cmc();
        CmovCc(code ^ 1, rax, rdx);
        if (complement)
            asm.cmc();
        Store(inst, rax);
    }

    /// <summary>The fused conditional terminal: jumps to <paramref name="otherwise"/> when the condition fails.</summary>
    void EmitFusedBranch(Inst condition, Label otherwise)
    {
        var (code, complement) = HostCondition(condition);
        if (complement)
            asm.cmc();
        JccNear(code ^ 1, otherwise);
    }

    void SetCc(int code, AssemblerRegister8 r)
    {
        switch (code)
        {
            case 0: asm.seto(r); break;
            case 1: asm.setno(r); break;
            case 2: asm.setb(r); break;
            case 3: asm.setae(r); break;
            case 4: asm.sete(r); break;
            case 5: asm.setne(r); break;
            case 6: asm.setbe(r); break;
            case 7: asm.seta(r); break;
            case 8: asm.sets(r); break;
            case 9: asm.setns(r); break;
            case 12: asm.setl(r); break;
            case 13: asm.setge(r); break;
            case 14: asm.setle(r); break;
            case 15: asm.setg(r); break;
            default: throw new ArgumentOutOfRangeException(nameof(code));
        }
    }

    void CmovCc(int code, AssemblerRegister64 dst, AssemblerRegister64 src)
    {
        switch (code)
        {
            case 0: asm.cmovo(dst, src); break;
            case 1: asm.cmovno(dst, src); break;
            case 2: asm.cmovb(dst, src); break;
            case 3: asm.cmovae(dst, src); break;
            case 4: asm.cmove(dst, src); break;
            case 5: asm.cmovne(dst, src); break;
            case 6: asm.cmovbe(dst, src); break;
            case 7: asm.cmova(dst, src); break;
            case 8: asm.cmovs(dst, src); break;
            case 9: asm.cmovns(dst, src); break;
            case 12: asm.cmovl(dst, src); break;
            case 13: asm.cmovge(dst, src); break;
            case 14: asm.cmovle(dst, src); break;
            case 15: asm.cmovg(dst, src); break;
            default: throw new ArgumentOutOfRangeException(nameof(code));
        }
    }

    void JccNear(int code, Label target)
    {
        switch (code)
        {
            case 0: asm.jo(target); break;
            case 1: asm.jno(target); break;
            case 2: asm.jb(target); break;
            case 3: asm.jae(target); break;
            case 4: asm.je(target); break;
            case 5: asm.jne(target); break;
            case 6: asm.jbe(target); break;
            case 7: asm.ja(target); break;
            case 8: asm.js(target); break;
            case 9: asm.jns(target); break;
            case 12: asm.jl(target); break;
            case 13: asm.jge(target); break;
            case 14: asm.jle(target); break;
            case 15: asm.jg(target); break;
            default: throw new ArgumentOutOfRangeException(nameof(code));
        }
    }

    /// <summary>ConditionHolds() on an NZCV word, computed with bit operations into 0 or 1.</summary>
    void EmitConditionHolds(Inst inst)
    {
        if (fusedConditions.Contains(inst))
        {
            EmitFusedConditionHolds(inst);
            return;
        }
        int cond = (int)inst.Aux & 0xF;
        Load(eax, inst.Args[0]);
        switch (cond >> 1)
        {
            case 0: // Z
                asm.shr(eax, 30);
                asm.and(eax, 1);
                break;
            case 1: // C
                asm.shr(eax, 29);
                asm.and(eax, 1);
                break;
            case 2: // N
                asm.shr(eax, 31);
                break;
            case 3: // V
                asm.shr(eax, 28);
                asm.and(eax, 1);
                break;
            case 4: // C && !Z
                asm.mov(ecx, eax);
                asm.shr(eax, 29);
                asm.shr(ecx, 30);
                asm.not(ecx);
                asm.and(eax, ecx);
                asm.and(eax, 1);
                break;
            case 5: // N == V
                asm.mov(ecx, eax);
                asm.shr(eax, 31);
                asm.shr(ecx, 28);
                asm.xor(eax, ecx);
                asm.not(eax);
                asm.and(eax, 1);
                break;
            case 6: // N == V && !Z
                asm.mov(ecx, eax);
                asm.mov(edx, eax);
                asm.shr(eax, 31);
                asm.shr(ecx, 28);
                asm.xor(eax, ecx);
                asm.shr(edx, 30);
                asm.or(eax, edx);
                asm.not(eax);
                asm.and(eax, 1);
                break;
            default: // AL, NV
                asm.mov(eax, 1);
                break;
        }
        if ((cond & 1) != 0 && cond != 0xF)
            asm.xor(eax, 1);
        Store(inst, rax);
    }
}
