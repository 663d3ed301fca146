using A64Jit.Hypervisor.Cpu;
using static A64Jit.Tests.Hypervisor.SystemCpuHarness;

namespace A64Jit.Tests.Hypervisor;

/// <summary>The el2.md section 9 cases A (encoding, access rules, VHE redirection) and B (HCR_EL2 traps), with the digest's numbers.</summary>
[TestFixture]
public class SystemRegisterAccessTests
{
    [Test]
    public void VheReadRedirect_Case1()
    {
        var h = new SystemCpuHarness();
        h.Cpu.Reg("SCTLR_EL2") = 0xAAAA;
        h.Cpu.Reg("SCTLR_EL1") = 0xBBBB;
        h.At(2, e2h: true, tge: true);
        Assert.That(h.Read("SCTLR_EL1"), Is.EqualTo(0xAAAA));
        Assert.That(h.Read("SCTLR_EL12"), Is.EqualTo(0xBBBB));
    }

    [Test]
    public void VheWriteRedirect_Case2()
    {
        var h = new SystemCpuHarness();
        h.Cpu.Reg("SCTLR_EL1") = 0x1111;
        h.At(2, e2h: true);
        h.Write("SCTLR_EL1", 0x2222);
        Assert.That(h.Cpu.Reg("SCTLR_EL2"), Is.EqualTo(0x2222));
        Assert.That(h.Read("SCTLR_EL12"), Is.EqualTo(0x1111));
    }

    [Test]
    public void AliasWithoutE2hIsUndefinedAtEl2_Case3()
    {
        var h = new SystemCpuHarness();
        h.Cpu.Reg("VBAR_EL2") = 0x4000_0800;
        h.At(2);
        var fault = Raises(() => h.Read("SCTLR_EL12"));
        h.Take(fault, 0x4000_1000);
        Assert.That(h.Cpu.Reg("ESR_EL2"), Is.EqualTo(0x0200_0000));
        Assert.That(h.State.Pc, Is.EqualTo(0x4000_0A00));
        Assert.That(h.Cpu.Reg("ELR_EL2"), Is.EqualTo(0x4000_1000));
    }

    [Test]
    public void El2RegisterFromEl1IsUndefinedAtEl1_Case4()
    {
        var h = new SystemCpuHarness();
        h.Cpu.Reg("VBAR_EL1") = 0x4001_0000;
        h.At(1);
        h.Take(Raises(() => h.Read("HCR_EL2")), 0x4000_2000);
        Assert.That(h.Cpu.El, Is.EqualTo(1));
        Assert.That(h.Cpu.Reg("ESR_EL1"), Is.EqualTo(0x0200_0000));
        Assert.That(h.State.Pc, Is.EqualTo(0x4001_0200));
    }

    [TestCase(false, 1UL)]
    [TestCase(true, 2UL)]
    public void FarProbe_Case5(bool e2h, ulong expected)
    {
        var h = new SystemCpuHarness();
        h.At(2, e2h: e2h);
        h.Write("FAR_EL1", 1);
        h.Write("FAR_EL2", 2);
        Assert.That(h.Read("FAR_EL1"), Is.EqualTo(expected));
    }

    [Test]
    public void NotRedirected_Case7()
    {
        var h = new SystemCpuHarness();
        h.Cpu.Reg("TPIDR_EL1") = 7;
        h.Cpu.Reg("TPIDR_EL2") = 9;
        h.Cpu.Reg("PAR_EL1") = 0x800;
        h.At(2, e2h: true, tge: true);
        Assert.That(h.Read("TPIDR_EL1"), Is.EqualTo(7));
        Assert.That(h.Read("PAR_EL1"), Is.EqualTo(0x800));
    }

    [Test]
    public void MidrVirtualization_Case9()
    {
        var h = new SystemCpuHarness();
        h.At(2);
        h.Write("VPIDR_EL2", 0x1234_5678);
        Assert.That(h.Read("MIDR_EL1"), Is.EqualTo(0x410F_D070));
        h.At(1);
        Assert.That(h.Read("MIDR_EL1"), Is.EqualTo(0x1234_5678));
    }

    [TestCase(2, 0x8UL)]
    [TestCase(1, 0x4UL)]
    public void CurrentEl_Case10(int el, ulong expected)
    {
        var h = new SystemCpuHarness();
        h.At(el);
        Assert.That(h.Read("CurrentEL"), Is.EqualTo(expected));
    }

    [Test]
    public void TvmTrapsWritesNotReads_Case11()
    {
        var h = new SystemCpuHarness();
        h.Cpu.Reg("SCTLR_EL1") = 0x30D0_0800;
        h.At(1, hcrOther: SystemCpu.HcrTvm);
        var fault = Raises(() => h.Write("SCTLR_EL1", 5, rt: 1));
        Assert.That(fault.Esr, Is.EqualTo(0x6230_0420));
        Assert.That(fault.TargetEl, Is.EqualTo(2));
        Assert.That(h.Cpu.Reg("SCTLR_EL1"), Is.EqualTo(0x30D0_0800));
        Assert.That(h.Read("SCTLR_EL1"), Is.EqualTo(0x30D0_0800));
    }

    [Test]
    public void TrvmAndTvmSyndromes_Case12()
    {
        var h = new SystemCpuHarness();
        h.At(1, hcrOther: SystemCpu.HcrTrvm | SystemCpu.HcrTvm);
        Assert.That(Raises(() => h.Read("SCTLR_EL1", rt: 2)).Esr, Is.EqualTo(0x6230_0441));
        Assert.That(Raises(() => h.Write("TTBR0_EL1", 0, rt: 3)).Esr, Is.EqualTo(0x6230_0860));
    }

    [Test]
    public void TvmDoesNotApplyAtEl2_Case13()
    {
        var h = new SystemCpuHarness();
        h.At(2, hcrOther: SystemCpu.HcrTvm);
        h.Write("SCTLR_EL1", 0x55);
        Assert.That(h.Cpu.Reg("SCTLR_EL1"), Is.EqualTo(0x55));
    }

    [Test]
    public void IdTraps_Case14()
    {
        var h = new SystemCpuHarness();
        h.At(1, hcrOther: SystemCpu.HcrTid3 | SystemCpu.HcrTid2);
        Assert.That(Raises(() => h.Read("ID_AA64MMFR1_EL1")).Esr, Is.EqualTo(0x6232_000F));
        Assert.That(Raises(() => h.Read("CTR_EL0", rt: 0)).Esr, Is.EqualTo(0x6232_C001));
    }

    [Test]
    public void SetWayTlbAuxControlTraps_Case15()
    {
        var h = new SystemCpuHarness();
        h.At(1, hcrOther: SystemCpu.HcrTsw | SystemCpu.HcrTtlb | SystemCpu.HcrTacr);
        Assert.That(Raises(() => h.Write("DC_ISW", 0, rt: 0)).Esr, Is.EqualTo(0x6214_1C0C));
        Assert.That(Raises(() => h.Write("TLBI_VMALLE1IS", 0, rt: 31)).Esr, Is.EqualTo(0x6210_23E6));
        Assert.That(Raises(() => h.Write("TLBI_VMALLE1", 0, rt: 31)).Esr, Is.EqualTo(0x6210_23EE));
        Assert.That(Raises(() => h.Write("ACTLR_EL1", 0, rt: 7)).Esr, Is.EqualTo(0x6232_04E0));
    }

    [Test]
    public void ImoTrapsSgiGeneration_Case16()
    {
        var h = new SystemCpuHarness();
        h.At(1, hcrOther: SystemCpu.HcrImo);
        Assert.That(Raises(() => h.Write("ICC_SGI1R_EL1", 0, rt: 5)).Esr, Is.EqualTo(0x623A_30B6));
    }

    [Test]
    public void TgeMakesTrapBitsIneffectiveAtEl0_Case20()
    {
        var h = new SystemCpuHarness();
        h.Cpu.Reg("SCTLR_EL2") = 1UL << 15; // UCT: EL0 may read CTR_EL0 under the host regime
        h.At(0, e2h: true, tge: true, hcrOther: SystemCpu.HcrTvm | SystemCpu.HcrTid3 | SystemCpu.HcrTid2);
        Assert.That(h.Read("CTR_EL0"), Is.EqualTo(0x8444_C004));
        h.At(1, e2h: true, tge: false, hcrOther: SystemCpu.HcrTid3);
        Assert.That(Raises(() => h.Read("ID_AA64MMFR1_EL1")).Esr, Is.EqualTo(0x6232_000F));
    }

    [Test]
    public void WithoutEl2TheEl2RegistersAreUndefined()
    {
        var h = new SystemCpuHarness(el2: false, startEl: 1);
        var fault = Raises(() => h.Read("HCR_EL2"));
        Assert.That(fault.Esr, Is.EqualTo(0x0200_0000));
        Assert.That(fault.TargetEl, Is.EqualTo(0));
    }

    [Test]
    public void El0AccessToEl1RegisterIsUndefinedAndGoesToEl2UnderTge()
    {
        var h = new SystemCpuHarness();
        h.At(0, e2h: true, tge: true);
        var fault = Raises(() => h.Read("SCTLR_EL1"));
        Assert.That(h.Cpu.RouteSynchronous(fault.TargetEl), Is.EqualTo(2));
        h.At(0);
        Assert.That(h.Cpu.RouteSynchronous(Raises(() => h.Read("SCTLR_EL1")).TargetEl), Is.EqualTo(1));
    }
}
