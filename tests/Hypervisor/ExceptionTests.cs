using A64Jit.Hypervisor.Cpu;
using A64Jit.Hypervisor.Exceptions;

namespace A64Jit.Tests.Hypervisor;

/// <summary>Exception entry, ERET and interrupt routing: el2.md section 9 cases C, with the digest's numbers.</summary>
[TestFixture]
public class ExceptionTests
{
    [Test]
    public void HvcFromEl1_Case21()
    {
        var h = new SystemCpuHarness();
        h.Cpu.Reg("VBAR_EL2") = 0x4000_0000;
        h.At(1);
        h.Cpu.SetPstate(0x3C5 & ~Pstate.Daif | Pstate.SpSel | (1UL << 2));
        h.Cpu.TakeException(2, ExceptionType.Synchronous, 0x4000_2004, Syndrome.Make(ExceptionClass.Hvc, 0x1234));
        Assert.That(h.Cpu.Reg("ESR_EL2"), Is.EqualTo(0x5A00_1234));
        Assert.That(h.Cpu.Reg("ELR_EL2"), Is.EqualTo(0x4000_2004));
        Assert.That(h.Cpu.Reg("SPSR_EL2") & 0xF, Is.EqualTo(0b0101));
        Assert.That(h.State.Pc, Is.EqualTo(0x4000_0400));
        Assert.That(h.State.Pstate & 0x3CF, Is.EqualTo(0x3C9));
    }

    [Test]
    public void SpBanking()
    {
        var h = new SystemCpuHarness();
        h.State.Sp = 0x2000;                          // SP_EL2, live at EL2h
        h.Cpu.SetSpSel(false);                        // EL2t: SP_EL0 becomes live
        h.State.Sp = 0x1000;
        h.Cpu.SetSpSel(true);
        Assert.That(h.State.Sp, Is.EqualTo(0x2000));
        Assert.That(h.Cpu.Reg("SP_EL0"), Is.EqualTo(0x1000));
        h.Cpu.Reg("SP_EL1") = 0x3000;
        h.Cpu.Reg("SPSR_EL2") = 0x3C5;
        h.Cpu.Reg("ELR_EL2") = 0x4000_0000;
        h.Cpu.ExceptionReturn();
        Assert.That(h.Cpu.El, Is.EqualTo(1));
        Assert.That(h.State.Sp, Is.EqualTo(0x3000));
    }

    [Test]
    public void IllegalReturnUnderTge_Case26()
    {
        var h = new SystemCpuHarness();
        h.At(2, tge: true);
        h.Cpu.Reg("SPSR_EL2") = 0x3C5;
        h.Cpu.Reg("ELR_EL2") = 0x4000_3000;
        h.Cpu.ExceptionReturn();
        Assert.That(h.Cpu.El, Is.EqualTo(2));
        Assert.That(h.State.Pstate & Pstate.Il, Is.Not.Zero);
        Assert.That(h.State.Pc, Is.EqualTo(0x4000_3000));
        // The next instruction raises Illegal Execution State at EL2 (+0x200), and SPSR_EL2 has IL set.
        h.Cpu.Reg("VBAR_EL2") = 0x4000_0000;
        h.Cpu.TakeException(h.Cpu.RouteSynchronous(0), ExceptionType.Synchronous, h.State.Pc, Syndrome.Make(ExceptionClass.IllegalState, 0));
        Assert.That(h.Cpu.Reg("ESR_EL2"), Is.EqualTo(0x3A00_0000));
        Assert.That(h.State.Pc, Is.EqualTo(0x4000_0200));
        Assert.That(h.Cpu.Reg("SPSR_EL2") & (1UL << 20), Is.Not.Zero);
    }

    [Test]
    public void PanOnEntry_Case28()
    {
        var h = new SystemCpuHarness();
        h.At(0);
        h.Cpu.Reg("SCTLR_EL1") = 0x30D0_0800 & ~(1UL << 23); // SPAN = 0
        h.Cpu.TakeException(1, ExceptionType.Synchronous, 0x1000);
        Assert.That(h.State.Pstate & Pstate.Pan, Is.Not.Zero);

        var g = new SystemCpuHarness();
        g.At(1);
        g.Cpu.Reg("SCTLR_EL2") = 0;
        g.Cpu.TakeException(2, ExceptionType.Synchronous, 0x1000);
        Assert.That(g.State.Pstate & Pstate.Pan, Is.Zero, "E2H=0: PAN unchanged");
    }

    [Test]
    public void IrqRouting_Case24()
    {
        var h = new SystemCpuHarness();
        h.At(1, hcrOther: SystemCpu.HcrImo);
        h.Cpu.SetDaif(Pstate.I);
        h.Cpu.IrqLine = true;
        Assert.That(h.Cpu.DeliverableInterrupt(), Is.EqualTo((2, ExceptionType.Irq)));
        h.At(1);
        h.Cpu.SetDaif(0);
        Assert.That(h.Cpu.DeliverableInterrupt(), Is.EqualTo((1, ExceptionType.Irq)));
        h.At(2);
        h.Cpu.SetDaif(0);
        Assert.That(h.Cpu.DeliverableInterrupt(), Is.Null, "an EL1-routed IRQ is not taken at EL2");
    }

    [Test]
    public void VirtualIrq_Case25()
    {
        var h = new SystemCpuHarness();
        h.At(1, hcrOther: SystemCpu.HcrImo | SystemCpu.HcrVi);
        h.Cpu.SetDaif(0);
        Assert.That(h.Cpu.DeliverableInterrupt(), Is.EqualTo((1, ExceptionType.Irq)));
        h.Cpu.SetDaif(Pstate.I);
        Assert.That(h.Cpu.DeliverableInterrupt(), Is.Null);
        h.At(2, hcrOther: SystemCpu.HcrImo | SystemCpu.HcrVi);
        h.Cpu.SetDaif(0);
        Assert.That(h.Cpu.DeliverableInterrupt(), Is.Null);
    }

    [Test]
    public void VirtualSErrorIsTakenToEl1AndClearsVse()
    {
        var h = new SystemCpuHarness();
        h.Cpu.Reg("VBAR_EL1") = 0x4000_0000;
        h.At(1, hcrOther: SystemCpu.HcrAmo | SystemCpu.HcrVse);
        h.Cpu.SetDaif(Pstate.A);
        Assert.That(h.Cpu.DeliverableInterrupt(), Is.Null, "masked by PSTATE.A");
        Assert.That(h.Cpu.AnyInterruptPending, Is.True, "still wakes a WFI");
        Assert.That(h.Cpu.InterruptStatus(), Is.EqualTo(0x100UL), "ISR_EL1.A");
        h.Cpu.SetDaif(0);
        h.State.Pc = 0x4000_1000;
        var serror = h.Cpu.DeliverableInterrupt();
        Assert.That(serror, Is.EqualTo((1, ExceptionType.SError)));
        h.Cpu.TakeInterrupt(serror!.Value.Target, serror.Value.Type, h.State.Pc);
        Assert.That(h.State.Pc, Is.EqualTo(0x4000_0380UL), "current EL with SP_ELx, SError vector");
        Assert.That(h.Cpu.Reg("ESR_EL1"), Is.EqualTo(0xBE00_0000UL));
        Assert.That(h.Cpu.Reg("ELR_EL1"), Is.EqualTo(0x4000_1000UL));
        Assert.That(h.Cpu.Hcr & SystemCpu.HcrVse, Is.Zero, "taking it clears HCR_EL2.VSE");
        Assert.That(h.Cpu.DeliverableInterrupt(), Is.Null);
        h.At(1, hcrOther: SystemCpu.HcrVse);
        h.Cpu.SetDaif(0);
        Assert.That(h.Cpu.DeliverableInterrupt(), Is.Null, "not without AMO");
    }
}
