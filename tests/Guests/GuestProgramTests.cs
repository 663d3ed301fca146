using System.Text.RegularExpressions;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Guests;

/// <summary>
/// The C programs in tests/guests, built at test time with aarch64-linux-gnu-gcc -O2 -static, run
/// under a64jit exactly as tests/guests/README.md says they were recorded under qemu-aarch64:
/// stdout and exit status must be byte-for-byte the same.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public class GuestProgramTests
{
    internal static string OutDir => Path.Combine(Path.GetTempPath(), "a64jit-guests");

    /// <summary>The engines every guest program must pass under; "jit/checked" is the JIT on checked memory (--memory checked).</summary>
    static readonly string[] Engines = ["jit", "interp", "lockstep", "jit/checked"];

    public static IEnumerable<TestCaseData> Programs()
    {
        foreach (var src in Directory.GetFiles(Repo.Path("tests", "guests"), "*.c").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(src);
            foreach (var engine in Engines)
                yield return new TestCaseData(name, engine).SetName($"{name} ({engine})");
        }
    }

    [OneTimeSetUp]
    public void Build() => BuildPrograms();

    internal static void BuildPrograms()
    {
        CrossTools.Require(CrossTools.Gcc);
        var (code, stdout, stderr) = CrossTools.Run("bash", [Repo.Path("tests", "guests", "build.sh"), OutDir], timeoutMs: 900_000);
        Assert.That(code, Is.Zero, $"building the guest programs failed:\n{stdout}\n{stderr}");
    }

    [TestCaseSource(nameof(Programs))]
    public void MatchesQemu(string name, string engine) => RunAndCompare([DotnetHost, Repo.A64JitDll], name, engine);

    /// <summary>Runs program <paramref name="name"/> under the a64jit that <paramref name="a64jit"/> starts and compares with the recording.</summary>
    internal static void RunAndCompare(string[] a64jit, string name, string engine)
    {
        var source = File.ReadAllLines(Repo.Path("tests", "guests", name + ".c"));
        var args = SplitArgs(Header(source, "args").FirstOrDefault() ?? "");
        var env = new Dictionary<string, string> { ["LC_ALL"] = "C", ["PATH"] = "/usr/bin:/bin" };
        foreach (var line in Header(source, "env"))
            foreach (var pair in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                env[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
        var expectedOut = File.ReadAllText(Repo.Path("tests", "guests", "expected", name + ".out"));
        var expectedExit = int.Parse(File.ReadAllText(Repo.Path("tests", "guests", "expected", name + ".exit")).Trim());

        var work = Directory.CreateTempSubdirectory("a64jit-guest-");
        try
        {
            // The dotnet host needs to find itself; the guest sees only the recorded environment.
            var (exit, stdout, stderr) = CrossTools.Run("/usr/bin/env",
                ["-i", .. env.Select(kv => $"{kv.Key}={kv.Value}"), .. a64jit, "run", .. EngineOptions(engine), "--", Path.Combine(OutDir, name), .. args],
                stdin: "", timeoutMs: 300_000, workingDirectory: work.FullName);
            Assert.Multiple(() =>
            {
                Assert.That(stdout, Is.EqualTo(expectedOut), $"stdout differs; stderr:\n{stderr}");
                Assert.That(exit, Is.EqualTo(expectedExit), $"exit status differs; stderr:\n{stderr}");
            });
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>"engine" or "engine/memory" as a64jit options.</summary>
    static string[] EngineOptions(string engine) => engine.Split('/') switch
    {
        [var e, var memory] => ["--engine", e, "--memory", memory],
        _ => ["--engine", engine],
    };

    static string DotnetHost => Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "/usr/bin/dotnet";

    /// <summary>All `// key: value` header values of a guest source, in order.</summary>
    static IEnumerable<string> Header(string[] lines, string key) =>
        lines.Select(l => l.Trim()).Where(l => l.StartsWith($"// {key}:", StringComparison.Ordinal)).Select(l => l[($"// {key}:".Length)..].Trim());

    /// <summary>Splits like a POSIX shell with only double quotes: spaces separate, "..." groups (and may be empty).</summary>
    static List<string> SplitArgs(string text) =>
        Regex.Matches(text, "\"([^\"]*)\"|(\\S+)").Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToList();
}
