using A64Jit.Perf.GuestRunner;

namespace A64Jit.Tests.Perf;

/// <summary>The guest runner's pure parts on fixed inputs: statistics, output parsing, headers, the table.</summary>
[TestFixture]
public class GuestRunnerTests
{
    [Test]
    public void MedianOfOddAndEvenCounts()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Statistics.Median([3.0, 1.0, 2.0]), Is.EqualTo(2.0));
            Assert.That(Statistics.Median([4.0, 1.0, 3.0, 2.0]), Is.EqualTo(2.5));
            Assert.That(Statistics.Median([7.0]), Is.EqualTo(7.0));
            Assert.That(() => Statistics.Median([]), Throws.ArgumentException);
        });
    }

    [Test]
    public void GeometricMean()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Statistics.GeometricMean([1.0, 4.0]), Is.EqualTo(2.0).Within(1e-12));
            Assert.That(Statistics.GeometricMean([2.0, 8.0, 4.0]), Is.EqualTo(4.0).Within(1e-12));
            Assert.That(Statistics.GeometricMean([0.5, 2.0]), Is.EqualTo(1.0).Within(1e-12));
            Assert.That(Statistics.GeometricMean([]), Is.Null);
            Assert.That(() => Statistics.GeometricMean([1.0, 0.0]), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void ReadsChecksumsAndStats()
    {
        const string stderr = "a64jit: warning: unimplemented syscall 293 (unknown), returning -ENOSYS\n"
            + "a64jit: 21,001,375 guest instructions in 1.842 s: 11.4 MIPS (interp)\n";
        Assert.Multiple(() =>
        {
            Assert.That(GuestOutput.Checksum("sort size=8 checksum=00ff12ab34cd56ef\n"), Is.EqualTo("00ff12ab34cd56ef"));
            Assert.That(GuestOutput.Checksum("nothing here\n"), Is.Null);
            Assert.That(GuestOutput.Disagreement("a size=1 checksum=01\n", "a size=1 checksum=01\n"), Is.Null);
            Assert.That(GuestOutput.Disagreement("a size=1 checksum=01\n", "a size=1 checksum=02\n"), Is.EqualTo("checksum 02 != 01"));
            Assert.That(GuestOutput.Disagreement("a size=1 checksum=01\n", "b size=1 checksum=01\n"), Is.EqualTo("output differs"));
            Assert.That(GuestOutput.Disagreement("a size=1 checksum=01\n", ""), Is.EqualTo("no checksum"));
            Assert.That(GuestOutput.Mips(stderr), Is.EqualTo(11.4));
            Assert.That(GuestOutput.Mips("a64jit: guest killed by SIGILL"), Is.Null);
            Assert.That(GuestOutput.LastA64JitMessage("a64jit: guest killed by SIGILL at pc 0x41e284\n" + stderr),
                Is.EqualTo("a64jit: guest killed by SIGILL at pc 0x41e284"));
            Assert.That(GuestOutput.Failure(128 + 4, timedOut: false), Is.EqualTo("SIGILL"));
            Assert.That(GuestOutput.Failure(3, timedOut: false), Is.EqualTo("exit 3"));
            Assert.That(GuestOutput.Failure(-1, timedOut: true), Is.EqualTo("timeout"));
        });
    }

    [Test]
    public void ParsesBenchmarkHeaders()
    {
        const string source = """
            // A test benchmark.
            // size: 300
            // quick: 10
            // cflags: -O3 -funroll-loops
            // cflags-aarch64: -march=armv8.2-a+dotprod
            #include "bench.h"
            // size: 5 (not the header any more)
            """;
        var b = GuestBenchmark.Parse("/x/perf/guests/demo.c", source);
        Assert.Multiple(() =>
        {
            Assert.That(b.Name, Is.EqualTo("demo"));
            Assert.That(b.SizeFor(quick: false), Is.EqualTo(300));
            Assert.That(b.SizeFor(quick: true), Is.EqualTo(10));
            Assert.That(b.CFlags, Is.EqualTo(new[] { "-O3", "-funroll-loops" }));
            Assert.That(b.CFlagsAArch64, Is.EqualTo(new[] { "-march=armv8.2-a+dotprod" }));
            Assert.That(b.CFlagsNative, Is.Empty);
            Assert.That(() => GuestBenchmark.Parse("y.c", "// size: 3\nint main;"), Throws.InstanceOf<FormatException>());
        });
    }

    [Test]
    public void ParsesOptions()
    {
        var o = RunnerOptions.Parse(["--quick", "--engine", "jit", "--runs", "3", "--only", "sort, sha256"]);
        Assert.Multiple(() =>
        {
            Assert.That(o.Quick, Is.True);
            Assert.That(o.Engine, Is.EqualTo("jit"));
            Assert.That(o.Runs, Is.EqualTo(3));
            Assert.That(o.Only, Is.EqualTo(new[] { "sort", "sha256" }));
            Assert.That(RunnerOptions.Parse([]).Runs, Is.EqualTo(5));
            Assert.That(RunnerOptions.Parse([]).Engine, Is.EqualTo("jit"));
            Assert.That(() => RunnerOptions.Parse(["--runs", "0"]), Throws.InstanceOf<RunnerException>());
            Assert.That(() => RunnerOptions.Parse(["--bogus"]), Throws.InstanceOf<RunnerException>());
        });
    }

    [Test]
    public void RatiosAndTable()
    {
        BenchmarkResult[] rows =
        [
            new("alpha", 30, A64JitSeconds: 2.0, QemuSeconds: 1.0, NativeSeconds: 0.5, Mips: 12.5),
            new("beta", 8, A64JitSeconds: 8.0, QemuSeconds: 0.5, NativeSeconds: 0.02, Mips: 50),
            new("gamma", 1, A64JitSeconds: null, QemuSeconds: 0.25, NativeSeconds: 0.125, Note: "SIGILL"),
        ];
        Assert.Multiple(() =>
        {
            Assert.That(rows[0].A64JitOverNative, Is.EqualTo(4.0));
            Assert.That(rows[0].QemuOverA64Jit, Is.EqualTo(0.5));
            Assert.That(rows[2].A64JitOverNative, Is.Null);
        });
        // geomeans: a64jit sqrt(2*8)=4; qemu cbrt(1*0.5*0.25)=0.5; native cbrt(0.5*0.02*0.125)=0.108;
        // a64jit/native sqrt(4*400)=40; qemu/a64jit sqrt(0.5*0.0625)=0.177; MIPS sqrt(12.5*50)=25
        const string expected = """
            a64jit engine: interp; seconds are medians of wall time per run
            benchmark  size  a64jit s  qemu s  native s  a64jit/native  qemu/a64jit  MIPS  note
            ---------  ----  --------  ------  --------  -------------  -----------  ----  -----------------
            alpha        30     2.000   1.000     0.500          4.00x        0.50x  12.5
            beta          8     8.000   0.500     0.020           400x        0.06x  50.0
            gamma         1         -   0.250     0.125              -            -     -  SIGILL
            ---------  ----  --------  ------  --------  -------------  -----------  ----  -----------------
            geomean             4.000   0.500     0.108          40.0x        0.18x  25.0  a64jit ran 2 of 3

            """;
        Assert.That(ResultTable.Format(rows, "interp"), Is.EqualTo(expected.Replace("\r\n", "\n")));
    }
}
