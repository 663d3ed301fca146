using A64Jit.Perf.GuestRunner;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Perf;

/// <summary>
/// Every perf/guests/*.c builds for AArch64 (static, cross gcc) and x86-64 (native gcc) and prints
/// the same checksum line natively and under qemu-aarch64 at its quick size: a real check that the
/// benchmark sources are portable and deterministic, so a64jit can later be held to that line.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public class GuestBenchmarkSourcesTests
{
    static readonly GuestBuilder Builder = new(Path.Combine(Path.GetTempPath(), "a64jit-perf-guests"));

    public static IEnumerable<TestCaseData> Benchmarks() =>
        GuestBenchmark.Discover(Repo.Path("perf", "guests")).Select(b => new TestCaseData(b).SetName($"{b.Name} (quick)"));

    [Test]
    public void ThereAreBenchmarks() =>
        Assert.That(GuestBenchmark.Discover(Repo.Path("perf", "guests")).Select(b => b.Name),
            Is.SupersetOf(new[] { "coremark", "sha256", "sort", "matmul_int", "matmul_double", "bytecode", "memops", "recursion", "neon" }));

    [TestCaseSource(nameof(Benchmarks))]
    public void SameChecksumNativelyAndUnderQemu(GuestBenchmark b)
    {
        CrossTools.Require(GuestBuilder.CrossGcc, GuestBuilder.NativeGcc, CrossTools.Qemu);
        Assert.That(b.QuickSize, Is.LessThanOrEqualTo(b.Size), "the quick size is the smaller one");
        var native = new NativeRunner().Run(Builder.Build(b, Target.Native), b.QuickSize, timeoutSeconds: 120);
        var qemu = new QemuRunner(CrossTools.Qemu).Run(Builder.Build(b, Target.AArch64), b.QuickSize, timeoutSeconds: 120);
        Assert.Multiple(() =>
        {
            Assert.That(native.ExitCode, Is.Zero, $"native: {native.Stdout}{native.Stderr}");
            Assert.That(qemu.ExitCode, Is.Zero, $"qemu: {qemu.Stdout}{qemu.Stderr}");
            Assert.That(native.Stdout, Does.Match($@"^{b.Name} size={b.QuickSize} checksum=[0-9a-f]{{16}}\n$"));
            Assert.That(GuestOutput.Disagreement(native.Stdout, qemu.Stdout), Is.Null, $"native: {native.Stdout}qemu: {qemu.Stdout}");
        });
    }
}
