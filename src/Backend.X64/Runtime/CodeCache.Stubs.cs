using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

public sealed unsafe partial class CodeCache
{
    /// <summary>
    /// The code every block shares, emitted at the start of the cache:
    /// <list type="bullet">
    /// <item>Enter(ctx): saves the callee-saved registers, reserves the value frame, pins ctx in r15 and
    /// goes to Lookup.</item>
    /// <item>Lookup: finds ctx.Pc in the dispatch table and jumps to its block; on a miss, leaves with
    /// <see cref="JitExit.Lookup"/>.</item>
    /// <item>StepDone: leaves with <see cref="JitExit.BlockDone"/>; a single-stepping cache points
    /// ctx.LookupStub here, so every block returns after it ran.</item>
    /// <item>Exit: undoes Enter and returns the exit reason in eax.</item>
    /// </list>
    /// </summary>
    readonly record struct Stubs(nint Enter, nint Lookup, nint Exit, nint StepDone)
    {
        static readonly AssemblerRegister64[] Saved = [rbx, rbp, r12, r13, r14, r15];

        public static Stubs Emit(ExecutableMemory memory)
        {
            var asm = new Assembler(64);
            var enter = asm.CreateLabel();
            var lookup = asm.CreateLabel();
            var miss = asm.CreateLabel();
            var exit = asm.CreateLabel();
            var stepDone = asm.CreateLabel();
            // Six pushes leave rsp at 8 mod 16; the frame and 8 bytes more make the block body 16-aligned.
            const int reserve = X64Compiler.FrameSize + 8;

            asm.Label(ref enter);
            foreach (var reg in Saved)
                asm.push(reg);
            // Touch the frame a page at a time from the top, as a stack probe would.
            for (int offset = 4096; offset <= reserve; offset += 4096)
                asm.mov(__qword_ptr[rsp - offset], 0);
            asm.sub(rsp, reserve);
            asm.mov(r15, rdi);

            asm.Label(ref lookup);
            asm.mov(rax, __qword_ptr[r15 + ContextLayout.Pc]);
            asm.mov(ecx, eax);
            asm.shr(ecx, 2);
            asm.and(ecx, DispatchEntries - 1);
            asm.shl(ecx, 4);
            asm.add(rcx, __qword_ptr[r15 + ContextLayout.DispatchTable]);
            asm.cmp(__qword_ptr[rcx], rax);
            asm.jne(miss);
            asm.mov(rdx, __qword_ptr[rcx + 8]);
            asm.test(rdx, rdx);
            asm.jz(miss);
            asm.jmp(rdx);

            asm.Label(ref stepDone);
            asm.mov(eax, (int)JitExit.BlockDone);
            asm.jmp(exit);

            asm.Label(ref miss);
            asm.mov(eax, (int)JitExit.Lookup);

            asm.Label(ref exit);
            asm.add(rsp, reserve);
            for (int i = Saved.Length - 1; i >= 0; i--)
                asm.pop(Saved[i]);
            asm.ret();

            var stream = new MemoryStream();
            var result = asm.Assemble(new StreamCodeWriter(stream), 0, BlockEncoderOptions.ReturnNewInstructionOffsets);
            if (!memory.TryAllocate(stream.ToArray(), out nint start))
                throw new InvalidOperationException("no room for the dispatch stubs");
            return new Stubs(start + (nint)result.GetLabelRIP(enter), start + (nint)result.GetLabelRIP(lookup),
                start + (nint)result.GetLabelRIP(exit), start + (nint)result.GetLabelRIP(stepDone));
        }
    }
}
