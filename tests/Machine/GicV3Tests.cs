using A64Jit.Hypervisor.Gic;
using A64Jit.IR;

namespace A64Jit.Tests.Machine;

/// <summary>The GICv3 model against the architecture (Arm IHI 0069): priorities, acknowledge, EOI, masking, SGIs, routing.</summary>
[TestFixture]
public class GicV3Tests
{
    static uint Icc(uint crn, uint crm, uint op2) => SysRegEncoding.Pack(3, 0, crn, crm, op2);
    static readonly uint Pmr = Icc(4, 6, 0), Iar1 = Icc(12, 12, 0), Eoir1 = Icc(12, 12, 1), Hppir1 = Icc(12, 12, 2),
        Rpr = Icc(12, 11, 3), Sgi1r = Icc(12, 11, 5), Igrpen1 = Icc(12, 12, 7), Ctlr = Icc(12, 12, 4), Dir = Icc(12, 11, 1);

    /// <summary>A GIC with group 1 enabled everywhere, and interrupts 27 (PPI) and 40 (SPI) set up in group 1.</summary>
    static GicV3 Ready(int cpus = 1)
    {
        var gic = new GicV3(cpus);
        gic.WriteDistributor(0x0000, 4, 2);                        // GICD_CTLR.EnableGrp1
        for (int c = 0; c < cpus; c++)
        {
            ulong rd = 0x2_0000UL * (ulong)c;
            gic.WriteRedistributor(rd + 0x0014, 4, 0);             // wake
            gic.WriteRedistributor(rd + 0x1_0080, 4, 0xFFFF_FFFF); // all SGIs/PPIs group 1
            gic.WriteRedistributor(rd + 0x1_0100, 4, (1u << 27) | 0xFFFF);
            var cif = gic.CpuInterfaces[c];
            cif.TryWrite(Pmr, 0xF0);
            cif.TryWrite(Igrpen1, 1);
        }
        gic.WriteDistributor(0x0084, 4, 1u << 8);                  // IGROUPR1: INTID 40 group 1
        gic.WriteDistributor(0x0104, 4, 1u << 8);                  // ISENABLER1: INTID 40
        gic.WriteDistributor(0x6000 + 8 * 40, 8, 0);               // IROUTER40 -> CPU 0
        return gic;
    }

    static ulong Read(GicV3 gic, uint encoding, int cpu = 0)
    {
        Assert.That(gic.CpuInterfaces[cpu].TryRead(encoding, out ulong v), Is.True);
        return v;
    }

    [Test]
    public void PpiLevelIsAcknowledgedAndEnded()
    {
        var gic = Ready();
        Assert.That(gic.IrqPending(0), Is.False);
        gic.SetPpiLevel(0, 27, true);
        Assert.That(gic.IrqPending(0), Is.True);
        Assert.That(Read(gic, Hppir1), Is.EqualTo(27));
        Assert.That(Read(gic, Iar1), Is.EqualTo(27));
        Assert.That(gic.IrqPending(0), Is.False, "active: not signalled again while the line stays high");
        Assert.That(Read(gic, Rpr), Is.EqualTo(0));
        gic.SetPpiLevel(0, 27, false);
        gic.CpuInterfaces[0].TryWrite(Eoir1, 27);
        Assert.That(Read(gic, Rpr), Is.EqualTo(0xFF));
        Assert.That(Read(gic, Iar1), Is.EqualTo(1023), "nothing pending: spurious");
    }

    [Test]
    public void LevelSensitiveSpiPendsAgainAfterEoiWhileHigh()
    {
        var gic = Ready();
        gic.SetSpiLevel(40, true);
        Assert.That(Read(gic, Iar1), Is.EqualTo(40));
        gic.CpuInterfaces[0].TryWrite(Eoir1, 40);
        Assert.That(gic.IrqPending(0), Is.True);
        Assert.That(Read(gic, Iar1), Is.EqualTo(40));
    }

    [Test]
    public void PriorityMaskAndPreemption()
    {
        var gic = Ready();
        gic.WriteRedistributor(0x1_0400 + 27, 1, 0x80);       // PPI 27 priority 0x80
        gic.WriteDistributor(0x0400 + 40, 1, 0x40);           // SPI 40 priority 0x40 (higher)
        gic.CpuInterfaces[0].TryWrite(Pmr, 0x80);
        gic.SetPpiLevel(0, 27, true);
        Assert.That(gic.IrqPending(0), Is.False, "priority 0x80 is not above the mask 0x80");
        gic.SetSpiLevel(40, true);
        Assert.That(Read(gic, Iar1), Is.EqualTo(40));
        Assert.That(Read(gic, Rpr), Is.EqualTo(0x40));
        gic.CpuInterfaces[0].TryWrite(Pmr, 0xF0);
        Assert.That(gic.IrqPending(0), Is.False, "0x80 does not preempt the running 0x40");
        gic.CpuInterfaces[0].TryWrite(Eoir1, 40);
        gic.SetSpiLevel(40, false);
        Assert.That(Read(gic, Iar1), Is.EqualTo(27));
    }

    [Test]
    public void EoiModeSplitsPriorityDropFromDeactivation()
    {
        var gic = Ready();
        gic.CpuInterfaces[0].TryWrite(Ctlr, 2);
        gic.SetSpiLevel(40, true);
        Assert.That(Read(gic, Iar1), Is.EqualTo(40));
        gic.CpuInterfaces[0].TryWrite(Eoir1, 40);
        Assert.That(Read(gic, Rpr), Is.EqualTo(0xFF));
        Assert.That(gic.ReadDistributor(0x0304, 4) & (1u << 8), Is.Not.Zero, "still active until DIR");
        gic.CpuInterfaces[0].TryWrite(Dir, 40);
        Assert.That(gic.ReadDistributor(0x0304, 4) & (1u << 8), Is.Zero);
    }

    [Test]
    public void SgiToOtherCpusAndToSelf()
    {
        var gic = Ready(cpus: 2);
        gic.CpuInterfaces[0].TryWrite(Sgi1r, (3UL << 24) | 0b10);   // SGI 3 to CPU 1
        Assert.That(gic.IrqPending(1), Is.True);
        Assert.That(gic.IrqPending(0), Is.False);
        Assert.That(Read(gic, Iar1, cpu: 1), Is.EqualTo(3));
        gic.CpuInterfaces[1].TryWrite(Sgi1r, (5UL << 24) | (1UL << 40)); // IRM: every other CPU
        Assert.That(Read(gic, Iar1, cpu: 0), Is.EqualTo(5));
    }

    [Test]
    public void RedistributorIdentityAndWakeHandshake()
    {
        var gic = new GicV3(2);
        Assert.That(gic.ReadRedistributor(0x0008, 8) & (1UL << 4), Is.Zero, "CPU 0 is not the last");
        Assert.That(gic.ReadRedistributor(0x2_0008, 8), Is.EqualTo((1UL << 32) | (1UL << 8) | (1UL << 4)), "CPU 1: Aff0 1, processor 1, Last");
        Assert.That(gic.ReadRedistributor(0x0014, 4), Is.EqualTo(6), "asleep at reset: ProcessorSleep and ChildrenAsleep");
        gic.WriteRedistributor(0x0014, 4, 0);
        Assert.That(gic.ReadRedistributor(0x0014, 4), Is.EqualTo(0));
        Assert.That(gic.ReadDistributor(0xFFE8, 4) >> 4 & 0xF, Is.EqualTo(3), "PIDR2.ArchRev: GICv3");
        Assert.That(gic.ReadDistributor(0x0004, 4) & 0x1F, Is.EqualTo(8), "ITLinesNumber: 288 INTIDs");
    }
}
