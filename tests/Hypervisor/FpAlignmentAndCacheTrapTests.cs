using A64Jit.Hypervisor.Cpu;
using static A64Jit.Tests.Hypervisor.SystemCpuHarness;

namespace A64Jit.Tests.Hypervisor;

/// <summary>
/// The controls that reach beyond system-register accesses: CPACR_EL1/CPTR_EL2 FP traps (el2.md case 8),
/// SCTLR_ELx.A in the translation key, and the DC ZVA and cache-maintenance gates and traps (SCTLR_EL1.DZE/UCI,
/// HCR_EL2.TDZ/TPU/TPCP) with DCZID_EL0.DZP.
/// </summary>
public class FpAlignmentAndCacheTrapTests
{
    const ulong FpenAll = 3UL << 20, FpenEl0 = 1UL << 20;
    const ulong SctlrDze = 1UL << 14, SctlrUci = 1UL << 26;

    [Test]
    public void CpacrFpenTrapsToEl1()
    {
        var h = new SystemCpuHarness(el2: false, startEl: 1);
        h.Cpu.Reg("CPACR_EL1") = 0;
        Assert.That(h.Cpu.FpTrapTarget(), Is.EqualTo(1));
        Assert.That(h.Cpu.TranslationKey & SystemCpu.KeyFpTraps, Is.Not.Zero);
        h.Cpu.Reg("CPACR_EL1") = FpenEl0;
        Assert.That(h.Cpu.FpTrapTarget(), Is.Zero, "FPEN=01 lets EL1 use FP");
        h.At(0);
        Assert.That(h.Cpu.FpTrapTarget(), Is.EqualTo(1), "FPEN=01 traps EL0");
        h.Cpu.Reg("CPACR_EL1") = FpenAll;
        Assert.That(h.Cpu.FpTrapTarget(), Is.Zero);
        Assert.That(h.Cpu.TranslationKey & SystemCpu.KeyFpTraps, Is.Zero);
    }

    [Test]
    public void CptrTfpTrapsEl1AndEl2WithoutE2h_Case8()
    {
        var h = new SystemCpuHarness();
        h.Cpu.Reg("CPACR_EL1") = FpenAll;
        h.Cpu.Reg("CPTR_EL2") = 0x33FF | 1UL << 10;
        h.At(1);
        Assert.That(h.Cpu.FpTrapTarget(), Is.EqualTo(2));
        var fault = h.Cpu.FpAccessTrap();
        Assert.That(fault.Esr, Is.EqualTo(0x1FE0_0000));
        Assert.That(fault.TargetEl, Is.EqualTo(2));
        h.At(2);
        Assert.That(h.Cpu.FpTrapTarget(), Is.EqualTo(2));
        h.Cpu.Reg("CPTR_EL2") = 0x33FF;
        Assert.That(h.Cpu.FpTrapTarget(), Is.Zero);
    }

    [Test]
    public void CptrInCpacrLayoutUnderE2h_Case8()
    {
        var h = new SystemCpuHarness();
        h.At(2, e2h: true, tge: true);
        h.Write("CPACR_EL1", FpenEl0); // redirected to CPTR_EL2
        Assert.That(h.Cpu.Reg("CPTR_EL2"), Is.EqualTo(FpenEl0));
        Assert.That(h.Cpu.FpTrapTarget(), Is.Zero, "FPEN=01 does not trap EL2");
        h.At(0, e2h: true, tge: true);
        Assert.That(h.Cpu.FpTrapTarget(), Is.EqualTo(2), "FPEN=01 traps host EL0 to EL2");
        h.At(0, e2h: true, tge: false);
        h.Cpu.Reg("CPACR_EL1") = FpenAll;
        Assert.That(h.Cpu.FpTrapTarget(), Is.Zero, "FPEN=01 traps EL0 only when TGE=1");
        h.At(2, e2h: true, tge: true);
        h.Cpu.Reg("CPTR_EL2") = 0;
        Assert.That(h.Cpu.FpTrapTarget(), Is.EqualTo(2), "FPEN=00 traps EL2 itself");
    }

    [Test]
    public void FpcrAccessTakesTheFpTrap()
    {
        var h = new SystemCpuHarness(el2: false, startEl: 1);
        h.Cpu.Reg("CPACR_EL1") = 0;
        var fault = Raises(() => h.Read("FPCR"));
        Assert.That(fault.Esr >> 26, Is.EqualTo(0x07u));
        h.Cpu.Reg("CPACR_EL1") = FpenAll;
        h.Write("FPSR", 0x0800_0000);
        Assert.That(h.Read("FPSR"), Is.EqualTo(0x0800_0000));
    }

    [Test]
    public void SctlrAOfTheCurrentRegimeIsInTheKey()
    {
        var h = new SystemCpuHarness();
        h.At(1);
        h.Cpu.Reg("SCTLR_EL1") = 0x30D0_0802;
        Assert.That(h.Cpu.TranslationKey & SystemCpu.KeyAlignment, Is.Not.Zero);
        h.At(2);
        Assert.That(h.Cpu.TranslationKey & SystemCpu.KeyAlignment, Is.Zero, "EL2 follows SCTLR_EL2");
        h.At(0, e2h: true, tge: true);
        Assert.That(h.Cpu.TranslationKey & SystemCpu.KeyAlignment, Is.Zero, "host EL0 follows SCTLR_EL2");
        h.Cpu.Reg("SCTLR_EL2") = 2;
        Assert.That(h.Cpu.TranslationKey & SystemCpu.KeyAlignment, Is.Not.Zero);
    }

    [Test]
    public void DcZvaGatesAndTdz()
    {
        var h = new SystemCpuHarness();
        uint zva = Aux("DC_ZVA", rt: 0);
        h.At(1, hcrOther: SystemCpu.HcrTdz);
        var trap = Raises(() => h.Cpu.CheckSystemInstruction(zva));
        Assert.That(trap.Esr, Is.EqualTo(0x6212_DC08), "the syndrome QEMU gives (extended/traps)");
        Assert.That(trap.TargetEl, Is.EqualTo(2));
        Assert.That(h.Read("DCZID_EL0"), Is.EqualTo(0x14), "DZP set while DC ZVA traps");
        h.At(1);
        h.Cpu.CheckSystemInstruction(zva);
        Assert.That(h.Read("DCZID_EL0"), Is.EqualTo(4));
        h.At(0);
        h.Cpu.Reg("SCTLR_EL1") = 0;
        Assert.That(Raises(() => h.Cpu.CheckSystemInstruction(zva)).TargetEl, Is.EqualTo(0), "DZE=0: trapped to EL1");
        Assert.That(h.Read("DCZID_EL0"), Is.EqualTo(0x14));
        h.Cpu.Reg("SCTLR_EL1") = SctlrDze;
        h.Cpu.CheckSystemInstruction(zva);
    }

    [Test]
    public void CacheMaintenanceGatesAndTraps()
    {
        var h = new SystemCpuHarness();
        h.At(1, hcrOther: SystemCpu.HcrTpu);
        Assert.That(Raises(() => h.Write("IC_IALLU", 0, rt: 31)).Esr, Is.EqualTo(0x6210_1FEA), "the syndrome QEMU gives (extended/traps)");
        Assert.That(Raises(() => h.Cpu.CheckSystemInstruction(Aux("IC_IVAU", rt: 3))).TargetEl, Is.EqualTo(2));
        Assert.That(Raises(() => h.Cpu.CheckSystemInstruction(Aux("DC_CVAU", rt: 3))).TargetEl, Is.EqualTo(2));
        h.Cpu.CheckSystemInstruction(Aux("DC_CVAC", rt: 3));
        h.At(1, hcrOther: SystemCpu.HcrTpcp);
        Assert.That(Raises(() => h.Cpu.CheckSystemInstruction(Aux("DC_CIVAC", rt: 3))).TargetEl, Is.EqualTo(2));
        h.At(0);
        h.Cpu.Reg("SCTLR_EL1") = 0;
        Assert.That(Raises(() => h.Cpu.CheckSystemInstruction(Aux("DC_CVAU", rt: 3))).TargetEl, Is.EqualTo(0), "UCI=0: trapped to EL1");
        h.Cpu.Reg("SCTLR_EL1") = SctlrUci;
        h.Cpu.CheckSystemInstruction(Aux("DC_CVAU", rt: 3));
    }
}
