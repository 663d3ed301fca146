using A64Jit.Tests.Support;

namespace A64Jit.Tests.Guests;

/// <summary>
/// The C programs in tests/guests, built at test time with aarch64-linux-gnu-gcc -O2 -static, run
/// under a64jit; stdout and exit status must equal what qemu-aarch64 printed (tests/guests/expected).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public class GuestProgramTests
{
    static string OutDir => Path.Combine(Path.GetTempPath(), "a64jit-guests");

    public static IEnumerable<TestCaseData> Programs()
    {
        var dir = Repo.Path("tests", "guests");
        foreach (var src in Directory.GetFiles(dir, "*.c").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(src);
            foreach (var engine in Engines)
                yield return new TestCaseData(name, engine).SetName($"{name} ({engine})");
        }
    }

    /// <summary>The engines every guest program must pass under.</summary>
    static readonly string[] Engines = ["interp"];

    [OneTimeSetUp]
    public void Build()
    {
        CrossTools.Require(CrossTools.Gcc);
        var (code, stdout, stderr) = CrossTools.Run("bash", [Repo.Path("tests", "guests", "build.sh"), OutDir], timeoutMs: 900_000);
        Assert.That(code, Is.Zero, $"building the guest programs failed:\n{stdout}\n{stderr}");
    }

    [TestCaseSource(nameof(Programs))]
    public void MatchesQemu(string name, string engine)
    {
        var source = File.ReadAllLines(Repo.Path("tests", "guests", name + ".c"));
        var args = Header(source, "args")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var env = new Dictionary<string, string>();
        foreach (var pair in (Header(source, "env") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            env[pair[..eq]] = pair[(eq + 1)..];
        }
        var expectedOut = File.ReadAllText(Repo.Path("tests", "guests", "expected", name + ".out"));
        var expectedExit = int.Parse(File.ReadAllText(Repo.Path("tests", "guests", "expected", name + ".exit")).Trim());

        var (exit, stdout, stderr) = Repo.A64Jit(["run", "--engine", engine, "--", Path.Combine(OutDir, name), .. args], env);

        Assert.Multiple(() =>
        {
            Assert.That(stdout, Is.EqualTo(expectedOut), $"stdout differs; stderr:\n{stderr}");
            Assert.That(exit, Is.EqualTo(expectedExit), $"exit status differs; stderr:\n{stderr}");
        });
    }

    /// <summary>The value of a `// key: value` header line in a guest source.</summary>
    static string? Header(string[] lines, string key) =>
        lines.Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith($"// {key}:", StringComparison.Ordinal))?[($"// {key}:".Length)..].Trim();
}
