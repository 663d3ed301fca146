using System.Diagnostics;
using System.Globalization;
using System.Text;
using A64Jit.Frontend.Lifting;
using A64Jit.IR;

namespace A64Jit.Tests.Support.Snippets;

/// <summary>Architectural state a snippet test sets up and compares: X0-X27, V0-V31, NZCV, FPCR, FPSR.</summary>
public sealed class MachineState
{
    public const int XCount = 28;
    public readonly ulong[] X = new ulong[XCount];
    public readonly UInt128[] V = new UInt128[32];
    public uint Nzcv, Fpcr, Fpsr;

    /// <summary>Deterministic, varied register contents (splitmix64), so every lane of every register carries data.</summary>
    public static MachineState Default(int seed)
    {
        var s = new MachineState();
        ulong z = (ulong)seed * 0x9E37_79B9_7F4A_7C15;
        ulong Next()
        {
            z += 0x9E37_79B9_7F4A_7C15;
            ulong r = z;
            r = (r ^ (r >> 30)) * 0xBF58_476D_1CE4_E5B9;
            r = (r ^ (r >> 27)) * 0x94D0_49BB_1331_11EB;
            return r ^ (r >> 31);
        }
        for (int i = 0; i < XCount; i++)
            s.X[i] = Next();
        for (int i = 0; i < 32; i++)
            s.V[i] = new UInt128(Next(), Next());
        return s;
    }

    public MachineState Clone()
    {
        var c = new MachineState { Nzcv = Nzcv, Fpcr = Fpcr, Fpsr = Fpsr };
        X.CopyTo(c.X, 0);
        V.CopyTo(c.V, 0);
        return c;
    }

    public IEnumerable<string> Differences(MachineState other)
    {
        for (int i = 0; i < XCount; i++)
            if (X[i] != other.X[i])
                yield return $"x{i}: 0x{X[i]:x16} vs 0x{other.X[i]:x16}";
        for (int i = 0; i < 32; i++)
            if (V[i] != other.V[i])
                yield return $"v{i}: 0x{V[i]:x32} vs 0x{other.V[i]:x32}";
        if (Nzcv != other.Nzcv) yield return $"nzcv: 0x{Nzcv:x8} vs 0x{other.Nzcv:x8}";
        if (Fpcr != other.Fpcr) yield return $"fpcr: 0x{Fpcr:x8} vs 0x{other.Fpcr:x8}";
        if (Fpsr != other.Fpsr) yield return $"fpsr: 0x{Fpsr:x8} vs 0x{other.Fpsr:x8}";
    }
}

/// <summary>A snippet of A64 assembly run from a known state. It may use X0-X27 and V0-V31, not X28-X30 or SP.</summary>
public sealed record SnippetCase(string Name, string Asm, MachineState Initial)
{
    public override string ToString() => Name;
}

/// <summary>
/// Runs snippets on the reference (qemu-aarch64, in a static program built with aarch64-linux-gnu-gcc)
/// and on our lifter + IR interpreter.
/// </summary>
public static class QemuOracle
{
    public static bool Available => Which("aarch64-linux-gnu-gcc") && Which("qemu-aarch64") && Which("aarch64-linux-gnu-as");

    static bool Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(p => File.Exists(Path.Combine(p, tool)));

    const int StateBytes = 800;

    /// <summary>The final state of each case under qemu.</summary>
    public static Dictionary<string, MachineState> RunOnQemu(IReadOnlyList<SnippetCase> cases)
    {
        var dir = Directory.CreateTempSubdirectory("a64jit-qemu-");
        try
        {
            var asm = new StringBuilder(".text\n");
            var c = new StringBuilder("#include <stdio.h>\n#include <stdint.h>\n#include <string.h>\n");
            c.AppendLine("typedef struct { uint64_t w[100]; } state_t;");
            for (int i = 0; i < cases.Count; i++)
            {
                asm.Append(CaseFunction(i, cases[i].Asm));
                c.AppendLine($"extern void case_{i}(state_t *);");
                c.AppendLine($"static const uint64_t init_{i}[100] = {{ {string.Join(", ", Serialize(cases[i].Initial).Select(w => $"0x{w:x}ull"))} }};");
            }
            c.AppendLine("static void dump(int id, state_t *s) { printf(\"%d\", id); for (int i = 0; i < 100; i++) printf(\" %016llx\", (unsigned long long)s->w[i]); printf(\"\\n\"); }");
            c.AppendLine("int main(void) { state_t s;");
            for (int i = 0; i < cases.Count; i++)
                c.AppendLine($"  memcpy(&s, init_{i}, sizeof s); case_{i}(&s); dump({i}, &s);");
            c.AppendLine("  return 0; }");
            File.WriteAllText(Path.Combine(dir.FullName, "cases.S"), asm.ToString());
            File.WriteAllText(Path.Combine(dir.FullName, "main.c"), c.ToString());
            var exe = Path.Combine(dir.FullName, "cases");
            Run("aarch64-linux-gnu-gcc", $"-static -O1 -march=armv8.5-a+crypto+sha3+fp16+fp16fml+dotprod -o {exe} main.c cases.S", dir.FullName);
            var output = Run("qemu-aarch64", $"-cpu max {exe}", dir.FullName);
            var result = new Dictionary<string, MachineState>();
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = line.Split(' ');
                int id = int.Parse(parts[0], CultureInfo.InvariantCulture);
                var words = parts.Skip(1).Select(p => ulong.Parse(p, NumberStyles.HexNumber)).ToArray();
                result[cases[id].Name] = Deserialize(words);
            }
            return result;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Layout: x0-x27 at 0, v0-v31 at 256 (low, high), nzcv at 768, fpcr at 776, fpsr at 784.</summary>
    static ulong[] Serialize(MachineState s)
    {
        var w = new ulong[100];
        for (int i = 0; i < MachineState.XCount; i++) w[i] = s.X[i];
        for (int i = 0; i < 32; i++)
        {
            w[32 + 2 * i] = (ulong)s.V[i];
            w[33 + 2 * i] = (ulong)(s.V[i] >> 64);
        }
        w[96] = s.Nzcv;
        w[97] = s.Fpcr;
        w[98] = s.Fpsr;
        return w;
    }

    static MachineState Deserialize(ulong[] w)
    {
        var s = new MachineState();
        for (int i = 0; i < MachineState.XCount; i++) s.X[i] = w[i];
        for (int i = 0; i < 32; i++) s.V[i] = new UInt128(w[33 + 2 * i], w[32 + 2 * i]);
        s.Nzcv = (uint)w[96];
        s.Fpcr = (uint)w[97];
        s.Fpsr = (uint)w[98];
        return s;
    }

    static string CaseFunction(int id, string snippet)
    {
        var sb = new StringBuilder();
        sb.AppendLine($".global case_{id}\n.type case_{id}, %function\ncase_{id}:");
        sb.AppendLine("  stp x29, x30, [sp, #-176]!\n  stp x19, x20, [sp, #16]\n  stp x21, x22, [sp, #32]\n  stp x23, x24, [sp, #48]");
        sb.AppendLine("  stp x25, x26, [sp, #64]\n  stp x27, x28, [sp, #80]\n  stp d8, d9, [sp, #96]\n  stp d10, d11, [sp, #112]");
        sb.AppendLine("  stp d12, d13, [sp, #128]\n  stp d14, d15, [sp, #144]");
        sb.AppendLine("  mov x28, x0");
        sb.AppendLine("  ldr x1, [x28, #768]\n  msr nzcv, x1\n  ldr x1, [x28, #776]\n  msr fpcr, x1\n  ldr x1, [x28, #784]\n  msr fpsr, x1");
        for (int i = 0; i < 32; i += 2)
            sb.AppendLine($"  ldp q{i}, q{i + 1}, [x28, #{256 + 16 * i}]");
        for (int i = 0; i < MachineState.XCount; i += 2)
            sb.AppendLine($"  ldp x{i}, x{i + 1}, [x28, #{8 * i}]");
        sb.AppendLine(snippet);
        for (int i = 0; i < MachineState.XCount; i += 2)
            sb.AppendLine($"  stp x{i}, x{i + 1}, [x28, #{8 * i}]");
        for (int i = 0; i < 32; i += 2)
            sb.AppendLine($"  stp q{i}, q{i + 1}, [x28, #{256 + 16 * i}]");
        sb.AppendLine("  mrs x1, nzcv\n  str x1, [x28, #768]\n  mrs x1, fpcr\n  str x1, [x28, #776]\n  mrs x1, fpsr\n  str x1, [x28, #784]");
        sb.AppendLine("  ldp d14, d15, [sp, #144]\n  ldp d12, d13, [sp, #128]\n  ldp d10, d11, [sp, #112]\n  ldp d8, d9, [sp, #96]");
        sb.AppendLine("  ldp x27, x28, [sp, #80]\n  ldp x25, x26, [sp, #64]\n  ldp x23, x24, [sp, #48]\n  ldp x21, x22, [sp, #32]");
        sb.AppendLine("  ldp x19, x20, [sp, #16]\n  ldp x29, x30, [sp], #176\n  ret");
        return sb.ToString();
    }

    /// <summary>Assembles a snippet into instruction words.</summary>
    public static uint[] Assemble(string snippet)
    {
        var dir = Directory.CreateTempSubdirectory("a64jit-as-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "s.S"), ".text\n" + snippet + "\n");
            Run("aarch64-linux-gnu-as", "-march=armv8.5-a+crypto+sha3+fp16+fp16fml+dotprod -o s.o s.S", dir.FullName);
            Run("aarch64-linux-gnu-objcopy", "-O binary -j .text s.o s.bin", dir.FullName);
            var bytes = File.ReadAllBytes(Path.Combine(dir.FullName, "s.bin"));
            return Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToUInt32(bytes, 4 * i)).ToArray();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Lifts the snippet as one block at 0x1000 and runs it on the IR interpreter.</summary>
    public static MachineState RunOnInterpreter(SnippetCase c) => RunOnInterpreter(c, Assemble(c.Asm));

    /// <summary>Runs already-assembled words (the snippet text is then only for qemu, e.g. ".inst").</summary>
    public static MachineState RunOnInterpreter(SnippetCase c, uint[] words)
    {
        const ulong start = 0x1000;
        var block = Lifter.Lift(start, pc => pc >= start && pc < start + 4 * (ulong)words.Length ? words[(pc - start) / 4] : null);
        Verifier.Verify(block);
        var ctx = new SimdTestContext { Nzcv = c.Initial.Nzcv, Fpcr = c.Initial.Fpcr, Fpsr = c.Initial.Fpsr };
        for (int i = 0; i < MachineState.XCount; i++) ctx.X[i] = c.Initial.X[i];
        for (int i = 0; i < 32; i++) ctx.Vregs[i] = c.Initial.V[i];
        var exit = new IrInterpreter().Run(block, ctx);
        if (exit.Reason != ExitReason.Continue || exit.NextPc != start + 4 * (ulong)words.Length)
            throw new InvalidOperationException($"{c.Name}: block exited with {exit}\n{Printer.Print(block)}");
        var s = new MachineState { Nzcv = ctx.Nzcv, Fpcr = ctx.Fpcr, Fpsr = ctx.Fpsr };
        for (int i = 0; i < MachineState.XCount; i++) s.X[i] = ctx.X[i];
        for (int i = 0; i < 32; i++) s.V[i] = ctx.Vregs[i];
        return s;
    }

    static string Run(string tool, string args, string cwd)
    {
        var psi = new ProcessStartInfo(tool, args)
        {
            WorkingDirectory = cwd,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {args} failed ({p.ExitCode}):\n{stderr}");
        return stdout.Result;
    }
}
