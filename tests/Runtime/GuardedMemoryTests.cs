using System.Runtime.CompilerServices;
using A64Jit.Backend.X64;
using A64Jit.IR;
using A64Jit.Runtime.Engines;
using A64Jit.Runtime.Memory;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Runtime;

/// <summary>
/// Guarded memory (`--memory guarded`): compiled loads and stores check only the end of the guest
/// space and let the host protections, which follow the guest's, fault. Each case runs under the JIT
/// with guarded memory (blocks compiled at first sight) and under the interpreter with checked memory,
/// and the two must stop the same way; the cases that depend on a host fault also check that one was
/// turned into a slow-path run.
/// </summary>
[TestFixture]
[NonParallelizable]
public class GuardedMemoryTests
{
    const ulong ReadOnlyPage = 0x200000, Unmapped = 0x300000;

    static (BlockExit Exit, ulong[] X) Run(string asm, bool guardedJit, PageFlags codeFlags = PageFlags.Read | PageFlags.Execute)
    {
        IEngine engine = guardedJit
            ? new JitEngine(new EngineOptions { CompileThreshold = 1, VerifyIr = true })
            : new InterpreterEngine(new EngineOptions { VerifyIr = true });
        using var runner = new AsmRunner(engine, guarded: guardedJit);
        runner.Memory.CodePageWritten += engine.InvalidatePage;
        runner.Memory.Map(ReadOnlyPage, GuestMemory.PageSize, PageFlags.Read);
        runner.Memory.Poke(ReadOnlyPage, BitConverter.GetBytes(0x1122334455667788UL));
        var exit = runner.Run(asm, codeFlags: codeFlags);
        var x = Enumerable.Range(0, 31).Select(i => runner.State.X[i]).ToArray();
        (engine as IDisposable)?.Dispose();
        return (exit, x);
    }

    /// <summary>Runs under both and asserts the same exit; returns the JIT's, and how many host faults it recovered from.</summary>
    static (BlockExit Exit, ulong[] X, long HostFaults) Compare(string asm, PageFlags codeFlags = PageFlags.Read | PageFlags.Execute)
    {
        var reference = Run(asm, guardedJit: false, codeFlags);
        long before = GuardedAccessFaults.Recovered;
        var jit = Run(asm, guardedJit: true, codeFlags);
        long faults = GuardedAccessFaults.Recovered - before;
        Assert.Multiple(() =>
        {
            Assert.That(jit.Exit.Reason, Is.EqualTo(reference.Exit.Reason), $"jit: {jit.Exit}; interpreter: {reference.Exit}");
            Assert.That(jit.Exit.Pc, Is.EqualTo(reference.Exit.Pc), "faulting pc");
            Assert.That(jit.Exit.Fault?.Kind, Is.EqualTo(reference.Exit.Fault?.Kind), "fault kind");
            Assert.That(jit.Exit.Fault?.Address, Is.EqualTo(reference.Exit.Fault?.Address), "fault address");
            Assert.That(jit.Exit.Fault?.IsWrite, Is.EqualTo(reference.Exit.Fault?.IsWrite), "fault direction");
            Assert.That(jit.X, Is.EqualTo(reference.X), "registers");
        });
        return (jit.Exit, jit.X, faults);
    }

    [Test]
    public void LoadFromUnmappedPageIsAGuestFault()
    {
        var (exit, _, faults) = Compare($"mov x1, #{Unmapped}\n mov x0, #7\n ldr x0, [x1, #8]\n brk #0");
        Assert.That(exit.Reason, Is.EqualTo(ExitReason.Fault));
        Assert.That(exit.Fault!.Kind, Is.EqualTo(GuestFaultKind.Unmapped));
        Assert.That(exit.Fault.Address, Is.EqualTo(Unmapped + 8));
        Assert.That(exit.Pc, Is.EqualTo(AsmRunner.CodeBase + 8));
        Assert.That(faults, Is.EqualTo(1), "the host fault took the slow path");
    }

    [Test]
    public void StoreToReadOnlyPageIsAPermissionFaultAndLeavesItUnchanged()
    {
        var (exit, x, faults) = Compare($"mov x1, #{ReadOnlyPage}\n ldr x2, [x1]\n str x1, [x1]\n brk #0");
        Assert.That(exit.Fault!.Kind, Is.EqualTo(GuestFaultKind.Permission));
        Assert.That(exit.Fault.IsWrite, Is.True);
        Assert.That(x[2], Is.EqualTo(0x1122334455667788UL), "the read-only page is readable");
        Assert.That(faults, Is.EqualTo(1));
    }

    [Test]
    public void AccessRunningIntoAnUnmappedPageFaultsExactly()
    {
        // An 8-byte load 4 bytes before the end of the data area: the second half is unmapped.
        var (exit, _, faults) = Compare($"ldr x1, ={AsmRunner.DataBase + AsmRunner.DataSize - 4}\n ldr x0, [x1]\n brk #0");
        Assert.That(exit.Fault!.Kind, Is.EqualTo(GuestFaultKind.Unmapped));
        Assert.That(faults, Is.EqualTo(1));
    }

    [Test]
    public void AddressesPastTheGuestSpaceTakeTheSlowPathWithoutAHostFault()
    {
        // The runner's space is 4 GiB: 0x1_0000_0000 fails the bounds check, so the host never sees it.
        var (exit, _, faults) = Compare("mov x1, #0x100000000\n ldr x0, [x1]\n brk #0");
        Assert.That(exit.Fault!.Kind, Is.EqualTo(GuestFaultKind.Unmapped));
        Assert.That(faults, Is.Zero);
    }

    [Test]
    public void AccessStraddlingTheEndOfTheSpaceFaultsInTheGuardRegion()
    {
        var (exit, _, faults) = Compare("mov x1, #0xfffffffc\n ldr x0, [x1]\n brk #0");
        Assert.That(exit.Fault!.Kind, Is.EqualTo(GuestFaultKind.Unmapped));
        Assert.That(faults, Is.EqualTo(1));
    }

    [Test]
    public void StoresIntoWritableCodeInvalidateIt()
    {
        // The loop calls `target`, then patches its first instruction (mov x0, #1 -> mov x0, #5) with a
        // store into the writable code page. The host keeps that page read-only while it holds translated
        // code, so the store faults into the slow path, which drops the old translation.
        const string asm = """
                adr x1, target
                ldr w2, patch
                mov x3, #2
                mov x4, #0
            loop:
                bl target
                add x4, x4, x0
                str w2, [x1]
                subs x3, x3, #1
                b.ne loop
                brk #0
            target:
                mov x0, #1
                ret
            patch:
                mov x0, #5
            """;
        var (exit, x, faults) = Compare(asm, PageFlags.Read | PageFlags.Write | PageFlags.Execute);
        Assert.That(exit.Exception, Is.EqualTo(ExceptionKind.Breakpoint));
        Assert.That(x[4], Is.EqualTo(6UL), "1 from the original target, 5 from the patched one");
        Assert.That(faults, Is.GreaterThanOrEqualTo(1));
    }

    sealed class Box
    {
        public int Value = 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int Read(Box box) => box.Value;

    [Test]
    public void OtherHostFaultsStillReachTheRuntime()
    {
        Compare($"mov x1, #{Unmapped}\n ldr x0, [x1]\n brk #0");
        Assert.That(GuardedAccessFaults.Installed, Is.True);
        // A null dereference in managed code is a host SIGSEGV outside compiled code: .NET's own handler
        // (which ours hands it to) must still turn it into the exception.
        Assert.Throws<NullReferenceException>(() => Read(null!));
    }
}
