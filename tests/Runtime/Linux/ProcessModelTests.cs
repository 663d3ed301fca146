using A64Jit.Runtime.Cpu;
using A64Jit.Runtime.Engines;
using A64Jit.Runtime.Linux;
using A64Jit.Runtime.Linux.ProcessModel;
using A64Jit.Runtime.Memory;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Runtime.Linux;

/// <summary>
/// fork, vfork, execve and wait4 end to end: tiny static AArch64 programs (only instructions the
/// lifter has: immediate data processing, branches, svc; results leave through write and exit)
/// run by the a64jit tool, whose children are real host processes. And the fork snapshot's round trip.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public class ProcessModelTests
{
    static readonly string workDir = Path.Combine(Path.GetTempPath(), $"a64jit-procmodel-{Environment.ProcessId}");

    [OneTimeSetUp]
    public void MakeWorkDir() => Directory.CreateDirectory(workDir);

    [OneTimeTearDown]
    public void RemoveWorkDir() => Directory.Delete(workDir, recursive: true);

    /// <summary>Assembles and links a static executable (entry _start) from <paramref name="body"/>.</summary>
    static string Build(string name, string body)
    {
        CrossTools.Require(CrossTools.As, "aarch64-linux-gnu-ld");
        string src = Path.Combine(workDir, name + ".s"), obj = Path.Combine(workDir, name + ".o"), exe = Path.Combine(workDir, name);
        File.WriteAllText(src, ".global _start\n_start:\n" + body + "\n");
        var (code, _, err) = CrossTools.Run(CrossTools.As, ["-o", obj, src]);
        Assert.That(code, Is.Zero, $"as failed:\n{err}");
        (code, _, err) = CrossTools.Run("aarch64-linux-gnu-ld", ["-static", "-o", exe, obj]);
        Assert.That(code, Is.Zero, $"ld failed:\n{err}");
        return exe;
    }

    static void MakeExecutable(string path)
    {
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Runs `a64jit run exe args...`; the programs print only bytes below 0x80, so the text is the bytes.</summary>
    static (int Exit, string Stdout, string Stderr) Run(string exe, params string[] args) =>
        Repo.A64Jit(["run", exe, .. args], timeoutMs: 120_000);

    const string Fork = """
          mov x0, #17
          mov x1, #0
          mov x2, #0
          mov x3, #0
          mov x4, #0
          mov x8, #220
          svc #0
        """;

    const string Vfork = """
          mov x0, #0x4111
          mov x1, #0
          mov x2, #0
          mov x3, #0
          mov x4, #0
          mov x8, #220
          svc #0
        """;

    /// <summary>wait4(-1, sp, 0, 0), then write the 4-byte status to stdout and exit 0.</summary>
    const string WaitAndPrintStatus = """
          sub sp, sp, #16
          add x1, sp, #0
          mov x0, #-1
          mov x2, #0
          mov x3, #0
          mov x8, #260
          svc #0
          mov x0, #1
          add x1, sp, #0
          mov x2, #4
          mov x8, #64
          svc #0
          mov x0, #0
          mov x8, #93
          svc #0
        """;

    static int Status(string stdout)
    {
        Assert.That(stdout, Has.Length.EqualTo(4), "the parent prints the 4-byte wait status");
        return stdout[0] | stdout[1] << 8 | stdout[2] << 16 | stdout[3] << 24;
    }

    [Test]
    public void ForkedChildExitStatusReachesWait4()
    {
        var exe = Build("fork_exit", Fork + "\n  cbz x0, child\n" + WaitAndPrintStatus + "\n" + """
            child:
              mov x0, #7
              mov x8, #93
              svc #0
            """);
        var (exit, stdout, stderr) = Run(exe);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(Status(stdout), Is.EqualTo(7 << 8), "WIFEXITED, WEXITSTATUS 7");
    }

    [Test]
    public void VforkParentWaitsAndSeesTheExitStatus()
    {
        var exe = Build("vfork_exit", Vfork + "\n  cbz x0, child\n" + WaitAndPrintStatus + "\n" + """
            child:
              mov x0, #5
              mov x8, #93
              svc #0
            """);
        var (exit, stdout, stderr) = Run(exe);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(Status(stdout), Is.EqualTo(5 << 8));
    }

    [TestCase("kill(getpid(), SIGKILL)", "  mov x8, #172\n  svc #0\n  mov x1, #9\n  mov x8, #129\n  svc #0", 9)]
    [TestCase("kill(getpid(), SIGTERM)", "  mov x8, #172\n  svc #0\n  mov x1, #15\n  mov x8, #129\n  svc #0", 15)]
    [TestCase("jump to address 0", "  mov x0, #0\n  br x0", 11)]
    public void ChildKilledBySignalIsSeenAsSignaled(string how, string childCode, int signal)
    {
        var exe = Build($"fork_sig{signal}", Fork + "\n  cbz x0, child\n" + WaitAndPrintStatus + "\nchild:\n" + childCode + "\n  mov x0, #1\n  mov x8, #93\n  svc #0");
        var (exit, stdout, stderr) = Run(exe);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(Status(stdout), Is.EqualTo(signal), $"{how}: WIFSIGNALED, WTERMSIG {signal}, no core");
    }

    [Test]
    public void ChildInheritsPipeAndParentReadsIt()
    {
        // A named pipe opened read-write before the fork (its descriptor stays in a register, which
        // needs no loads): the child writes to the inherited descriptor, the parent reads after wait4.
        var fifo = Path.Combine(workDir, "pipe");
        var (code, _, err) = CrossTools.Run("mkfifo", [fifo]);
        Assert.That(code, Is.Zero, err);
        var exe = Build("fork_pipe", """
              mov x0, #-100
              adr x1, fifo
              mov x2, #2
              mov x8, #56
              svc #0
              add x19, x0, #0
              sub sp, sp, #128
            """ + "\n" + Fork + """

              cbz x0, child
              mov x0, #-1
              mov x1, #0
              mov x2, #0
              mov x3, #0
              mov x8, #260
              svc #0
              add x0, x19, #0
              add x1, sp, #16
              mov x2, #100
              mov x8, #63
              svc #0
              add x2, x0, #0
              mov x0, #1
              add x1, sp, #16
              mov x8, #64
              svc #0
              mov x0, #0
              mov x8, #93
              svc #0
            child:
              add x0, x19, #0
              adr x1, message
              mov x2, #22
              mov x8, #64
              svc #0
              mov x0, #0
              mov x8, #93
              svc #0
            message: .ascii "hello through the pipe"
            """ + $"\nfifo: .asciz \"{fifo}\"");
        var (exit, stdout, stderr) = Run(exe);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Is.EqualTo("hello through the pipe"));
    }

    /// <summary>A program that calls execve(path, argv, envp) with the given strings and exits with the (negative) result.</summary>
    static string Execer(string name, string path, string[] argv, string[] envp)
    {
        static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
        var lines = new List<string>
        {
            "  adr x0, path", "  adr x1, argv", "  adr x2, envp", "  mov x8, #221", "  svc #0", "  mov x8, #93", "  svc #0",
            ".balign 8",
            "argv: .quad " + string.Join(", ", argv.Select((_, i) => $"a{i}").Append("0")),
            "envp: .quad " + string.Join(", ", envp.Select((_, i) => $"e{i}").Append("0")),
            $"path: .asciz {Quote(path)}",
        };
        lines.AddRange(argv.Select((a, i) => $"a{i}: .asciz {Quote(a)}"));
        lines.AddRange(envp.Select((e, i) => $"e{i}: .asciz {Quote(e)}"));
        return Build(name, string.Join('\n', lines));
    }

    [Test]
    public void ExecveOfAnAArch64ProgramPassesArgvAndExactlyTheGuestEnvironment()
    {
        // The target prints argc (8 bytes) and the top 512 bytes of the stack, where the strings are; exits 3.
        var target = Build("exec_target", """
              mov x0, #1
              add x1, sp, #0
              mov x2, #8
              mov x8, #64
              svc #0
              movz x1, #0xf, lsl #32
              movk x1, #0xfffe, lsl #16
              movk x1, #0xfe00
              mov x0, #1
              mov x2, #512
              mov x8, #64
              svc #0
              mov x0, #3
              mov x8, #93
              svc #0
            """);
        Assert.That(LinuxProcess.StackTop, Is.EqualTo(0xF_FFFF_0000UL), "the target dumps the 512 bytes below this");
        var exe = Execer("exec_elf", target, ["tgt", "x", "two words"], ["K=V", "EMPTY="]);
        var (exit, stdout, stderr) = Run(exe);
        Assert.That(exit, Is.EqualTo(3), stderr);
        Assert.That(BitConverter.ToInt64(stdout.Select(c => (byte)c).Take(8).ToArray()), Is.EqualTo(3), "argc");
        Assert.That(stdout, Does.Contain("\0two words\0x\0tgt\0"));
        Assert.That(stdout, Does.Contain("\0EMPTY=\0K=V\0"));
        Assert.That(stdout, Does.Not.Contain("PATH="), "the guest's envp, not a64jit's environment");
    }

    [Test]
    public void ExecveOfAHostScriptRunsItOnTheHost()
    {
        var script = Path.Combine(workDir, "host_script.sh");
        File.WriteAllText(script, "#!/bin/sh\necho \"host script: $1 $2 [$GREETING]\"\n");
        MakeExecutable(script);
        var exe = Execer("exec_script", script, [script, "one", "two"], ["GREETING=hi"]);
        var (exit, stdout, stderr) = Run(exe);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Is.EqualTo("host script: one two [hi]\n"));
    }

    [TestCase("/nonexistent/program", 2, TestName = "missing file: ENOENT")]
    [TestCase("/etc/passwd", 13, TestName = "not executable: EACCES")]
    [TestCase("/tmp", 13, TestName = "directory: EACCES")]
    public void FailedExecveReturnsErrnoAndTheProcessContinues(string path, int errno)
    {
        var exe = Execer($"exec_fail_{errno}_{Path.GetFileName(path)}", path, ["x"], []);
        var (exit, _, stderr) = Run(exe);
        Assert.That(exit, Is.EqualTo(256 - errno), $"exit(-{errno}) after execve failed\n{stderr}");
    }

    [Test]
    public void ForkedChildExecsAndParentWaits()
    {
        var script = Path.Combine(workDir, "child_script.sh");
        File.WriteAllText(script, "#!/bin/sh\necho child ran\nexit 4\n");
        MakeExecutable(script);
        var exe = Build("vfork_exec", Vfork + "\n  cbz x0, child\n" + WaitAndPrintStatus + "\n" + $$"""
            child:
              adr x0, path
              adr x1, argv
              mov x2, #0
              mov x8, #221
              svc #0
              mov x0, #127
              mov x8, #93
              svc #0
            .balign 8
            argv: .quad path, 0
            path: .asciz "{{script}}"
            """);
        var (exit, stdout, stderr) = Run(exe);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout[..^4], Is.EqualTo("child ran\n"));
        Assert.That(Status(stdout[^4..]), Is.EqualTo(4 << 8));
    }

    [Test]
    public void ReadlinkOfProcSelfExeNamesTheGuestProgram()
    {
        var exe = Build("self_exe", """
              sub sp, sp, #512
              mov x0, #-100
              adr x1, self
              add x2, sp, #0
              mov x3, #500
              mov x8, #78
              svc #0
              add x2, x0, #0
              mov x0, #1
              add x1, sp, #0
              mov x8, #64
              svc #0
              mov x0, #0
              mov x8, #93
              svc #0
            self: .asciz "/proc/self/exe"
            """);
        var (exit, stdout, stderr) = Run(exe);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Is.EqualTo(exe));
    }

    [Test]
    public void TopLevelGuestKilledBySignalReportsAndDiesByIt()
    {
        var exe = Build("brk", "  brk #0");
        var (exit, _, stderr) = Run(exe);
        Assert.That(exit, Is.EqualTo(128 + 5), "a shell and .NET see 128 + SIGTRAP, as for qemu-aarch64");
        Assert.That(stderr, Does.Contain("guest killed by SIGTRAP"));
    }

    [Test]
    public void HostSigtermEndsTheGuestByTheDefaultAction()
    {
        var exe = Build("spin", "loop:\n  b loop");
        var command = $"dotnet '{Repo.A64JitDll}' run '{exe}' & pid=$!; sleep 2; kill -TERM $pid; wait $pid; echo $?";
        var (exit, stdout, stderr) = CrossTools.Run("bash", ["-c", command], timeoutMs: 60_000);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout.Trim(), Is.EqualTo("143"), "killed by SIGTERM (128 + 15)");
    }

    [Test]
    public void SnapshotRoundTripRebuildsMemoryRegistersAndBrk()
    {
        using var parent = new LinuxProcess(new InterpreterEngine(new EngineOptions()), new ProcessOptions());
        var mem = parent.Memory;
        mem.Map(0x40_0000, 0x3000, PageFlags.Read | PageFlags.Execute);
        mem.Poke(0x40_0000, [0x1F, 0x20, 0x03, 0xD5]);
        mem.Map(0x50_0000, 0x4000, PageFlags.Read | PageFlags.Write);
        mem.Write64(0x50_2FFC, 0x1122_3344_5566_7788); // straddles two pages
        mem.Map(0x60_0000, 0x1000, PageFlags.None);
        var state = new CpuState { Pc = 0x40_0004, Sp = 0x50_3FF0, Nzcv = 0x6000_0000, Fpcr = 0x0300_0000, Fpsr = 0x11, TpidrEl0 = 0xABCD };
        for (int i = 0; i < 31; i++)
            state.X[i] = 0x1000UL * (ulong)i + 1;
        for (int i = 0; i < 32; i++)
            state.V[i] = ((UInt128)(ulong)i << 64) | (ulong)(i * 3);
        var thread = new LinuxThread(parent, state, parent.Pid);
        parent.ExecutablePath = "/some/guest";

        var snapshot = parent.CaptureSnapshot(thread);
        snapshot.ChildSetTid = 0x50_0010;
        snapshot.Sections["test"] = [1, 2, 3];
        var stream = new MemoryStream();
        snapshot.Write(stream);
        stream.Position = 0;
        var copy = ProcessSnapshot.Read(stream);

        Assert.That(copy.Pages.Select(p => p.Address), Is.EqualTo(new ulong[] { 0x40_0000, 0x50_2000, 0x50_3000 }), "only pages with data are stored");
        Assert.That(copy.Sections["test"], Is.EqualTo(new byte[] { 1, 2, 3 }));
        using var child = new LinuxProcess(new InterpreterEngine(new EngineOptions()), new ProcessOptions());
        var main = child.RestoreSnapshot(copy);
        Assert.That(main.State.Differences(state), Is.Empty);
        Assert.That(main.Tid, Is.EqualTo(child.Pid));
        Assert.That(child.ExecutablePath, Is.EqualTo("/some/guest"));
        Assert.That(child.Memory.MappedRegions(), Is.EqualTo(parent.Memory.MappedRegions()));
        Assert.That(child.Memory.Fetch(0x40_0000), Is.EqualTo(0xD503201Fu));
        Assert.That(child.Memory.Read64(0x50_2FFC), Is.EqualTo(0x1122_3344_5566_7788UL));
        Assert.That(child.Memory.Read32(0x50_0010), Is.EqualTo((uint)child.Pid), "CLONE_CHILD_SETTID");
        Assert.That(child.Memory.FlagsAt(0x60_0000), Is.EqualTo(PageFlags.Mapped), "PROT_NONE stays mapped");
    }
}
