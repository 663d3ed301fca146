using A64Jit.Tests.Support;

namespace A64Jit.Tests.Guests;

/// <summary>
/// Debian's arm64 kernel (downloaded by tests/guests/system/linux.sh) boots on the virt machine at EL1 with
/// a busybox initramfs whose /init prints a marker, the kernel release and /proc/cpuinfo's Features, then
/// powers off through PSCI. The features line shows what the ID registers advertise: the implemented
/// user-level features, and none of the hidden ones (PAuth, SVE, MTE, BTI).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public class LinuxBootTests
{
    string image = null!, initramfs = null!;

    [OneTimeSetUp]
    public void Fetch()
    {
        var (code, stdout, stderr) = CrossTools.Run("bash", [Repo.Path("tests", "guests", "system", "linux.sh")], timeoutMs: 900_000);
        Assert.That(code, Is.Zero, $"tests/guests/system/linux.sh failed:\n{stderr}");
        var paths = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        (image, initramfs) = (paths[0], paths[1]);
    }

    [TestCase("jit")]
    [TestCase("interp")]
    public void BootsToInitAndPowersOff(string engine)
    {
        var (stdout, stderr, exit) = Boot(engine);
        var lines = stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        int marker = lines.IndexOf("a64jit-linux-boot-ok");
        Assert.Multiple(() =>
        {
            Assert.That(marker, Is.GreaterThanOrEqualTo(0), $"no marker line; the console ended with:\n{string.Join('\n', lines.TakeLast(20))}\nstderr:\n{stderr}");
            Assert.That(exit, Is.Zero, $"exit status; stderr:\n{stderr}");
        });
        Assert.That(lines[marker + 1], Does.Match(@"^6\.\d+\.\d+-\d+-arm64$"), "uname -r");
        var features = lines[marker + 2].Split(':', 2)[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(features, Is.SupersetOf(new[] { "fp", "asimd", "aes", "pmull", "sha1", "sha2", "crc32", "atomics", "asimdrdm", "jscvt", "fcma", "lrcpc", "sha3", "sha512", "asimddp", "asimdfhm", "flagm" }));
        Assert.That(features, Has.None.AnyOf("sve", "paca", "pacg", "mte", "bti", "sm3", "sm4", "i8mm", "bf16", "rng"));
        Assert.That(stdout, Does.Contain("reboot: Power down"));
    }

    /// <summary>At EL2 the kernel switches to VHE (el2.md 2.7: the hyp-stub HVC, E2H redirection) and KVM starts.</summary>
    [Test]
    public void BootsAtEl2WithVheAndKvm()
    {
        var (stdout, stderr, exit) = Boot("jit", "--el2");
        Assert.Multiple(() =>
        {
            Assert.That(stdout, Does.Contain("CPU features: detected: Virtualization Host Extensions"), stderr);
            Assert.That(stdout, Does.Contain("kvm [1]: VHE mode initialized successfully"));
            Assert.That(stdout, Does.Contain("a64jit-linux-boot-ok"));
            Assert.That(exit, Is.Zero, stderr);
        });
    }

    (string Stdout, string Stderr, int Exit) Boot(string engine, params string[] extra)
    {
        var (exit, stdout, stderr) = CrossTools.Run(DotnetHost,
            [Repo.A64JitDll, "boot", "--kernel", image, "--initrd", initramfs, "--mem", "512M", "--engine", engine,
             "--append", "console=ttyAMA0 panic=-1 rdinit=/init", .. extra],
            stdin: "", timeoutMs: 900_000);
        return (stdout, stderr, exit);
    }

    static string DotnetHost => Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "/usr/bin/dotnet";
}
