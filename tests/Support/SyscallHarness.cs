using A64Jit.Runtime.Engines;
using A64Jit.Runtime.Linux;

namespace A64Jit.Tests.Support;

/// <summary>
/// A loaded but not running Linux process (a trivial static program) whose main thread makes
/// system calls on the test's behalf, plus a scratch page for arguments.
/// </summary>
public sealed class SyscallHarness : IDisposable
{
    public LinuxProcess Process { get; }
    public LinuxThread Main { get; }
    public List<string> Log { get; } = [];

    /// <summary>A read-write page for syscall arguments and results.</summary>
    public ulong Scratch { get; }

    public SyscallHarness(bool strict = false)
    {
        var elf = GuestProgram.Link("_start:\n mov x8, #93\n svc #0\n");
        Process = new LinuxProcess(new InterpreterEngine(new EngineOptions()),
            new ProcessOptions { Strict = strict, Log = line => { lock (Log) Log.Add(line); } });
        Main = Process.Load(elf, [elf], []);
        Scratch = (ulong)Call(222, 0, 0x10000, 3, 0x22, ulong.MaxValue, 0); // mmap(NULL, 64K, RW, PRIVATE|ANON)
        Assert.That((long)Scratch, Is.GreaterThan(0));
    }

    public long Call(int number, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0, ulong a3 = 0, ulong a4 = 0, ulong a5 = 0) =>
        Main.InvokeSyscall(number, new SyscallArgs(a0, a1, a2, a3, a4, a5));

    /// <summary>Writes a NUL-terminated string into scratch memory at <paramref name="offset"/>; returns its address.</summary>
    public ulong String(string s, ulong offset = 0)
    {
        Process.Memory.WriteBytes(Scratch + offset, System.Text.Encoding.UTF8.GetBytes(s + "\0"));
        return Scratch + offset;
    }

    public void Dispose() => Process.Dispose();
}
