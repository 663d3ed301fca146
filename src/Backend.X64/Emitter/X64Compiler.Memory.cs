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

    /// <summary>Leaves the host address of the access in rax, or jumps to <paramref name="slow"/>.</summary>
    void EmitAddressCheck(Inst address, int size, bool write, Label slow)
    {
        if (softMmu)
        {
            EmitTlbCheck(address, size, write, slow);
            return;
        }
        Load(rax, address);
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
    }

    /// <summary>
    /// Full-system mode: the entry of the inline TLB for the page must hold the page number in its read (or
    /// write) tag; then host = VA + the entry's addend. The runtime fills entries only for RAM pages the
    /// current EL may access that way, so a hit is always a permitted access to guest RAM.
    /// </summary>
    void EmitTlbCheck(Inst address, int size, bool write, Label slow)
    {
        Load(rax, address);
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
        EmitAddressCheck(inst.Args[0], size, write: false, slow);
        // Straight into the result's register; the slow path's helper returns it in rax.
        var dst = Target(inst);
        switch (size)
        {
            case 1: asm.movzx(Low32(dst), __byte_ptr[rax]); break;
            case 2: asm.movzx(Low32(dst), __word_ptr[rax]); break;
            case 4: asm.mov(Low32(dst), __dword_ptr[rax]); break;
            default: asm.mov(dst, __qword_ptr[rax]); break;
        }
        Store(inst, dst);
        asm.Label(ref done);
        OutOfLineHelperCall(inst, slow, done, JitHelpers.ReadMemory, () =>
        {
            Load(rsi, inst.Args[0]);
            asm.mov(edx, size);
        }, () => Store(inst, rax));
    }

    void EmitStore(Inst inst, int size)
    {
        var slow = asm.CreateLabel();
        var done = asm.CreateLabel();
        EmitAddressCheck(inst.Args[0], size, write: true, slow);
        Load(rcx, inst.Args[1]);
        switch (size)
        {
            case 1: asm.mov(__byte_ptr[rax], cl); break;
            case 2: asm.mov(__word_ptr[rax], cx); break;
            case 4: asm.mov(__dword_ptr[rax], ecx); break;
            default: asm.mov(__qword_ptr[rax], rcx); break;
        }
        asm.Label(ref done);
        OutOfLineHelperCall(inst, slow, done, JitHelpers.WriteMemory, () =>
        {
            Load(rsi, inst.Args[0]);
            Load(rdx, inst.Args[1]);
            asm.mov(ecx, size);
        });
    }

    void EmitLoad128(Inst inst)
    {
        var slow = asm.CreateLabel();
        var done = asm.CreateLabel();
        EmitAddressCheck(inst.Args[0], 16, write: false, slow);
        asm.movdqu(xmm0, __xmmword_ptr[rax]);
        asm.movdqa(Slot128(inst), xmm0);
        asm.Label(ref done);
        OutOfLineHelperCall(inst, slow, done, JitHelpers.Read128, () =>
        {
            Load(rsi, inst.Args[0]);
            asm.lea(rdx, Slot128(inst));
        });
    }

    void EmitStore128(Inst inst)
    {
        var slow = asm.CreateLabel();
        var done = asm.CreateLabel();
        EmitAddressCheck(inst.Args[0], 16, write: true, slow);
        asm.movdqa(xmm0, Slot128(inst.Args[1]));
        asm.movdqu(__xmmword_ptr[rax], xmm0);
        asm.Label(ref done);
        OutOfLineHelperCall(inst, slow, done, JitHelpers.Write128, () =>
        {
            Load(rsi, inst.Args[0]);
            asm.lea(rdx, Slot128(inst.Args[1]));
        });
    }
}
