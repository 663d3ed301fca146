using A64Jit.Tests.Guests;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Cli;

/// <summary>
/// The natively compiled a64jit (Native AOT, what the README and the perf runners recommend) runs the guest
/// programs as the JIT-hosted one does: the user-mode programs (including fork, exec, threads and signals,
/// which start a64jit again as itself) match their qemu-aarch64 recordings, and the demo runs.
/// </summary>
[TestFixture]
[NonParallelizable]
public class NativeBuildTests
{
    static readonly string PublishDir = Path.Combine(Path.GetTempPath(), $"a64jit-aot-{Environment.ProcessId}");
    static string Executable => Path.Combine(PublishDir, "a64jit");

    public static IEnumerable<TestCaseData> Programs() =>
        GuestProgramTests.Programs().Where(c => (string)c.Arguments[1]! == "jit")
            .Select(c => new TestCaseData(c.Arguments[0]).SetName($"{c.Arguments[0]} (native build)"));

    [OneTimeSetUp]
    public void Publish()
    {
        var (code, stdout, stderr) = CrossTools.Run("dotnet",
            ["publish", Repo.Path("src", "Cli"), "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-p:SelfContained=true",
             "-p:PublishReadyToRun=false", "-o", PublishDir, "-nologo", "-v", "q"], timeoutMs: 900_000);
        Assert.That(code, Is.Zero, $"publishing the native build failed:\n{stdout}\n{stderr}");
        GuestProgramTests.BuildPrograms();
    }

    [OneTimeTearDown]
    public void Remove()
    {
        if (Directory.Exists(PublishDir))
            Directory.Delete(PublishDir, recursive: true);
    }

    [TestCaseSource(nameof(Programs))]
    public void MatchesQemu(string name) => GuestProgramTests.RunAndCompare([Executable], name, "jit");

    [Test]
    public void DemoRuns()
    {
        var (code, stdout, stderr) = CrossTools.Run(Executable, ["demo"]);
        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("sum of i*i mod 7"));
    }
}
