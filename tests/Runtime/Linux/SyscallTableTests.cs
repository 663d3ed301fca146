using A64Jit.Runtime.Linux;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Runtime.Linux;

[TestFixture]
public class SyscallTableTests
{
    [Test(Description = "an unknown syscall returns -ENOSYS and warns once per number")]
    public void UnknownSyscallWarnsOnce()
    {
        using var g = new GuestProgram("""
            _start:
                mov x8, #500
                svc #0
                mov x8, #500
                svc #0
                mov x8, #94             // exit_group(-ENOSYS & 0xff)
                svc #0
            """);
        Assert.That(g.Run(), Is.EqualTo((-Errno.ENOSYS) & 0xFF));
        Assert.That(g.Log, Has.Exactly(1).Contains("unimplemented syscall 500"));
    }

    [Test(Description = "--strict makes an unknown syscall fatal: an exception in-process, exit status 2 from the CLI")]
    public void StrictIsFatal()
    {
        using var g = new GuestProgram("_start:\n mov x8, #500\n svc #0\n mov x0, #0\n mov x8, #94\n svc #0\n");
        Assert.Throws<GuestTerminatedException>(() => g.Run(strict: true));
        Assert.That(A64Jit.Cli.CommandLine.Execute(["run", "--strict", g.Elf]), Is.EqualTo(A64Jit.Cli.CommandLine.UsageError));
        Assert.That(A64Jit.Cli.CommandLine.Execute(["run", g.Elf]), Is.Zero);
    }

    [Test(Description = "every handler has a unique number and a name; the count is what the report says")]
    public void TableIsConsistent()
    {
        var all = SyscallTable.All;
        Assert.That(all.Select(e => e.Name), Is.Unique);
        Assert.That(all.Count, Is.GreaterThan(100));
        TestContext.Out.WriteLine($"{all.Count} syscalls: {string.Join(", ", all.OrderBy(e => e.Number).Select(e => $"{e.Number} {e.Name}"))}");
    }
}
