using A64Jit.IR;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Frontend.Lift;

/// <summary>Branches and exception generation (Lift/BranchExceptionSystem.cs), checked against qemu-aarch64.</summary>
[TestFixture]
public class BranchTests
{
    static readonly string[] Conditions = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"];

    [Test(Description = "b.<cond> under every condition and NZCV value: taken leaves 1, not taken 2")]
    public void ConditionalBranch()
    {
        var b = new OracleBatch();
        foreach (var cond in Conditions)
            foreach (uint f in new uint[] { 0x0, 0x8, 0x4, 0x2, 0x1, 0x9, 0x6, 0xA, 0xF, 0x5 })
                b.Case($"mov {{d}}, #1\nb.{cond} {{L}}\nmov {{d}}, #2\n{{L}}:", nzcv: f << 28);
        b.Flush();
    }

    [Test(Description = "cbz/cbnz on W and X (a W test ignores the top half), tbz/tbnz on bits 0, 31, 32, 63")]
    public void CompareAndTestBranches()
    {
        var b = new OracleBatch();
        foreach (ulong v in new ulong[] { 0, 1, 0x1_0000_0000, ulong.MaxValue, 0x8000_0000, 0x8000_0000_0000_0000 })
        {
            b.Case("mov {d}, #1\ncbz x1, {L}\nmov {d}, #2\n{L}:", x1: v);
            b.Case("mov {d}, #1\ncbz w1, {L}\nmov {d}, #2\n{L}:", x1: v);
            b.Case("mov {d}, #1\ncbnz x1, {L}\nmov {d}, #2\n{L}:", x1: v);
            b.Case("mov {d}, #1\ncbnz w1, {L}\nmov {d}, #2\n{L}:", x1: v);
            foreach (int bit in new[] { 0, 31, 32, 63 })
            {
                b.Case($"mov {{d}}, #1\ntbz x1, #{bit}, {{L}}\nmov {{d}}, #2\n{{L}}:", x1: v);
                b.Case($"mov {{d}}, #1\ntbnz x1, #{bit}, {{L}}\nmov {{d}}, #2\n{{L}}:", x1: v);
            }
        }
        b.Flush();
    }

    [Test(Description = "b, bl, br, blr, ret and a backward loop; the link register holds the same addresses as under qemu")]
    public void UnconditionalBranches()
    {
        QemuOracle.AssertSameAsQemu("""
            mov x1, #0
            mov x2, #10
            loop:
            add x1, x1, x2
            subs x2, x2, #1
            b.ne loop
            bl func
            mov x4, x30
            adr x5, target
            br x5
            mov x6, #99
            target:
            adr x7, func2
            blr x7
            mov x9, x30
            adr x30, after
            ret
            mov x10, #99
            after:
            adr x11, func3
            blr x11
            b end
            func:
            mov x3, #3
            ret
            func2:
            mov x8, x30
            ret
            func3:
            mov x12, x30
            ret x12
            end:
            mov x30, #0
            brk #0
            """);
    }

    [Test(Description = "svc returns to the next instruction with its immediate; brk and hlt report their own address")]
    public void ExceptionGeneration()
    {
        using var r = new AsmRunner();
        var exit = r.Run("nop\nsvc #0x42\nbrk #0");
        Assert.That((exit.Exception, exit.Immediate, exit.Pc, exit.NextPc),
            Is.EqualTo((ExceptionKind.SupervisorCall, 0x42u, AsmRunner.CodeBase + 4, AsmRunner.CodeBase + 8)));
        using var h = new AsmRunner();
        exit = h.Run("hlt #0x7");
        Assert.That((exit.Exception, exit.Immediate, exit.Pc), Is.EqualTo((ExceptionKind.Halt, 7u, AsmRunner.CodeBase)));
        using var k = new AsmRunner();
        exit = k.Run("mov x0, #1\nbrk #0x3e8");
        Assert.That((exit.Exception, exit.Immediate, exit.Pc), Is.EqualTo((ExceptionKind.Breakpoint, 1000u, AsmRunner.CodeBase + 4)));
    }

    [TestCase("drps", Description = "not lifted")]
    [TestCase("dcps1", Description = "not lifted")]
    [TestCase("braaz x1", Description = "PAuth is not implemented")]
    [TestCase("retaa", Description = "PAuth is not implemented")]
    [TestCase("paciza x1", Description = "PAuth is not implemented")]
    [TestCase("pacga x1, x2, x3", Description = "PAuth is not implemented")]
    [TestCase(".inst 0x54000010", Description = "BC.cond (v8.8) is unallocated")]
    public void Undefined(string asm)
    {
        using var r = new AsmRunner();
        var exit = r.Run(asm);
        Assert.That((exit.Reason, exit.Exception, exit.Pc), Is.EqualTo((ExitReason.Exception, ExceptionKind.Undefined, AsmRunner.CodeBase)));
    }

    /// <summary>HVC, SMC and ERET end the block with their own exception (the system slow path, or SIGILL at EL0 in user mode).</summary>
    [TestCase("hvc #0x1234", ExceptionKind.HypervisorCall, 0x1234u, 4)]
    [TestCase("smc #7", ExceptionKind.SecureMonitorCall, 7u, 4)]
    [TestCase("eret", ExceptionKind.ExceptionReturn, 0u, 0)]
    public void SystemExceptionsEndTheBlock(string asm, ExceptionKind kind, uint immediate, int next)
    {
        using var r = new AsmRunner();
        var exit = r.Run(asm);
        Assert.That((exit.Reason, exit.Exception, exit.Immediate, exit.Pc, exit.NextPc),
            Is.EqualTo((ExitReason.Exception, kind, immediate, AsmRunner.CodeBase, AsmRunner.CodeBase + (ulong)next)));
    }
}
