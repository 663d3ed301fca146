using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>
/// Host faults of compiled guest accesses (guarded memory, the user-mode flat mapping of architecture
/// decision 6 checked by the host's own page protections instead of a page table): a
/// load or store goes straight to the host mapping of the guest address space, whose host protections
/// follow the guest's, and a host SIGSEGV from such an access becomes a jump to that access's slow path,
/// whose helper then raises the guest fault (or invalidates code and writes) exactly as the interpreter
/// does.
/// <para>
/// The SIGSEGV handler is machine code (a signal handler must not run managed code): when the faulting
/// instruction lies in a registered code cache it hands the faulting address to the recovery stub in rcx
/// (compiled code treats rcx as scratch around an access) and resumes there; any other fault goes to the
/// handler that was installed before (the .NET runtime's), so null references and real crashes behave as
/// before. The stub saves what a call clobbers, asks <see cref="FindSlowPath"/> where the access's slow
/// path is, and jumps there with the guest address still in rax.
/// </para>
/// </summary>
public static unsafe partial class GuardedAccessFaults
{
    const int MaxRanges = 64;
    const int SigSegv = 11;
    const int SaSigInfo = 4, SaOnStack = 0x0800_0000, SaRestart = 0x1000_0000;
    // glibc's ucontext_t: uc_mcontext.gregs starts at byte 40; REG_RCX is 14, REG_RIP 16.
    const int ContextRcx = 40 + 14 * 8, ContextRip = 40 + 16 * 8;

    // Native data the handler reads: [range count][ranges: (start, end) × MaxRanges][previous handler].
    static nint* data;
    static ExecutableMemory? code;
    static readonly Lock gate = new();
    static readonly ConcurrentDictionary<nint, nint> slowPaths = new();

    /// <summary>Whether the handler is in place (the first <see cref="AddCodeRange"/> installs it).</summary>
    public static bool Installed => code is not null;

    /// <summary>Host faults at <paramref name="start"/>..<paramref name="end"/> are compiled guest accesses from now on.</summary>
    public static void AddCodeRange(nint start, nint end)
    {
        lock (gate)
        {
            Install();
            long count = data[0];
            for (int i = 0; i < count; i++)
            {
                if (data[1 + 2 * i] == 0 && data[2 + 2 * i] == 0)
                {
                    data[2 + 2 * i] = end;
                    Volatile.Write(ref data[1 + 2 * i], start);
                    return;
                }
            }
            if (count == MaxRanges)
                throw new InvalidOperationException($"more than {MaxRanges} code caches with guarded accesses");
            data[1 + 2 * count] = start;
            data[2 + 2 * count] = end;
            Volatile.Write(ref data[0], (nint)(count + 1));
        }
    }

    /// <summary>Forgets a range (its cache is gone); the slot is reused.</summary>
    public static void RemoveCodeRange(nint start)
    {
        lock (gate)
        {
            if (data == null)
                return;
            for (int i = 0; i < data[0]; i++)
            {
                if (data[1 + 2 * i] == start)
                {
                    Volatile.Write(ref data[1 + 2 * i], 0);
                    data[2 + 2 * i] = 0;
                }
            }
        }
    }

    /// <summary>The access instruction at <paramref name="access"/> resumes at <paramref name="slowPath"/> when it faults.</summary>
    public static void AddSite(nint access, nint slowPath) => slowPaths[access] = slowPath;

    public static void RemoveSite(nint access) => slowPaths.TryRemove(access, out _);

    /// <summary>Sites registered (for tests and --stats).</summary>
    public static int SiteCount => slowPaths.Count;

    /// <summary>How many host faults were turned into slow-path runs.</summary>
    public static long Recovered => recovered;

    static long recovered;

    [UnmanagedCallersOnly]
    static nint FindSlowPath(nint rip)
    {
        if (slowPaths.TryGetValue(rip, out var slow))
        {
            Interlocked.Increment(ref recovered);
            return slow;
        }
        Environment.FailFast($"a64jit: host fault at 0x{rip:x} in compiled code that is not a guest access");
        return 0;
    }

    static void Install()
    {
        if (code is not null)
            return;
        data = (nint*)NativeMemory.AllocZeroed((nuint)(1 + 2 * MaxRanges + 2), (nuint)sizeof(nint));
        nint* previous = data + 1 + 2 * MaxRanges;
        code = new ExecutableMemory(64 << 10);
        var (handler, defaultAction) = EmitHandler(code, previous);

        var old = new SigAction();
        if (Sigaction(SigSegv, null, &old) != 0)
            throw new InvalidOperationException($"sigaction failed (errno {Marshal.GetLastPInvokeError()})");
        // SIG_DFL (0) or SIG_IGN (1) before us: put the default action back and let the access fault again.
        *previous = old.Handler is 0 or 1 ? defaultAction : old.Handler;
        var action = old;
        action.Handler = handler;
        action.Flags = SaSigInfo | SaOnStack | SaRestart;
        if (Sigaction(SigSegv, &action, null) != 0)
            throw new InvalidOperationException($"sigaction failed (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>The handler, the recovery stub and the fall-back that restores the default action.</summary>
    static (nint Handler, nint DefaultAction) EmitHandler(ExecutableMemory memory, nint* previous)
    {
        var asm = new Assembler(64);
        Label handler = asm.CreateLabel(), loop = asm.CreateLabel(), next = asm.CreateLabel(), ours = asm.CreateLabel(),
            chain = asm.CreateLabel(), stub = asm.CreateLabel(), defaultAction = asm.CreateLabel(), zeros = asm.CreateLabel();

        // handler(int sig (rdi), siginfo_t* (rsi), ucontext_t* (rdx))
        asm.Label(ref handler);
        // Only a fault the kernel raised (si_code > 0), not a SIGSEGV someone sent with kill.
        asm.cmp(__dword_ptr[rsi + 8], 0);
        asm.jle(chain);
        asm.mov(rax, __qword_ptr[rdx + ContextRip]);
        asm.mov(r8, (ulong)data);
        asm.mov(rcx, __qword_ptr[r8]);
        asm.lea(r9, __[r8 + 8]);
        asm.Label(ref loop);
        asm.test(rcx, rcx);
        asm.jz(chain);
        asm.cmp(rax, __qword_ptr[r9]);
        asm.jb(next);
        asm.cmp(rax, __qword_ptr[r9 + 8]);
        asm.jb(ours);
        asm.Label(ref next);
        asm.add(r9, 16);
        asm.dec(rcx);
        asm.jmp(loop);
        asm.Label(ref ours);
        asm.mov(__qword_ptr[rdx + ContextRcx], rax);
        asm.lea(rax, __[stub]);
        asm.mov(__qword_ptr[rdx + ContextRip], rax);
        asm.ret();
        asm.Label(ref chain);
        asm.mov(rax, (ulong)previous);
        asm.jmp(__qword_ptr[rax]);

        // The stub: rcx = the faulting access, rax = its guest address; every other register is the block's.
        AssemblerRegister64[] saved = [rax, rdx, rsi, rdi, r8, r9, r10, r11];
        asm.Label(ref stub);
        asm.push(rbp);
        asm.mov(rbp, rsp);
        asm.and(rsp, -16);
        foreach (var reg in saved)
            asm.push(reg);
        asm.sub(rsp, 256);
        for (int i = 0; i < 16; i++)
            asm.movdqu(__xmmword_ptr[rsp + 16 * i], Xmm(i));
        asm.mov(rdi, rcx);
        asm.mov(rax, (ulong)(nint)(delegate* unmanaged<nint, nint>)&FindSlowPath);
        asm.call(rax);
        asm.mov(rcx, rax);
        for (int i = 0; i < 16; i++)
            asm.movdqu(Xmm(i), __xmmword_ptr[rsp + 16 * i]);
        asm.add(rsp, 256);
        for (int i = saved.Length - 1; i >= 0; i--)
            asm.pop(saved[i]);
        asm.mov(rsp, rbp);
        asm.pop(rbp);
        asm.jmp(rcx);

        // rt_sigaction(SIGSEGV, {SIG_DFL}, NULL, 8), then return: the access faults again, now fatally.
        asm.Label(ref defaultAction);
        asm.mov(edi, SigSegv);
        asm.lea(rsi, __[zeros]);
        asm.xor(edx, edx);
        asm.mov(r10d, 8);
        asm.mov(eax, 13);
        asm.syscall();
        asm.ret();
        asm.Label(ref zeros);
        for (int i = 0; i < 4; i++)
            asm.dq(0UL);

        var stream = new MemoryStream();
        var result = asm.Assemble(new StreamCodeWriter(stream), 0, BlockEncoderOptions.ReturnNewInstructionOffsets);
        nint start = memory.Allocate(stream.ToArray());
        return (start + (nint)result.GetLabelRIP(handler), start + (nint)result.GetLabelRIP(defaultAction));
    }

    static AssemblerRegisterXMM Xmm(int i) => i switch
    {
        0 => xmm0, 1 => xmm1, 2 => xmm2, 3 => xmm3, 4 => xmm4, 5 => xmm5, 6 => xmm6, 7 => xmm7,
        8 => xmm8, 9 => xmm9, 10 => xmm10, 11 => xmm11, 12 => xmm12, 13 => xmm13, 14 => xmm14, _ => xmm15,
    };

    /// <summary>glibc's struct sigaction on x86-64.</summary>
    [StructLayout(LayoutKind.Sequential)]
    struct SigAction
    {
        public nint Handler;
        public fixed ulong Mask[16];
        public int Flags;
        int padding;
        public nint Restorer;
    }

    [LibraryImport("libc", EntryPoint = "sigaction", SetLastError = true)]
    private static partial int Sigaction(int signal, SigAction* action, SigAction* old);
}
