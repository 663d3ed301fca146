using A64Jit.Runtime.Engines;
using A64Jit.Runtime.Linux;
using Microsoft.Win32.SafeHandles;

namespace A64Jit.Tests.Support;

/// <summary>
/// Small static AArch64 programs written in assembly, linked at test time with the cross binutils
/// and run in-process as a Linux process. Output goes to a host file whose descriptor the program
/// is given as the assembler symbol OUT (guest descriptors are host descriptors).
/// </summary>
public sealed class GuestProgram : IDisposable
{
    public const string Ld = "aarch64-linux-gnu-ld";

    /// <summary>Prepended to every program: `la reg, sym` loads a symbol's address with adrp + add.</summary>
    const string Prelude = """
        .macro la reg, sym
        adrp \reg, \sym
        add \reg, \reg, :lo12:\sym
        .endm
        .global _start
        """;

    static readonly string cacheDir = Path.Combine(Path.GetTempPath(), "a64jit-guest-cache");

    readonly string outPath = Path.Combine(Path.GetTempPath(), $"a64jit-out-{Environment.ProcessId}-{Guid.NewGuid():N}");
    readonly SafeFileHandle output;

    public string Elf { get; }
    public List<string> Log { get; } = [];

    /// <summary>The descriptor the program writes its output to.</summary>
    public int OutFd { get; }

    public GuestProgram(string asm)
    {
        output = File.OpenHandle(outPath, FileMode.Create, FileAccess.ReadWrite);
        OutFd = (int)output.DangerousGetHandle();
        Elf = Link($".set OUT, {OutFd}\n" + asm);
    }

    /// <summary>Assembles and links a program (cached by content); returns the executable's path.</summary>
    public static string Link(string asm)
    {
        CrossTools.Require(CrossTools.As, Ld);
        Directory.CreateDirectory(cacheDir);
        string source = Prelude + "\n" + asm + "\n";
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source)))[..24];
        var elf = Path.Combine(cacheDir, hash + ".elf");
        if (File.Exists(elf))
            return elf;
        var src = Path.Combine(cacheDir, $"{hash}.{Environment.ProcessId}.s");
        var obj = Path.Combine(cacheDir, $"{hash}.{Environment.ProcessId}.o");
        var tmp = Path.Combine(cacheDir, $"{hash}.{Environment.ProcessId}.tmp");
        File.WriteAllText(src, source);
        var (code, _, err) = CrossTools.Run(CrossTools.As, ["-o", obj, src]);
        if (code != 0)
            Assert.Fail($"assembler failed:\n{err}\n{asm}");
        (code, _, err) = CrossTools.Run(Ld, ["-static", "-o", tmp, obj]);
        if (code != 0)
            Assert.Fail($"linker failed:\n{err}");
        File.Move(tmp, elf, overwrite: true);
        File.Delete(obj);
        File.Delete(src);
        return elf;
    }

    /// <summary>Runs the program to its end; returns the exit status.</summary>
    public int Run(bool strict = false, int timeoutMs = 30_000)
    {
        using var process = new LinuxProcess(new InterpreterEngine(new EngineOptions()),
            new ProcessOptions { Strict = strict, Log = line => { lock (Log) Log.Add(line); } });
        var main = process.Load(Elf, [Elf], []);
        var task = Task.Run(() => process.Run(main));
        if (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(timeoutMs))
        {
            process.Exit(255);
            Assert.Fail("guest program timed out");
        }
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Everything the program wrote to OUT.</summary>
    public byte[] Output() => File.ReadAllBytes(outPath);

    public void Dispose()
    {
        output.Dispose();
        File.Delete(outPath);
    }
}
