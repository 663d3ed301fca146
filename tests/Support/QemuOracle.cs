using System.Globalization;
using System.Text;
using A64Jit.IR;
using A64Jit.Runtime.Cpu;

namespace A64Jit.Tests.Support;

/// <summary>
/// A reference for lifter tests: runs the same snippet under qemu-aarch64 and compares the result
/// with <see cref="AsmRunner"/> register by register. The snippet's bytes are placed at the same
/// addresses as AsmRunner uses (code at CodeBase, data at DataBase in x28, stack below StackTop),
/// from a static harness built with aarch64-linux-gnu-gcc and linked far away from them, so even
/// address-valued registers agree. The snippet must end at a `brk #0`: the harness's SIGTRAP handler
/// prints x0..x30, sp, pc, NZCV, FPCR, FPSR and v0..v31 from the signal context.
/// </summary>
public static class QemuOracle
{
    /// <summary>The state qemu reports at the brk: the same fields as CpuState.</summary>
    public static CpuState Run(string asm)
    {
        CrossTools.Require(CrossTools.Gcc, CrossTools.Qemu);
        var code = CrossTools.Assemble(asm);
        var exe = Build(code);
        var (exit, stdout, stderr) = CrossTools.Run(CrossTools.Qemu, [exe]);
        if (exit != 0 || !stdout.Contains("pc "))
            Assert.Fail($"qemu run failed (exit {exit}): {stdout}{stderr}");
        return Parse(stdout);
    }

    /// <summary>Runs the snippet in both and asserts every register agrees; returns our state for further checks.</summary>
    public static CpuState AssertSameAsQemu(string asm, string? because = null)
    {
        var ours = AsmRunner.Exec(asm);
        var reference = Run(asm);
        var diffs = ours.Differences(reference).ToList();
        Assert.That(diffs, Is.Empty, $"ours vs qemu{(because is null ? "" : $" ({because})")}:\n{asm}");
        return ours;
    }

    static CpuState Parse(string text)
    {
        var s = new CpuState();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            string name = parts[0];
            if (name[0] == 'v')
            {
                s.V[int.Parse(name[1..])] = UInt128.Parse(parts[1], NumberStyles.HexNumber);
                continue;
            }
            ulong value = ulong.Parse(parts[1], NumberStyles.HexNumber);
            switch (name)
            {
                case "sp": s.Sp = value; break;
                case "pc": s.Pc = value; break;
                case "nzcv": s.Nzcv = (uint)value; break;
                case "fpcr": s.Fpcr = (uint)value; break;
                case "fpsr": s.Fpsr = (uint)value; break;
                default: s.X[int.Parse(name[1..])] = value; break;
            }
        }
        return s;
    }

    static readonly string cacheDir = Path.Combine(Path.GetTempPath(), "a64jit-qemu-oracle");

    static string Build(byte[] code)
    {
        Directory.CreateDirectory(cacheDir);
        var c = Harness(code);
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(c)))[..24];
        var exe = Path.Combine(cacheDir, hash);
        if (File.Exists(exe))
            return exe;
        var src = Path.Combine(cacheDir, hash + ".c");
        File.WriteAllText(src, c);
        var tmp = exe + $".{Environment.ProcessId}.tmp";
        var (exit, _, err) = CrossTools.Run(CrossTools.Gcc, ["-static", "-O1", "-o", tmp, src, "-Wl,-Ttext-segment=0x20000000"]);
        if (exit != 0)
            Assert.Fail($"building the qemu harness failed:\n{err}");
        File.Move(tmp, exe, overwrite: true);
        return exe;
    }

    static string Harness(byte[] code)
    {
        var bytes = string.Join(",", code.Select(b => $"0x{b:x2}"));
        return $$"""
            #define _GNU_SOURCE
            #include <signal.h>
            #include <stdio.h>
            #include <string.h>
            #include <sys/mman.h>
            #include <ucontext.h>
            #include <unistd.h>
            #include <asm/sigcontext.h>

            static const unsigned char code[] = { {{bytes}} };
            #define CODE_BASE {{AsmRunner.CodeBase}}UL
            #define DATA_BASE {{AsmRunner.DataBase}}UL
            #define DATA_SIZE {{AsmRunner.DataSize}}UL
            #define STACK_TOP {{AsmRunner.StackTop}}UL
            #define TRAMPOLINE (DATA_BASE - 0x1000UL)
            static char altstack[65536];

            static void put(const char *name, unsigned long long v)
            {
                char buf[64];
                int n = snprintf(buf, sizeof buf, "%s %llx\n", name, v);
                write(1, buf, n);
            }

            static void on_trap(int sig, siginfo_t *si, void *p)
            {
                ucontext_t *uc = p;
                char name[8];
                for (int i = 0; i < 31; i++) { snprintf(name, sizeof name, "x%d", i); put(name, uc->uc_mcontext.regs[i]); }
                put("sp", uc->uc_mcontext.sp);
                put("pc", uc->uc_mcontext.pc);
                put("nzcv", uc->uc_mcontext.pstate & 0xF0000000UL);
                struct _aarch64_ctx *h = (struct _aarch64_ctx *)uc->uc_mcontext.__reserved;
                while (h->magic != 0 && h->magic != FPSIMD_MAGIC)
                    h = (struct _aarch64_ctx *)((char *)h + h->size);
                if (h->magic == FPSIMD_MAGIC) {
                    struct fpsimd_context *f = (struct fpsimd_context *)h;
                    put("fpcr", f->fpcr);
                    put("fpsr", f->fpsr);
                    for (int i = 0; i < 32; i++) {
                        char buf[64];
                        int n = snprintf(buf, sizeof buf, "v%d %016llx%016llx\n", i,
                            (unsigned long long)(f->vregs[i] >> 64), (unsigned long long)f->vregs[i]);
                        write(1, buf, n);
                    }
                }
                _exit(0);
            }

            static void on_fault(int sig, siginfo_t *si, void *p)
            {
                ucontext_t *uc = p;
                char buf[96];
                int n = snprintf(buf, sizeof buf, "signal %d at pc %llx\n", sig, (unsigned long long)uc->uc_mcontext.pc);
                write(2, buf, n);
                _exit(3);
            }

            static void *map(unsigned long at, unsigned long size, int prot)
            {
                void *p = mmap((void *)at, size, prot, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                if (p == MAP_FAILED) { perror("mmap"); _exit(2); }
                return p;
            }

            int main(void)
            {
                unsigned long size = (sizeof code + 4 + 0xFFF) & ~0xFFFUL;
                map(CODE_BASE, size, PROT_READ | PROT_WRITE | PROT_EXEC);
                memcpy((void *)CODE_BASE, code, sizeof code);
                map(DATA_BASE, DATA_SIZE, PROT_READ | PROT_WRITE);
                map(STACK_TOP - 0x10000, 0x10000, PROT_READ | PROT_WRITE);
                /* The trampoline clears the last register and the flags, then branches to the snippet. */
                unsigned int *t = map(TRAMPOLINE, 0x1000, PROT_READ | PROT_WRITE | PROT_EXEC);
                t[0] = 0xd2800010;                                   /* mov x16, #0 */
                t[1] = 0xd51b421f;                                   /* msr nzcv, xzr */
                t[2] = 0x14000000 | (((CODE_BASE - (TRAMPOLINE + 8)) >> 2) & 0x3FFFFFF); /* b CODE_BASE */
                __builtin___clear_cache((char *)TRAMPOLINE, (char *)TRAMPOLINE + 12);
                __builtin___clear_cache((char *)CODE_BASE, (char *)CODE_BASE + sizeof code);

                stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack };
                sigaltstack(&ss, 0);
                struct sigaction sa = { 0 };
                sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
                sa.sa_sigaction = on_trap;
                sigaction(SIGTRAP, &sa, 0);
                sa.sa_sigaction = on_fault;
                sigaction(SIGILL, &sa, 0);
                sigaction(SIGSEGV, &sa, 0);
                sigaction(SIGBUS, &sa, 0);

                register unsigned long stack_top __asm__("x1") = STACK_TOP;
                register unsigned long data_base __asm__("x2") = DATA_BASE;
                register unsigned long trampoline __asm__("x3") = TRAMPOLINE;
                __asm__ volatile(
                    "msr fpcr, xzr\n msr fpsr, xzr\n"
                    "movi v0.2d, #0\n movi v1.2d, #0\n movi v2.2d, #0\n movi v3.2d, #0\n"
                    "movi v4.2d, #0\n movi v5.2d, #0\n movi v6.2d, #0\n movi v7.2d, #0\n"
                    "movi v8.2d, #0\n movi v9.2d, #0\n movi v10.2d, #0\n movi v11.2d, #0\n"
                    "movi v12.2d, #0\n movi v13.2d, #0\n movi v14.2d, #0\n movi v15.2d, #0\n"
                    "movi v16.2d, #0\n movi v17.2d, #0\n movi v18.2d, #0\n movi v19.2d, #0\n"
                    "movi v20.2d, #0\n movi v21.2d, #0\n movi v22.2d, #0\n movi v23.2d, #0\n"
                    "movi v24.2d, #0\n movi v25.2d, #0\n movi v26.2d, #0\n movi v27.2d, #0\n"
                    "movi v28.2d, #0\n movi v29.2d, #0\n movi v30.2d, #0\n movi v31.2d, #0\n"
                    "mov sp, x1\n mov x28, x2\n mov x16, x3\n"
                    "mov x0, #0\n mov x1, #0\n mov x2, #0\n mov x3, #0\n mov x4, #0\n mov x5, #0\n"
                    "mov x6, #0\n mov x7, #0\n mov x8, #0\n mov x9, #0\n mov x10, #0\n mov x11, #0\n"
                    "mov x12, #0\n mov x13, #0\n mov x14, #0\n mov x15, #0\n mov x17, #0\n"
                    "mov x18, #0\n mov x19, #0\n mov x20, #0\n mov x21, #0\n mov x22, #0\n mov x23, #0\n"
                    "mov x24, #0\n mov x25, #0\n mov x26, #0\n mov x27, #0\n mov x29, #0\n mov x30, #0\n"
                    "br x16\n"
                    :: "r"(stack_top), "r"(data_base), "r"(trampoline) : "memory");
                return 1;
            }
            """;
    }
}
