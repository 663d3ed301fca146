using System.Diagnostics;

namespace A64Jit.Tests.Support;

/// <summary>The AArch64 cross toolchain (Debian gcc-aarch64-linux-gnu, binutils) and qemu-aarch64, run at test time.</summary>
public static class CrossTools
{
    public const string Gcc = "aarch64-linux-gnu-gcc";
    public const string As = "aarch64-linux-gnu-as";
    public const string Objcopy = "aarch64-linux-gnu-objcopy";
    public const string Qemu = "qemu-aarch64";

    public static bool Has(string tool) =>
        Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));

    /// <summary>Fails the test (never skips silently in CI) when a tool is missing.</summary>
    public static void Require(params string[] tools)
    {
        foreach (var t in tools)
            if (!Has(t))
                Assert.Fail($"{t} is not installed: run the README's test setup (tests/setup.sh)");
    }

    public static (int Exit, string Stdout, string Stderr) Run(string file, IEnumerable<string> args, string? stdin = null, int timeoutMs = 120_000,
        IDictionary<string, string>? env = null, bool clearEnvironment = false, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        if (clearEnvironment)
            psi.Environment.Clear();
        if (env is not null)
            foreach (var (k, v) in env)
                psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
            p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} timed out");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    static readonly string cacheDir = Path.Combine(Path.GetTempPath(), "a64jit-asm-cache");

    /// <summary>Assembles A64 source text into the raw bytes of its .text section (cached by content).</summary>
    public static byte[] Assemble(string source)
    {
        Require(As, Objcopy);
        Directory.CreateDirectory(cacheDir);
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source)))[..24];
        var bin = Path.Combine(cacheDir, hash + ".bin");
        if (File.Exists(bin))
            return File.ReadAllBytes(bin);
        var src = Path.Combine(cacheDir, hash + ".s");
        var obj = Path.Combine(cacheDir, hash + $".{Environment.ProcessId}.o");
        File.WriteAllText(src, ".text\n.arch armv8.5-a+crypto+sha3+fp16+dotprod+rcpc+fp16fml\n" + source + "\n");
        var (code, _, err) = Run(As, ["-o", obj, src]);
        if (code != 0)
            Assert.Fail($"assembler failed:\n{err}\n{source}");
        var tmp = bin + $".{Environment.ProcessId}.tmp";
        (code, _, err) = Run(Objcopy, ["-O", "binary", "-j", ".text", obj, tmp]);
        if (code != 0)
            Assert.Fail($"objcopy failed: {err}");
        File.Move(tmp, bin, overwrite: true);
        File.Delete(obj);
        return File.ReadAllBytes(bin);
    }
}
