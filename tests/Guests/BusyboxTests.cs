using A64Jit.Tests.Support;

namespace A64Jit.Tests.Guests;

/// <summary>
/// Debian's busybox-static for arm64 (fetched by tests/guests/busybox.sh) running the shell cases of
/// tests/guests/busybox-cases.txt under a64jit, checked against the output recorded under
/// qemu-aarch64 by the same script that recorded it (busybox-record.sh --check, RUNNER = a64jit).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public class BusyboxTests
{
    public static IEnumerable<TestCaseData> Cases() =>
        File.ReadAllLines(Repo.Path("tests", "guests", "busybox-cases.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l[..l.IndexOf('\t')])
            .Select(name => new TestCaseData(name).SetName($"busybox {name}"));

    static string? busybox;

    [OneTimeSetUp]
    public void Fetch()
    {
        var (code, stdout, stderr) = CrossTools.Run("bash", [Repo.Path("tests", "guests", "busybox.sh")], timeoutMs: 600_000);
        Assert.That(code, Is.Zero, $"fetching busybox failed (run tests/setup.sh):\n{stderr}");
        busybox = stdout.Trim().Split('\n').Last();
    }

    [TestCaseSource(nameof(Cases))]
    public void MatchesQemu(string name)
    {
        var runner = $"{(Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet")} {Repo.A64JitDll} run --engine interp --";
        var (code, stdout, stderr) = CrossTools.Run("bash", [Repo.Path("tests", "guests", "busybox-record.sh"), "--check", name],
            timeoutMs: 600_000, env: new Dictionary<string, string> { ["RUNNER"] = runner, ["BUSYBOX"] = busybox! });
        Assert.That(code, Is.Zero, $"{stdout}\n{stderr}");
        Assert.That(stdout, Does.Contain($"ok   {name}"));
    }
}
