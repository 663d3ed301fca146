using A64Jit.Tests.Support;

namespace A64Jit.Tests.Guests;

/// <summary>
/// Debian's busybox-static for arm64 (fetched by tests/guests/busybox.sh) running the shell cases of
/// tests/guests/busybox-cases.txt under a64jit, checked against the output recorded under
/// qemu-aarch64 by the same script that recorded it (busybox-record.sh --check, RUNNER = a64jit run
/// --engine jit, and --engine lockstep for some cases).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public class BusyboxTests
{
    /// <summary>
    /// Every case runs under a64jit's default engine (jit); the compute-heavy ones (shell, sorting,
    /// hashing, awk and expr arithmetic, gzip, sed) also under lockstep, which compares the JIT with
    /// the interpreter block by block and fails (exit status 3) at the first difference.
    /// </summary>
    static readonly string[] LockstepCases = ["sh_script", "sort", "md5sum", "sha256sum", "awk", "expr", "gzip", "sed"];

    static List<string> CaseNames() =>
        File.ReadAllLines(Repo.Path("tests", "guests", "busybox-cases.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l[..l.IndexOf('\t')])
            .ToList();

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var name in CaseNames())
        {
            yield return new TestCaseData(name, "jit").SetName($"busybox {name} (jit)");
            if (LockstepCases.Contains(name))
                yield return new TestCaseData(name, "lockstep").SetName($"busybox {name} (lockstep)");
        }
    }

    static string? busybox;

    [OneTimeSetUp]
    public void Fetch()
    {
        var (code, stdout, stderr) = CrossTools.Run("bash", [Repo.Path("tests", "guests", "busybox.sh")], timeoutMs: 600_000);
        Assert.That(code, Is.Zero, $"fetching busybox failed (run tests/setup.sh):\n{stderr}");
        busybox = stdout.Trim().Split('\n').Last();
    }

    [Test]
    public void LockstepCasesExist() => Assert.That(LockstepCases.Except(CaseNames()), Is.Empty, "not in busybox-cases.txt");

    [TestCaseSource(nameof(Cases))]
    public void MatchesQemu(string name, string engine)
    {
        var runner = $"{(Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet")} {Repo.A64JitDll} run --engine {engine} --";
        var (code, stdout, stderr) = CrossTools.Run("bash", [Repo.Path("tests", "guests", "busybox-record.sh"), "--check", name],
            timeoutMs: 600_000, env: new Dictionary<string, string> { ["RUNNER"] = runner, ["BUSYBOX"] = busybox! });
        Assert.That(code, Is.Zero, $"{stdout}\n{stderr}");
        Assert.That(stdout, Does.Contain($"ok   {name}"));
    }
}
