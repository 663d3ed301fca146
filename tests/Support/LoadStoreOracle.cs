using System.Globalization;
using A64Jit.Runtime.Cpu;

namespace A64Jit.Tests.Support;

/// <summary>
/// Runs an <see cref="AsmRunner"/> snippet natively under qemu-aarch64 as the reference: a static
/// program maps the data area and the stack at the runner's addresses, starts the snippet from the
/// runner's initial state (all registers zero, x28 = data, sp = stack top), turns `brk #0` into a jump
/// to a dump of X0-X30, SP, NZCV, V0-V31 and the data area, and prints them.
/// PC-relative values differ (the code is elsewhere), so snippets compared this way avoid them.
/// </summary>
public static class LoadStoreOracle
{
    public sealed record Result(ulong[] X, ulong Sp, uint Nzcv, UInt128[] V, byte[] Data);

    static readonly string cacheDir = Path.Combine(Path.GetTempPath(), "a64jit-oracle-cache");

    const string MainC = """
        #include <stdio.h>
        #include <sys/mman.h>
        extern unsigned long dump[];
        void run_snippet(void);
        int main(void) {
            if (mmap((void *)0x100000, 0x10000, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED) return 1;
            if (mmap((void *)0x3f0000, 0x10000, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED) return 1;
            unsigned char *data = (unsigned char *)0x100000;
            int c, i = 0, hi = -1;
            while ((c = getchar()) != EOF) {
                int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
                if (v < 0) continue;
                if (hi < 0) hi = v; else { data[i++] = (unsigned char)(hi << 4 | v); hi = -1; }
            }
            run_snippet();
            for (int r = 0; r < 34 + 64; r++) printf("%016lx\n", dump[r]);
            for (int k = 0; k < 0x10000; k++) printf("%02x", data[k]);
            printf("\n");
            return 0;
        }
        """;

    const string Prologue = """
        .bss
        .balign 16
        .global dump
        dump: .skip 8 * 98
        save_area: .skip 8 * 24
        .text
        .global run_snippet
        run_snippet:
            adrp x9, save_area
            add x9, x9, :lo12:save_area
            stp x19, x20, [x9]
            stp x21, x22, [x9, #16]
            stp x23, x24, [x9, #32]
            stp x25, x26, [x9, #48]
            stp x27, x28, [x9, #64]
            stp x29, x30, [x9, #80]
            mov x10, sp
            mrs x11, tpidr_el0
            stp x10, x11, [x9, #96]
            stp d8, d9, [x9, #112]
            stp d10, d11, [x9, #128]
            stp d12, d13, [x9, #144]
            stp d14, d15, [x9, #160]
            movz x0, #0x40, lsl #16
            mov sp, x0
            msr nzcv, xzr
        """;

    const string Epilogue = """
        __oracle_done:
            msr tpidr_el0, x0
            adrp x0, dump
            add x0, x0, :lo12:dump
            stp x1, x2, [x0, #8]
            stp x3, x4, [x0, #24]
            stp x5, x6, [x0, #40]
            stp x7, x8, [x0, #56]
            stp x9, x10, [x0, #72]
            stp x11, x12, [x0, #88]
            stp x13, x14, [x0, #104]
            stp x15, x16, [x0, #120]
            stp x17, x18, [x0, #136]
            stp x19, x20, [x0, #152]
            stp x21, x22, [x0, #168]
            stp x23, x24, [x0, #184]
            stp x25, x26, [x0, #200]
            stp x27, x28, [x0, #216]
            stp x29, x30, [x0, #232]
            mrs x1, tpidr_el0
            str x1, [x0]
            mov x1, sp
            str x1, [x0, #248]
            mrs x1, nzcv
            str x1, [x0, #256]
            add x1, x0, #272
            st1 {v0.2d, v1.2d, v2.2d, v3.2d}, [x1], #64
            st1 {v4.2d, v5.2d, v6.2d, v7.2d}, [x1], #64
            st1 {v8.2d, v9.2d, v10.2d, v11.2d}, [x1], #64
            st1 {v12.2d, v13.2d, v14.2d, v15.2d}, [x1], #64
            st1 {v16.2d, v17.2d, v18.2d, v19.2d}, [x1], #64
            st1 {v20.2d, v21.2d, v22.2d, v23.2d}, [x1], #64
            st1 {v24.2d, v25.2d, v26.2d, v27.2d}, [x1], #64
            st1 {v28.2d, v29.2d, v30.2d, v31.2d}, [x1], #64
            adrp x9, save_area
            add x9, x9, :lo12:save_area
            ldp x10, x11, [x9, #96]
            mov sp, x10
            msr tpidr_el0, x11
            ldp x19, x20, [x9]
            ldp x21, x22, [x9, #16]
            ldp x23, x24, [x9, #32]
            ldp x25, x26, [x9, #48]
            ldp x27, x28, [x9, #64]
            ldp x29, x30, [x9, #80]
            ldp d8, d9, [x9, #112]
            ldp d10, d11, [x9, #128]
            ldp d12, d13, [x9, #144]
            ldp d14, d15, [x9, #160]
            ret
        """;

    static string ZeroState()
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < 31; i++)
            if (i != 28)
                sb.AppendLine($"    mov x{i}, #0");
        sb.AppendLine("    movz x28, #0x10, lsl #16");
        for (int i = 0; i < 32; i++)
            sb.AppendLine($"    movi v{i}.2d, #0");
        return sb.ToString();
    }

    /// <summary>Runs the snippet under qemu-aarch64 with the data area initialised to <paramref name="data"/>.</summary>
    public static Result Run(string asm, byte[]? data = null)
    {
        CrossTools.Require(CrossTools.Gcc, CrossTools.Qemu);
        Directory.CreateDirectory(cacheDir);
        var source = ".arch armv8.5-a+crypto+sha3+fp16+dotprod+rcpc+fp16fml\n" + Prologue + "\n" + ZeroState()
            + asm.Replace("brk #0", "b __oracle_done") + "\n" + Epilogue + "\n";
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source)))[..24];
        var exe = Path.Combine(cacheDir, hash + ".elf");
        if (!File.Exists(exe))
        {
            var s = Path.Combine(cacheDir, hash + ".s");
            var c = Path.Combine(cacheDir, "main.c");
            File.WriteAllText(s, source);
            if (!File.Exists(c))
                File.WriteAllText(c, MainC);
            var tmp = exe + $".{Environment.ProcessId}.tmp";
            var (code, _, err) = CrossTools.Run(CrossTools.Gcc, ["-static", "-O1", "-Wl,-Ttext-segment=0x10000000", "-o", tmp, c, s]);
            if (code != 0)
                Assert.Fail($"building the oracle failed:\n{err}");
            File.Move(tmp, exe, overwrite: true);
        }
        var input = data is null ? "" : Convert.ToHexString(data).ToLowerInvariant();
        var (exit, stdout, stderr) = CrossTools.Run(CrossTools.Qemu, [exe], input);
        if (exit != 0)
            Assert.Fail($"qemu-aarch64 exited with {exit}: {stderr}");
        var lines = stdout.Split('\n');
        ulong Word(int i) => ulong.Parse(lines[i], NumberStyles.HexNumber);
        var x = Enumerable.Range(0, 31).Select(Word).ToArray();
        var v = Enumerable.Range(0, 32).Select(i => new UInt128(Word(34 + 2 * i + 1), Word(34 + 2 * i))).ToArray();
        return new Result(x, Word(31), (uint)Word(32), v, Convert.FromHexString(lines[98]));
    }

    /// <summary>
    /// Runs the snippet on our interpreter and under qemu-aarch64 from the same state and data, asserts that
    /// registers, flags and the data area agree, and returns our final state for further checks.
    /// </summary>
    public static CpuState Check(string asm, byte[]? data = null)
    {
        byte[] ours = new byte[AsmRunner.DataSize];
        using var r = new AsmRunner();
        if (data is not null)
            r.Memory.Poke(AsmRunner.DataBase, data);
        var exit = r.Run(asm);
        Assert.That(exit.Reason == A64Jit.IR.ExitReason.Exception && exit.Exception == A64Jit.IR.ExceptionKind.Breakpoint, $"stopped by {exit}, not brk");
        r.Memory.ReadBytes(AsmRunner.DataBase, ours);
        var state = r.State;
        var q = Run(asm, data);
        Assert.Multiple(() =>
        {
            for (int i = 0; i < 31; i++)
                Assert.That(state.X[i], Is.EqualTo(q.X[i]), $"x{i} (qemu 0x{q.X[i]:x})");
            Assert.That(state.Sp, Is.EqualTo(q.Sp), "sp");
            Assert.That(state.Nzcv, Is.EqualTo(q.Nzcv), "nzcv");
            for (int i = 0; i < 32; i++)
                Assert.That(state.V[i], Is.EqualTo(q.V[i]), $"v{i} (qemu 0x{q.V[i]:x32})");
            int diff = Enumerable.Range(0, ours.Length).FirstOrDefault(k => ours[k] != q.Data[k], -1);
            Assert.That(diff, Is.EqualTo(-1), diff < 0 ? "" : $"data+0x{diff:x}: ours {ours[diff]:x2}, qemu {q.Data[diff]:x2}");
        });
        return state;
    }
}
