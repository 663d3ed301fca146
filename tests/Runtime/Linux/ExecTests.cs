using A64Jit.Runtime.Linux;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Runtime.Linux;

/// <summary>
/// execve through the a64jit tool (out of process: an execve replaces the host process, as it must).
/// </summary>
[TestFixture]
public class ExecTests
{
    /// <summary>A second program: writes "B" to stdout, raises SIGUSR1, then exits with 77.</summary>
    static string Target() => GuestProgram.Link($"""
        _start:
            mov x0, #1
            la x1, b
            mov x2, #1
            mov x8, #64
            svc #0
            mov x8, #172
            svc #0
            mov x1, #10
            mov x8, #129
            svc #0
            mov x0, #77
            mov x8, #94
            svc #0
        b: .ascii "B"
        """);

    static string Caller(string target, ulong handler) => $$"""
        _start:
            mov x0, #10              // rt_sigaction(SIGUSR1, &act, NULL, 8)
            la x1, act
            mov x2, #0
            mov x3, #8
            mov x8, #134
            svc #0
            la x0, missing           // execve of a missing file fails with -ENOENT
            mov x1, #0
            mov x2, #0
            mov x8, #221
            svc #0
            cmn x0, #2
            b.ne fail
            la x0, path              // execve(path, argv, NULL)
            la x1, argv
            mov x2, #0
            mov x8, #221
            svc #0
        fail:
            mov x0, #1
            mov x8, #94
            svc #0
        handler:
            mov x0, #2
            mov x8, #94
            svc #0
        .data
        .balign 8
        act: .quad {{(handler == 0 ? "handler" : handler.ToString())}}, 0, 0, 0
        argv: .quad path, 0
        path: .asciz "{{target}}"
        missing: .asciz "{{target}}.missing"
        """;

    static (int Exit, string Stdout, string Stderr) RunCaller(string target, ulong handler) =>
        Repo.A64Jit(["run", "--", GuestProgram.Link(Caller(target, handler))]);

    [Test(Description = "execve of an AArch64 program: same descriptors, caught signals back to default (SIGUSR1 kills: 138)")]
    public void ExecResetsHandlers()
    {
        var (exit, stdout, stderr) = RunCaller(Target(), 0);
        Assert.That(exit, Is.EqualTo(128 + Signals.SIGUSR1), stderr);
        Assert.That(stdout, Is.EqualTo("B"));
    }

    [Test(Description = "execve keeps ignored signals ignored")]
    public void ExecKeepsIgnored()
    {
        var (exit, stdout, stderr) = RunCaller(Target(), 1); // SIG_IGN
        Assert.That(exit, Is.EqualTo(77), stderr);
        Assert.That(stdout, Is.EqualTo("B"));
    }

    [Test(Description = "a #! script runs its interpreter with the script's path as an argument")]
    public void ExecScript()
    {
        var script = Path.Combine(Path.GetTempPath(), $"a64jit-script-{Guid.NewGuid():N}");
        File.WriteAllText(script, $"#!{Target()} -x\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        try
        {
            var (exit, stdout, stderr) = RunCaller(script, 1);
            Assert.That(exit, Is.EqualTo(77), stderr);
            Assert.That(stdout, Is.EqualTo("B"));
        }
        finally
        {
            File.Delete(script);
        }
    }
}
