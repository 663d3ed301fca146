using A64Jit.Hypervisor.Mmu;

namespace A64Jit.Tests.Hypervisor.Mmu;

/// <summary>
/// The two VA ranges of EL1&amp;0 and EL2&amp;0, the single range of EL2, TG1's own encoding, TBI/TBID, EPDx and
/// ASID selection. TTBR0's tables map VA 0x1000 to PA 0x4000_1000 and TTBR1's map VA 0xFFFF_FF80_0000_1000
/// (L0 index 511) to PA 0x5000_1000, both 4K with T0SZ = T1SZ = 16.
/// </summary>
[TestFixture]
public class Stage1RangeTests
{
    const ulong Low = 0x1000_0000, High = 0x2000_0000;
    const ulong LowVa = 0x1000, HighVa = 0xFFFF_FF80_0000_1000;

    static FakePhysicalMemory BothHalves(bool notGlobal = false)
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Low, 0, Pte.Table(0x1000_1000));
        mem.Entry(0x1000_1000, 0, Pte.Table(0x1000_2000));
        mem.Entry(0x1000_2000, 0, Pte.Table(0x1000_3000));
        mem.Entry(0x1000_3000, 1, Pte.Page(0x4000_1000, ap: 0b01, ng: notGlobal));
        mem.Entry(High, 511, Pte.Table(0x2000_1000));
        mem.Entry(0x2000_1000, 0, Pte.Table(0x2000_2000));
        mem.Entry(0x2000_2000, 0, Pte.Table(0x2000_3000));
        mem.Entry(0x2000_3000, 1, Pte.Page(0x5000_1000, ap: 0b01, ng: notGlobal));
        return mem;
    }

    static TranslationResult Go(Stage1Regime s1, ulong va, FakePhysicalMemory mem, AccessKind kind = AccessKind.Read, bool unprivileged = false) =>
        PageTableWalker.Translate(s1, va, kind, unprivileged, false, mem);

    static Stage1Regime El10(ulong tcr, ulong ttbr0 = Low, ulong ttbr1 = High) =>
        Stage1Regime.El10(Pte.Sctlr(), tcr, ttbr0, ttbr1, 0xFF);

    static void AssertFault(TranslationResult r, FaultKind kind, int level, byte dfsc)
    {
        Assert.That(r.Success, Is.False, r.ToString());
        Assert.That((r.Fault.Kind, r.Fault.Level, FaultStatus.Code(r.Fault), r.Fault.Stage2), Is.EqualTo((kind, level, dfsc, false)));
    }

    [Test(Description = "VA[55]=0 walks TTBR0, VA[55]=1 walks TTBR1")]
    public void BothHalvesTranslate()
    {
        var mem = BothHalves();
        var s1 = El10(Pte.TcrEl1());
        Assert.That(Go(s1, LowVa + 0x23, mem).PhysicalAddress, Is.EqualTo(0x4000_1023UL));
        Assert.That(Go(s1, HighVa + 0x45, mem).PhysicalAddress, Is.EqualTo(0x5000_1045UL));
        Assert.That(mem.Reads[4], Is.EqualTo(High + 511 * 8), "the upper walk starts at TTBR1's L0 entry 511");
    }

    [Test(Description = "TG1=01 is 16K (TG0=01 would be 64K): the upper half walks 16K tables while the lower stays 4K")]
    public void Tg1SixteenK()
    {
        var mem = new FakePhysicalMemory();
        // 16K, T1SZ=16: L0 = VA[47], L1 = VA[46:36], L2 = VA[35:25], L3 = VA[24:14].
        mem.Entry(High, 1, Pte.Table(0x2000_4000));
        mem.Entry(0x2000_4000, 0, Pte.Table(0x2000_8000));
        mem.Entry(0x2000_8000, 0, Pte.Table(0x2000_C000));
        mem.Entry(0x2000_C000, 1, Pte.Page(0x6000_4000));
        var r = Go(El10(Pte.TcrEl1(tg0: 0b00, tg1: 0b01)), 0xFFFF_8000_0000_4123, mem);
        Assert.That(r.PhysicalAddress, Is.EqualTo(0x6000_4123UL), r.ToString());
        Assert.That(r.SizeLog2, Is.EqualTo(14));
        Assert.That(mem.Reads, Is.EqualTo(new ulong[] { 0x2000_0008, 0x2000_4000, 0x2000_8000, 0x2000_C008 }));
    }

    [Test(Description = "TG1=11 is 64K")]
    public void Tg1SixtyFourK()
    {
        var mem = new FakePhysicalMemory();
        // 64K, T1SZ=16: L1 = VA[47:42], L2 = VA[41:29], L3 = VA[28:16].
        mem.Entry(High, 0, Pte.Table(0x2001_0000));
        mem.Entry(0x2001_0000, 0, Pte.Table(0x2002_0000));
        mem.Entry(0x2002_0000, 1, Pte.Page(0x6001_0000));
        var r = Go(El10(Pte.TcrEl1(tg1: 0b11)), 0xFFFF_0000_0001_0ABC, mem);
        Assert.That((r.PhysicalAddress, r.SizeLog2), Is.EqualTo((0x6001_0ABCUL, 16)), r.ToString());
    }

    [Test(Description = "TG1=10 is 4K: the same upper VA then indexes L0 with VA[47:39] = 256")]
    public void Tg1FourK()
    {
        var mem = new FakePhysicalMemory();
        var r = Go(El10(Pte.TcrEl1(tg1: 0b10)), 0xFFFF_8000_0000_4123, mem);
        AssertFault(r, FaultKind.Translation, 0, 0x04);
        Assert.That(mem.Reads, Is.EqualTo(new ulong[] { High + 256 * 8 }));
    }

    [TestCase(0x0000_0080_0000_0000UL, TestName = "VA just above a 39-bit lower range")]
    [TestCase(0xFFFF_FF7F_FFFF_F000UL, TestName = "VA just below a 39-bit upper range")]
    [TestCase(0x0080_0000_0000_0000UL, TestName = "VA[55]=1 with other top bits clear")]
    [Description("a VA in neither range is a level-0 translation fault (DFSC 0x04), without any walk")]
    public void VaOutsideBothRanges(ulong va)
    {
        var mem = BothHalves();
        AssertFault(Go(El10(Pte.TcrEl1(t0sz: 25, t1sz: 25)), va, mem), FaultKind.Translation, 0, 0x04);
        Assert.That(mem.Reads, Is.Empty);
    }

    [Test(Description = "with T1SZ=16 the upper range needs VA[63:48] all ones and VA[47] = 1")]
    public void UpperRangeNeedsOnes()
    {
        var mem = BothHalves();
        AssertFault(Go(El10(Pte.TcrEl1()), 0xFFFF_7F80_0000_1000, mem), FaultKind.Translation, 0, 0x04);
    }

    [Test(Description = "TBI0: the top byte of a lower-range VA is ignored only when TBI0=1")]
    public void TopByteIgnoredLower()
    {
        var mem = BothHalves();
        const ulong tagged = 0x5A00_0000_0000_1000;
        AssertFault(Go(El10(Pte.TcrEl1()), tagged, mem), FaultKind.Translation, 0, 0x04);
        var r = Go(El10(Pte.TcrEl1(tbi0: true)), tagged, mem);
        Assert.That((r.PhysicalAddress, r.InputAddress), Is.EqualTo((0x4000_1000UL, tagged)), r.ToString());
    }

    [Test(Description = "TBI1: the top byte of an upper-range VA is ignored only when TBI1=1")]
    public void TopByteIgnoredUpper()
    {
        var mem = BothHalves();
        const ulong tagged = 0x5AFF_FF80_0000_1000;
        AssertFault(Go(El10(Pte.TcrEl1(tbi0: true)), tagged, mem), FaultKind.Translation, 0, 0x04);
        Assert.That(Go(El10(Pte.TcrEl1(tbi1: true)), tagged, mem).PhysicalAddress, Is.EqualTo(0x5000_1000UL));
    }

    [Test(Description = "TBID0=1 limits TBI0 to data accesses: a tagged instruction fetch faults")]
    public void TopByteIgnoredForDataOnlyWithTbid()
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Low, 0, Pte.Table(0x1000_1000));
        mem.Entry(0x1000_1000, 0, Pte.Table(0x1000_2000));
        mem.Entry(0x1000_2000, 0, Pte.Table(0x1000_3000));
        mem.Entry(0x1000_3000, 1, Pte.Page(0x4000_1000, ap: 0b00));
        const ulong tagged = 0x3300_0000_0000_1000;
        Assert.That(Go(El10(Pte.TcrEl1(tbi0: true)), tagged, mem, AccessKind.Execute).Success, Is.True);
        var s1 = El10(Pte.TcrEl1(tbi0: true, tbid0: true));
        Assert.That(Go(s1, tagged, mem, AccessKind.Read).PhysicalAddress, Is.EqualTo(0x4000_1000UL));
        AssertFault(Go(s1, tagged, mem, AccessKind.Execute), FaultKind.Translation, 0, 0x04);
    }

    [Test(Description = "EPD0 disables TTBR0 walks (level-0 translation fault, no descriptor read); TTBR1 still works")]
    public void Epd0()
    {
        var mem = BothHalves();
        var s1 = El10(Pte.TcrEl1(epd0: true));
        AssertFault(Go(s1, LowVa, mem), FaultKind.Translation, 0, 0x04);
        Assert.That(mem.Reads, Is.Empty);
        Assert.That(Go(s1, HighVa, mem).PhysicalAddress, Is.EqualTo(0x5000_1000UL));
    }

    [Test(Description = "EPD1 disables TTBR1 walks; TTBR0 still works")]
    public void Epd1()
    {
        var mem = BothHalves();
        var s1 = El10(Pte.TcrEl1(epd1: true));
        AssertFault(Go(s1, HighVa, mem), FaultKind.Translation, 0, 0x04);
        Assert.That(Go(s1, LowVa, mem).PhysicalAddress, Is.EqualTo(0x4000_1000UL));
    }

    [TestCase(false, false, (ushort)0x34, TestName = "A1=0 AS=0: TTBR0.ASID[7:0]")]
    [TestCase(false, true, (ushort)0x1234, TestName = "A1=0 AS=1: TTBR0.ASID[15:0]")]
    [TestCase(true, false, (ushort)0xCD, TestName = "A1=1 AS=0: TTBR1.ASID[7:0]")]
    [TestCase(true, true, (ushort)0xABCD, TestName = "A1=1 AS=1: TTBR1.ASID[15:0]")]
    [Description("nG leaves are tagged with the ASID TCR.A1 and TCR.AS select; the ASID bits do not disturb BADDR")]
    public void AsidSelection(bool a1, bool as16, ushort asid)
    {
        var mem = BothHalves(notGlobal: true);
        var s1 = El10(Pte.TcrEl1(a1: a1, as16: as16), Low | 0x1234UL << 48, High | 0xABCDUL << 48);
        Assert.That(s1.Asid, Is.EqualTo(asid));
        foreach (ulong va in new[] { LowVa, HighVa })
        {
            var r = Go(s1, va, mem);
            Assert.That((r.Success, r.NotGlobal, r.Asid), Is.EqualTo((true, true, asid)), r.ToString());
        }
    }

    [Test(Description = "a leaf with nG=0 is global")]
    public void GlobalLeaf()
    {
        var r = Go(El10(Pte.TcrEl1()), LowVa, BothHalves(notGlobal: false));
        Assert.That(r.NotGlobal, Is.False);
    }

    [Test(Description = "EL2&0 (E2H=1) reads TCR_EL2 in the TCR_EL1 layout: two ranges and EL0 permissions")]
    public void El20HasTwoRanges()
    {
        var mem = BothHalves(notGlobal: true);
        var s1 = Stage1Regime.El20(Pte.Sctlr(), Pte.TcrEl1(), Low | 7UL << 48, High, 0xFF);
        Assert.That(Go(s1, HighVa, mem).PhysicalAddress, Is.EqualTo(0x5000_1000UL));
        var user = Go(s1, LowVa, mem, AccessKind.Write, unprivileged: true);
        Assert.That((user.PhysicalAddress, user.NotGlobal, user.Asid), Is.EqualTo((0x4000_1000UL, true, (ushort)7)), user.ToString());
    }

    [Test(Description = "EL2 (E2H=0) has one range from TTBR0_EL2: an upper VA is a level-0 translation fault, not a TTBR1 walk")]
    public void El2HasOneRange()
    {
        var mem = BothHalves(notGlobal: true);
        var s1 = Stage1Regime.El2(Pte.Sctlr(), Pte.TcrEl2(), Low | 7UL << 48, 0xFF);
        var r = Go(s1, LowVa, mem);
        Assert.That((r.PhysicalAddress, r.NotGlobal, r.Asid), Is.EqualTo((0x4000_1000UL, false, (ushort)0)), "no ASIDs at EL2");
        AssertFault(Go(s1, HighVa, mem), FaultKind.Translation, 0, 0x04);
    }

    [Test(Description = "TCR_EL2.TBI (bit 20) in the E2H=0 layout")]
    public void El2TopByteIgnore()
    {
        var mem = BothHalves();
        const ulong tagged = 0xA500_0000_0000_1000;
        AssertFault(Go(Stage1Regime.El2(Pte.Sctlr(), Pte.TcrEl2(), Low, 0xFF), tagged, mem), FaultKind.Translation, 0, 0x04);
        Assert.That(Go(Stage1Regime.El2(Pte.Sctlr(), Pte.TcrEl2(tbi: true), Low, 0xFF), tagged, mem).PhysicalAddress,
            Is.EqualTo(0x4000_1000UL));
    }
}
