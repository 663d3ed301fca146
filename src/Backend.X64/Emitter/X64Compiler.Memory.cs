using A64Jit.IR;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>
/// Guest loads and stores. The fast path is inline and checked: the page must be inside the guest's
/// space and its flags must allow the access, and the access must not cross into the next page; then it
/// goes straight to the host mapping. Anything else (an unmapped or protected page, a page-crossing
/// access, a store to a page holding code) takes the helper, which raises the guest fault or
/// invalidates translations exactly as the interpreter does.
/// </summary>
public sealed partial class X64Compiler
{
    const int PageFlagRead = 1, PageFlagWrite = 2, PageFlagExecute = 4;

    /// <summary>
    /// Checks an access and returns the host operand it goes through, or jumps to <paramref name="slow"/>
    /// with the guest address in rax. Checked memory leaves the host address in rax; guarded memory
    /// leaves the guest address in rax and the host base in rdx, and the access itself is the check.
    /// </summary>
    AssemblerMemoryOperand EmitAddressCheck(Inst address, int size, bool write, Label slow)
    {
        LoadAddress(address);
        if (softMmu)
        {
            EmitTlbCheck(size, write, slow);
            return rax + 0;
        }
        if (guardedMemory)
        {
            asm.cmp(rax, __qword_ptr[Context + ContextLayout.MemorySize]);
            asm.jae(slow);
            asm.mov(rdx, __qword_ptr[Context + ContextLayout.MemoryBase]);
            return rdx + rax;
        }
        asm.mov(rcx, rax);
        asm.shr(rcx, 12);
        asm.cmp(rcx, __qword_ptr[Context + ContextLayout.PageCount]);
        asm.jae(slow);
        asm.mov(rdx, __qword_ptr[Context + ContextLayout.PageFlags]);
        if (write)
        {
            asm.movzx(edx, __byte_ptr[rdx + rcx]);
            asm.and(edx, PageFlagWrite | PageFlagExecute);
            asm.cmp(edx, PageFlagWrite);
            asm.jne(slow);
        }
        else
        {
            asm.test(__byte_ptr[rdx + rcx], PageFlagRead);
            asm.jz(slow);
        }
        EmitPageCrossCheck(size, slow);
        asm.add(rax, __qword_ptr[Context + ContextLayout.MemoryBase]);
        return rax + 0;
    }

    /// <summary>
    /// Guarded memory: the next instruction is the access, whose host fault resumes at
    /// <paramref name="slow"/> (<see cref="GuardedAccessFaults"/>).
    /// </summary>
    void MarkGuardedAccess(Label slow)
    {
        if (!guardedMemory)
            return;
        var access = asm.CreateLabel();
        asm.Label(ref access);
        guardedAccesses.Add((access, slow));
    }

    /// <summary>
    /// Full-system mode: the entry of the inline TLB for the page must hold the page number in its read (or
    /// write) tag; then host = VA + the entry's addend. The runtime fills entries only for RAM pages the
    /// current EL may access that way, so a hit is always a permitted access to guest RAM.
    /// </summary>
    void EmitTlbCheck(int size, bool write, Label slow)
    {
        asm.mov(rcx, rax);
        asm.shr(rcx, 12);
        asm.mov(edx, ecx);
        asm.and(edx, InlineTlb.Entries - 1);
        asm.shl(edx, InlineTlb.EntryShift);
        asm.add(rdx, __qword_ptr[Context + ContextLayout.Tlb]);
        asm.cmp(rcx, __qword_ptr[rdx + (write ? InlineTlb.WriteTagOffset : InlineTlb.ReadTagOffset)]);
        asm.jne(slow);
        EmitPageCrossCheck(size, slow);
        asm.add(rax, __qword_ptr[rdx + InlineTlb.AddendOffset]);
    }

    /// <summary>The guest address into rax: one lea when the address computation is folded into the access.</summary>
    void LoadAddress(Inst address)
    {
        if (!foldedValues.Contains(address))
        {
            Load(rax, address);
            return;
        }
        var parts = addressParts[address];
        var rbase = InRegister(parts.Base, rax);
        if (parts.Index is null)
        {
            asm.lea(rax, __[rbase + parts.Displacement]);
            return;
        }
        var rindex = InRegister(parts.Index, rcx);
        asm.lea(rax, __[rbase + rindex * parts.Scale + parts.Displacement]);
    }

    /// <summary>An address base + index·scale + displacement, computed by the access's own lea.</summary>
    readonly record struct AddressParts(Inst Base, Inst? Index, int Scale, int Displacement);

    readonly HashSet<Inst> foldedValues = new(ReferenceEqualityComparer.Instance);
    readonly Dictionary<Inst, AddressParts> addressParts = new(ReferenceEqualityComparer.Instance);

    static bool IsPlainAccess(Opcode op) => op is Opcode.Load8 or Opcode.Load16 or Opcode.Load32 or Opcode.Load64 or Opcode.Load128
        or Opcode.Store8 or Opcode.Store16 or Opcode.Store32 or Opcode.Store64 or Opcode.Store128;

    /// <summary>
    /// Address folding, planned before register allocation: an Add64 used only as the address of plain
    /// loads and stores is not computed on its own; each access computes base + index·scale + disp
    /// with one lea (an index shifted left by 0..3 is scaled, and such a shift used only there vanishes
    /// too). The parts stay live up to the accesses (<see cref="FoldedOperands"/>).
    /// </summary>
    void PlanAddressFolding()
    {
        var uses = new Dictionary<Inst, int>(ReferenceEqualityComparer.Instance);
        var addressUses = new Dictionary<Inst, int>(ReferenceEqualityComparer.Instance);
        foreach (var inst in block.Insts)
        {
            foreach (var arg in inst.Args)
                uses[arg] = uses.GetValueOrDefault(arg) + 1;
            if (IsPlainAccess(inst.Op) && !ReferenceEquals(inst.Args[0], inst.Args.Length > 1 ? inst.Args[1] : null))
                addressUses[inst.Args[0]] = addressUses.GetValueOrDefault(inst.Args[0]) + 1;
        }
        foreach (var used in RegisterAllocator.TerminalUses(block.Terminal))
            uses[used] = uses.GetValueOrDefault(used) + 1;
        PlanPopCountFusion(uses);

        var indexUses = new Dictionary<Inst, int>(ReferenceEqualityComparer.Instance);
        foreach (var (address, count) in addressUses)
        {
            if (address.Op != Opcode.Add64 || count != uses.GetValueOrDefault(address))
                continue;
            var (x, y) = (address.Args[0], address.Args[1]);
            if (x.IsConst)
                (x, y) = (y, x);
            if (x.IsConst)
                continue;
            AddressParts parts;
            if (y.IsConst)
            {
                if ((long)y.Aux is < int.MinValue or > int.MaxValue)
                    continue;
                parts = new AddressParts(x, null, 1, (int)(long)y.Aux);
            }
            else
            {
                if (ScaledIndex(x) is not null && ScaledIndex(y) is null)
                    (x, y) = (y, x);
                if (ScaledIndex(y) is { } scaled)
                {
                    parts = new AddressParts(x, scaled.Index, scaled.Scale, 0);
                    indexUses[y] = indexUses.GetValueOrDefault(y) + 1;
                }
                else
                    parts = new AddressParts(x, y, 1, 0);
            }
            foldedValues.Add(address);
            addressParts[address] = parts;
        }
        // A shift used only as folded addresses' scaled index is not computed either.
        foreach (var (shift, count) in indexUses)
            if (count == uses.GetValueOrDefault(shift))
                foldedValues.Add(shift);
    }

    /// <summary>Lsl64(i, 0..3) as an x86 index: (i, 1 &lt;&lt; k).</summary>
    static (Inst Index, int Scale)? ScaledIndex(Inst value) =>
        value.Op == Opcode.Lsl64 && value.Args[1].IsConst && value.Args[1].Aux <= 3 && !value.Args[0].IsConst
            ? (value.Args[0], 1 << (int)value.Args[1].Aux)
            : null;

    /// <summary>The values an instruction reads through a folded operand: an access's folded address, the popcount idiom's CNT (for the register allocator's live ranges).</summary>
    IEnumerable<Inst> FoldedOperands(Inst inst)
    {
        if (popCounts.Contains(inst))
            return [PopCountOperand(inst)!];
        if (!IsPlainAccess(inst.Op) || !addressParts.TryGetValue(inst.Args[0], out var parts))
            return [];
        return parts.Index is null ? [parts.Base] : [parts.Base, parts.Index];
    }

    /// <summary>An access of more than one byte that would run into the next page takes the helper (rax holds the address).</summary>
    void EmitPageCrossCheck(int size, Label slow)
    {
        if (size == 1)
            return;
        asm.mov(ecx, eax);
        asm.and(ecx, 0xFFF);
        asm.cmp(ecx, 0x1000 - size);
        asm.ja(slow);
    }

    void EmitLoad(Inst inst, int size)
    {
        var slow = asm.CreateLabel();
        var done = asm.CreateLabel();
        var host = EmitAddressCheck(inst.Args[0], size, write: false, slow);
        // Straight into the result's register; the slow path's helper returns it in rax.
        var dst = Target(inst);
        MarkGuardedAccess(slow);
        switch (size)
        {
            case 1: asm.movzx(Low32(dst), __byte_ptr[host]); break;
            case 2: asm.movzx(Low32(dst), __word_ptr[host]); break;
            case 4: asm.mov(Low32(dst), __dword_ptr[host]); break;
            default: asm.mov(dst, __qword_ptr[host]); break;
        }
        Store(inst, dst);
        asm.Label(ref done);
        OutOfLineHelperCall(inst, slow, done, JitHelpers.ReadMemory, () =>
        {
            asm.mov(rsi, rax); // the guest address: every jump to the slow path leaves it in rax
            asm.mov(edx, size);
        }, () => Store(inst, rax));
    }

    void EmitStore(Inst inst, int size)
    {
        var slow = asm.CreateLabel();
        var done = asm.CreateLabel();
        var host = EmitAddressCheck(inst.Args[0], size, write: true, slow);
        // From the value's own register (or rcx for a constant or a value in its slot).
        var value = InRegister(inst.Args[1], rcx);
        MarkGuardedAccess(slow);
        switch (size)
        {
            case 1: asm.mov(__byte_ptr[host], Low8(value)); break;
            case 2: asm.mov(__word_ptr[host], Low16(value)); break;
            case 4: asm.mov(__dword_ptr[host], Low32(value)); break;
            default: asm.mov(__qword_ptr[host], value); break;
        }
        asm.Label(ref done);
        OutOfLineHelperCall(inst, slow, done, JitHelpers.WriteMemory, () =>
        {
            asm.mov(rsi, rax); // the guest address: every jump to the slow path leaves it in rax
            Load(rdx, inst.Args[1]);
            asm.mov(ecx, size);
        });
    }

    void EmitLoad128(Inst inst)
    {
        var slow = asm.CreateLabel();
        var done = asm.CreateLabel();
        var host = EmitAddressCheck(inst.Args[0], 16, write: false, slow);
        MarkGuardedAccess(slow);
        asm.movdqu(xmm0, __xmmword_ptr[host]);
        asm.movdqa(Slot128(inst), xmm0);
        asm.Label(ref done);
        OutOfLineHelperCall(inst, slow, done, JitHelpers.Read128, () =>
        {
            asm.mov(rsi, rax); // the guest address: every jump to the slow path leaves it in rax
            asm.lea(rdx, Slot128(inst));
        });
    }

    void EmitStore128(Inst inst)
    {
        var slow = asm.CreateLabel();
        var done = asm.CreateLabel();
        var host = EmitAddressCheck(inst.Args[0], 16, write: true, slow);
        asm.movdqa(xmm0, Slot128(inst.Args[1]));
        MarkGuardedAccess(slow);
        asm.movdqu(__xmmword_ptr[host], xmm0);
        asm.Label(ref done);
        OutOfLineHelperCall(inst, slow, done, JitHelpers.Write128, () =>
        {
            asm.mov(rsi, rax); // the guest address: every jump to the slow path leaves it in rax
            asm.lea(rdx, Slot128(inst.Args[1]));
        });
    }
}
