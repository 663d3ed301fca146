using A64Jit.Tests.Support;

namespace A64Jit.Tests.Guests;

/// <summary>
/// The bare-metal programs in tests/guests/system (and the second set in extended/), assembled at test time, booted with
/// `a64jit boot --el2` under each engine: the UART output must be byte-for-byte what the same ELF
/// printed under qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 -cpu max (tests/guests/system/record.sh).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public class SystemGuestTests
{
    static string OutDir => Path.Combine(Path.GetTempPath(), "a64jit-system-guests");

    static readonly string[] Engines = ["jit", "interp", "lockstep"];

    /// <summary>Every program with a recorded expectation, in both sets (the shared library files have none).</summary>
    public static IEnumerable<TestCaseData> Programs()
    {
        foreach (var set in new[] { "", "extended" })
        {
            var dir = Repo.Path("tests", "guests", "system", set);
            if (!Directory.Exists(dir))
                continue;
            foreach (var src in Directory.GetFiles(dir, "*.S").Order(StringComparer.Ordinal))
            {
                var name = Path.Combine(set, Path.GetFileNameWithoutExtension(src));
                if (!File.Exists(Path.Combine(dir, "expected", Path.GetFileName(name) + ".out")))
                    continue;
                foreach (var engine in Engines)
                {
                    yield return new TestCaseData(name, engine).SetName($"{name} ({engine})");
                }
            }
        }
    }

    [OneTimeSetUp]
    public void Build()
    {
        CrossTools.Require(CrossTools.Gcc);
        foreach (var set in new[] { "", "extended" })
        {
            var (code, stdout, stderr) = CrossTools.Run("bash", [Repo.Path("tests", "guests", "system", set, "build.sh"), Path.Combine(OutDir, set)], timeoutMs: 300_000);
            Assert.That(code, Is.Zero, $"building the system guests ({set}) failed:\n{stdout}\n{stderr}");
        }
    }

    [TestCaseSource(nameof(Programs))]
    public void MatchesQemuSystem(string name, string engine)
    {
        var set = Path.GetDirectoryName(name) ?? "";
        var expected = File.ReadAllText(Repo.Path("tests", "guests", "system", set, "expected", Path.GetFileName(name) + ".out"));
        var (exit, stdout, stderr) = CrossTools.Run(DotnetHost,
            [Repo.A64JitDll, "boot", "--el2", "--mem", "512M", "--engine", engine, "--kernel", Path.Combine(OutDir, name + ".elf")],
            stdin: "", timeoutMs: 120_000);
        Assert.Multiple(() =>
        {
            Assert.That(stdout, Is.EqualTo(expected), $"UART output differs; stderr:\n{stderr}");
            Assert.That(exit, Is.Zero, $"exit status; stderr:\n{stderr}");
        });
    }

    /// <summary>The same program as a raw binary (objcopy -O binary) loads at the start of RAM and prints the same.</summary>
    [Test]
    public void RawImageBootsLikeTheElf()
    {
        var raw = Path.Combine(OutDir, "exceptions.bin");
        var (code, _, stderr) = CrossTools.Run("aarch64-linux-gnu-objcopy", ["-O", "binary", Path.Combine(OutDir, "exceptions.elf"), raw]);
        Assert.That(code, Is.Zero, stderr);
        var (exit, stdout, err) = CrossTools.Run(DotnetHost, [Repo.A64JitDll, "boot", "--el2", "--mem", "512M", "--kernel", raw], stdin: "", timeoutMs: 120_000);
        Assert.That(stdout, Is.EqualTo(File.ReadAllText(Repo.Path("tests", "guests", "system", "expected", "exceptions.out"))), err);
        Assert.That(exit, Is.Zero);
    }

    static string DotnetHost => Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "/usr/bin/dotnet";
}
