using A64Jit.Runtime.Demo;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Cli;

/// <summary>The a64jit tool from the outside: help, bad input, and the built-in demo.</summary>
[TestFixture]
public class CliTests
{
    [Test]
    public void DemoRunsAndPrintsFibonacciAndTheLoopSum()
    {
        var (exit, stdout, stderr) = Repo.A64Jit(["demo"]);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.StartWith("Hello from AArch64, translated by a64jit!\nFibonacci:\n0\n1\n1\n2\n3\n5\n"));
        Assert.That(stdout, Does.Contain("\n514229\n"));
        // sum over i < 3,000,000 of (i*i mod 7), computed here the same way.
        ulong sum = 0;
        for (ulong i = 0; i < 3_000_000; i++)
            sum += i * i % 7;
        Assert.That(stdout, Does.EndWith($"sum of i*i mod 7, i < 3000000:\n{sum}\n"));
        // jit is the default engine.
        Assert.That(stderr, Does.Match(@"21,001,375 guest instructions in [0-9.]+ s: [0-9.]+ MIPS \(jit\)"));
    }

    static string? interpDemoOutput;

    /// <summary>The demo's stdout under the reference interpreter (computed once).</summary>
    static string InterpDemoOutput()
    {
        if (interpDemoOutput is null)
        {
            var (exit, stdout, stderr) = Repo.A64Jit(["demo", "--engine", "interp"]);
            Assert.That(exit, Is.Zero, stderr);
            Assert.That(stderr, Does.Match(@"21,001,375 guest instructions in [0-9.]+ s: [0-9.]+ MIPS \(interp\)"));
            Assert.That(stdout, Does.StartWith("Hello from AArch64, translated by a64jit!\n"));
            interpDemoOutput = stdout;
        }
        return interpDemoOutput;
    }

    [TestCase("jit", "jit")]
    [TestCase("lockstep", "lockstep")]
    public void DemoUnderEachEngineMatchesTheInterpreter(string engine, string name)
    {
        var expected = InterpDemoOutput();
        var (exit, stdout, stderr) = Repo.A64Jit(["demo", "--engine", engine]);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Is.EqualTo(expected));
        // The same number of guest instructions retired, reported under the engine's name.
        Assert.That(stderr, Does.Match($@"21,001,375 guest instructions in [0-9.]+ s: [0-9.]+ MIPS \({name}\)"));
    }

    [Test]
    public void DemoWithoutOptimizationMatchesTheInterpreter()
    {
        var expected = InterpDemoOutput();
        var (exit, stdout, stderr) = Repo.A64Jit(["demo", "--engine", "jit", "--no-opt"]);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Is.EqualTo(expected));
    }

    [Test]
    public void DumpX86PrintsEachCompiledBlock()
    {
        var (exit, stdout, stderr) = Repo.A64Jit(["demo", "--dump-x86"]);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Is.EqualTo(InterpDemoOutput()), "--dump-x86 writes to stderr only");
        // Blocks are compiled when they run a second time (the first run is interpreted): the entry
        // point (e_entry) runs once and is never compiled; the demo's loops are.
        ulong entry = BitConverter.ToUInt64(DemoGuest.Elf(), 24);
        Assert.That(stderr, Does.StartWith("x86-64 for 0x"));
        Assert.That(stderr, Does.Not.Contain($"x86-64 for 0x{entry:x}:\n"));
        // Disassembly lines: host address, bytes, mnemonic; every block ends in a jump.
        Assert.That(stderr, Does.Match(@"(?m)^[0-9a-f]{16} [0-9a-f]+ +jmp +\S"));
        Assert.That(stderr, Does.Match(@"(?m)^[0-9a-f]{16} [0-9a-f]+ +(mov|add|cmp) +\S"));
        var blocks = stderr.Split('\n').Count(l => l.StartsWith("x86-64 for 0x", StringComparison.Ordinal));
        Assert.That(blocks, Is.GreaterThan(3));
    }

    [Test]
    public void DumpX86UnderTheInterpreterPrintsNoCode()
    {
        var (exit, stdout, stderr) = Repo.A64Jit(["demo", "--engine", "interp", "--dump-x86"]);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Is.EqualTo(InterpDemoOutput()));
        Assert.That(stderr, Does.Not.Contain("x86-64 for"));
    }

    [TestCase("interp")]
    [TestCase("jit")]
    public void RunExecutesAnElfUnderTheEngine(string engine)
    {
        var path = TempFile(DemoGuest.Elf());
        try
        {
            var (exit, stdout, stderr) = Repo.A64Jit(["run", "--engine", engine, "--stats", path]);
            Assert.That(exit, Is.Zero, stderr);
            Assert.That(stdout, Is.EqualTo(InterpDemoOutput()));
            Assert.That(stderr, Does.Contain($"MIPS ({engine})"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test(Description = "The demo's machine code is exactly its assembly source put through GNU as")]
    public void DemoCodeMatchesItsSource()
    {
        var bytes = CrossTools.Assemble(DemoGuest.Source);
        var words = Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToUInt32(bytes, i * 4)).ToArray();
        Assert.That(words, Is.EqualTo(DemoGuest.Code));
    }

    [TestCase(new string[0], "usage: a64jit")]
    [TestCase(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    [TestCase(new[] { "run" }, "run needs an executable")]
    [TestCase(new[] { "run", "--bogus", "x" }, "unknown option '--bogus'")]
    [TestCase(new[] { "run", "--engine", "warp", "x" }, "unknown engine 'warp' (available: jit, interp, lockstep)")]
    [TestCase(new[] { "demo", "--engine", "JIT" }, "unknown engine 'JIT' (available: jit, interp, lockstep)")]
    [TestCase(new[] { "run", "--engine" }, "--engine needs a value (jit, interp, lockstep)")]
    [TestCase(new[] { "run", "/nonexistent/program" }, "/nonexistent/program: no such file")]
    [TestCase(new[] { "boot" }, "boot needs --kernel <file>")]
    [TestCase(new[] { "boot", "--kernel", "/nonexistent/Image" }, "/nonexistent/Image: no such file")]
    [TestCase(new[] { "boot", "--kernel", "/dev/null", "--mem", "1K" }, "--mem 1K: RAM must be between 16M and 64G")]
    [TestCase(new[] { "boot", "--kernel", "/dev/null", "--mem", "lots" }, "bad --mem size 'lots'")]
    [TestCase(new[] { "boot", "--kernel", "/dev/null", "--engine", "warp" }, "unknown engine 'warp' for boot")]
    [TestCase(new[] { "boot", "--kernel", "/dev/null", "--frob" }, "unknown option '--frob'")]
    public void BadUsageGivesOneLineErrorAndExitCode2(string[] args, string message)
    {
        var (exit, _, stderr) = Repo.A64Jit(args);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(message));
        Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");
    }

    static string TempFile(byte[] contents)
    {
        var path = Path.Combine(Path.GetTempPath(), $"a64jit-test-{Guid.NewGuid():N}");
        File.WriteAllBytes(path, contents);
        return path;
    }

    static IEnumerable<TestCaseData> MalformedImages()
    {
        var good = DemoGuest.Elf();
        yield return new TestCaseData(Array.Empty<byte>(), "not an ELF file").SetName("empty file");
        yield return new TestCaseData("#!/bin/sh\necho hi\n"u8.ToArray(), "not an ELF file").SetName("script");
        var elf32 = (byte[])good.Clone(); elf32[4] = 1;
        yield return new TestCaseData(elf32, "not a 64-bit ELF").SetName("ELFCLASS32");
        var x86 = (byte[])good.Clone(); x86[18] = 62;
        yield return new TestCaseData(x86, "not an AArch64 ELF").SetName("x86-64 machine");
        var truncated = good[..0x90];
        yield return new TestCaseData(truncated, "segment 0 lies outside the file").SetName("truncated");
        var badPh = (byte[])good.Clone(); badPh[32] = 0xF0; badPh[33] = 0xFF;
        yield return new TestCaseData(badPh, "malformed program header table").SetName("phoff out of range");
        var rel = (byte[])good.Clone(); rel[16] = 1;
        yield return new TestCaseData(rel, "not an executable").SetName("relocatable object");
    }

    /// <summary>A boot image that is a broken ELF, broken gzip, or too big for RAM: one line, exit 2.</summary>
    [TestCase(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2 }, "not an ELF file")]
    [TestCase(new byte[] { 0x1F, 0x8B, 1, 2, 3 }, "bad gzip data")]
    public void MalformedBootImageIsRejectedCleanly(byte[] image, string message)
    {
        var path = TempFile(image);
        try
        {
            var (exit, _, stderr) = Repo.A64Jit(["boot", "--kernel", path]);
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(stderr, Does.Contain(message));
            Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCaseSource(nameof(MalformedImages))]
    public void MalformedElfIsRejectedCleanly(byte[] image, string message)
    {
        var path = TempFile(image);
        try
        {
            var (exit, _, stderr) = Repo.A64Jit(["run", path]);
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(stderr, Does.Contain(message));
            Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
