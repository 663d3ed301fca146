using A64Jit.Tests.Support;

namespace A64Jit.Tests.Guests;

/// <summary>
/// tests/guests/arch/code_alias.c writes code through one mapping of a memfd and runs it through another,
/// invalidating with IC IVAU in between. qemu-aarch64 keeps running the first translation (qemu-user
/// ignores IC IVAU and sees no write to the executable page), so it cannot be the oracle here; the
/// expected lines are the architecture's answer, computed below. Every engine must give it.
/// </summary>
[TestFixture]
public class CodeAliasTests
{
    static string Binary => Path.Combine(Path.GetTempPath(), "a64jit-code-alias");

    [OneTimeSetUp]
    public void Build()
    {
        CrossTools.Require(CrossTools.Gcc);
        var (code, _, stderr) = CrossTools.Run(CrossTools.Gcc,
            ["-O2", "-static", "-o", Binary, Repo.Path("tests", "guests", "arch", "code_alias.c")]);
        Assert.That(code, Is.Zero, stderr);
    }

    static string Expected()
    {
        var lines = new List<string>();
        long total = 0;
        for (int round = 0; round < 6; round++)
        {
            int imm = round * 7 + 1;
            for (int i = 0; i < 1000; i++)
                total += i + imm;
            lines.Add($"round {round}: fn(10) = {10 + imm}");
        }
        lines.Add($"total {total}");
        return string.Concat(lines.Select(l => l + "\n"));
    }

    [TestCase("jit")]
    [TestCase("interp")]
    [TestCase("lockstep")]
    public void RewrittenCodeRunsAfterInstructionCacheInvalidation(string engine)
    {
        var (exit, stdout, stderr) = CrossTools.Run("dotnet", [Repo.A64JitDll, "run", "--engine", engine, "--", Binary], stdin: "");
        Assert.That(stdout, Is.EqualTo(Expected()), stderr);
        Assert.That(exit, Is.Zero, stderr);
    }
}
