using A64Jit.Hypervisor.Mmu;

namespace A64Jit.Tests.Hypervisor.Mmu;

/// <summary>
/// Every stage-1 fault kind with the level it is reported at and its DFSC (el2.md 6.7): translation 0x04+L,
/// access flag 0x08+L, permission 0x0C+L, address size 0x00+L, external abort on the walk 0x14+L.
/// </summary>
[TestFixture]
public class Stage1FaultTests
{
    const ulong Root = 0x1000_0000;

    static TranslationResult Go(ulong tcr, ulong ttbr0, ulong va, FakePhysicalMemory mem, AccessKind kind = AccessKind.Read) =>
        PageTableWalker.Translate(Stage1Regime.El10(Pte.Sctlr(), tcr, ttbr0, 0, 0xFF), va, kind, false, false, mem);

    static void AssertFault(TranslationResult r, FaultKind kind, int level, byte dfsc)
    {
        Assert.That(r.Success, Is.False, r.ToString());
        Assert.That((r.Fault.Kind, r.Fault.Level, FaultStatus.Code(r.Fault), r.Fault.Stage2, r.Fault.S1Ptw),
            Is.EqualTo((kind, level, dfsc, false, false)));
    }

    /// <summary>4K, T0SZ=16: VA 0x1000 uses entry 0 at L0-L2 and entry 1 at L3; tables at Root + 0x1000 * level.</summary>
    static FakePhysicalMemory Chain(int invalidLevel)
    {
        var mem = new FakePhysicalMemory();
        for (int level = 0; level < 3; level++)
        {
            if (level != invalidLevel)
                mem.Entry(Root + 0x1000UL * (ulong)level, 0, Pte.Table(Root + 0x1000UL * (ulong)(level + 1)));
        }
        if (invalidLevel != 3)
            mem.Entry(Root + 0x3000, 1, Pte.Page(0x4000_1000));
        return mem;
    }

    [TestCase(0, (byte)0x04)]
    [TestCase(1, (byte)0x05)]
    [TestCase(2, (byte)0x06)]
    [TestCase(3, (byte)0x07)]
    [Description("an invalid descriptor (bit 0 clear) is a translation fault at its level")]
    public void TranslationFaultAtEachLevel(int level, byte dfsc)
    {
        var mem = Chain(level);
        AssertFault(Go(Pte.TcrEl1(), Root, 0x1000, mem), FaultKind.Translation, level, dfsc);
        Assert.That(mem.Reads, Has.Count.EqualTo(level + 1), "the walk stops at the invalid descriptor");
    }

    [Test(Description = "the complete chain translates (the control for the faults above)")]
    public void ChainTranslates() =>
        Assert.That(Go(Pte.TcrEl1(), Root, 0x1000, Chain(-1)).PhysicalAddress, Is.EqualTo(0x4000_1000UL));

    [Test(Description = "AF=0 in an L1 block, L2 block and L3 page: access flag faults 0x09, 0x0A, 0x0B")]
    public void AccessFlagFaultAtEachLeafLevel()
    {
        var mem = new FakePhysicalMemory();
        // T0SZ=25: the walk starts at L1 (index VA[38:30]).
        mem.Entry(Root, 1, Pte.Block(0x4000_0000, af: false));
        mem.Entry(Root, 0, Pte.Table(0x1000_1000));
        mem.Entry(0x1000_1000, 1, Pte.Block(0x8000_0000, af: false));
        mem.Entry(0x1000_1000, 0, Pte.Table(0x1000_2000));
        mem.Entry(0x1000_2000, 1, Pte.Page(0x9000_0000, af: false));
        ulong tcr = Pte.TcrEl1(t0sz: 25);
        AssertFault(Go(tcr, Root, 1UL << 30, mem), FaultKind.AccessFlag, 1, 0x09);
        AssertFault(Go(tcr, Root, 1UL << 21, mem), FaultKind.AccessFlag, 2, 0x0A);
        AssertFault(Go(tcr, Root, 1UL << 12, mem), FaultKind.AccessFlag, 3, 0x0B);
    }

    [Test(Description = "IPS=000 (32-bit output): a TTBR0 base at 4 GiB is a level-0 address size fault, before any read")]
    public void AddressSizeFaultOnTableBase()
    {
        var mem = new FakePhysicalMemory();
        AssertFault(Go(Pte.TcrEl1(ips: 0b000), 0x1_0000_0000, 0x1000, mem), FaultKind.AddressSize, 0, 0x00);
        Assert.That(mem.Reads, Is.Empty);
    }

    [Test(Description = "IPS=000: an L1 table descriptor pointing at 4 GiB is an address size fault at level 1")]
    public void AddressSizeFaultOnNextTable()
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Root, 0, Pte.Table(0x1000_1000));
        mem.Entry(0x1000_1000, 0, Pte.Table(0x1_0000_0000));
        AssertFault(Go(Pte.TcrEl1(ips: 0b000), Root, 0x1000, mem), FaultKind.AddressSize, 1, 0x01);
    }

    [Test(Description = "IPS=000: an L2 block or L3 page output at 4 GiB is an address size fault at the leaf's level")]
    public void AddressSizeFaultOnOutput()
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Root, 0, Pte.Table(0x1000_1000));
        mem.Entry(0x1000_1000, 0, Pte.Table(0x1000_2000));
        mem.Entry(0x1000_1000, 1, Pte.Table(0x1000_3000));
        mem.Entry(0x1000_2000, 0, Pte.Table(0x1000_4000));
        mem.Entry(0x1000_2000, 1, Pte.Block(0x1_0000_0000));
        mem.Entry(0x1000_4000, 0, Pte.Page(0x1_0000_0000));
        mem.Entry(0x1000_3000, 0, Pte.Table(0x1000_5000));
        mem.Entry(0x1000_5000, 0, Pte.Page(0xFFFF_F000));
        ulong tcr = Pte.TcrEl1(ips: 0b000);
        AssertFault(Go(tcr, Root, 0x0000, mem), FaultKind.AddressSize, 3, 0x03);
        AssertFault(Go(tcr, Root, 1UL << 21, mem), FaultKind.AddressSize, 2, 0x02);
        Assert.That(Go(tcr, Root, 1UL << 30 | 0xFFF, mem).PhysicalAddress, Is.EqualTo(0xFFFF_FFFFUL), "the last 32-bit page is fine");
    }

    [Test(Description = "an out-of-range output address is reported before a clear access flag")]
    public void AddressSizeBeforeAccessFlag()
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Root, 0, Pte.Table(0x1000_1000));
        mem.Entry(0x1000_1000, 0, Pte.Block(0x1_0000_0000, af: false));
        AssertFault(Go(Pte.TcrEl1(t0sz: 25, ips: 0b000), Root, 0x1000, mem), FaultKind.AddressSize, 2, 0x02);
    }

    [TestCase(0b010u, 0xFF_FFFF_F000UL, true, TestName = "IPS=010 (40 bits): the top 40-bit page maps")]
    [TestCase(0b010u, 0x100_0000_0000UL, false, TestName = "IPS=010: 2^40 is out of range")]
    [TestCase(0b101u, 0xFFFF_FFFF_F000UL, true, TestName = "IPS=101 (48 bits): the top 48-bit page maps")]
    [TestCase(0b110u, 0xFFFF_FFFF_F000UL, true, TestName = "IPS=110 (52 bits) is bounded by PARange (48 bits)")]
    public void OutputSizeFollowsIps(uint ips, ulong pa, bool maps)
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Root, 0, Pte.Table(0x1000_1000));
        mem.Entry(0x1000_1000, 0, Pte.Table(0x1000_2000));
        mem.Entry(0x1000_2000, 0, Pte.Page(pa));
        var r = Go(Pte.TcrEl1(t0sz: 25, ips: ips), Root, 0x123, mem);
        if (maps)
            Assert.That(r.PhysicalAddress, Is.EqualTo(pa | 0x123), r.ToString());
        else
            AssertFault(r, FaultKind.AddressSize, 3, 0x03);
    }

    [Test(Description = "a TTBR pointing at no RAM: synchronous external abort on the walk at level 0 (0x14)")]
    public void ExternalAbortOnFirstRead() =>
        AssertFault(Go(Pte.TcrEl1(), 0x8_0000_0000, 0x1000, new FakePhysicalMemory()), FaultKind.SynchronousExternalOnWalk, 0, 0x14);

    [Test(Description = "an L2 table pointing at no RAM: the L3 read aborts, reported at level 3 (0x17)")]
    public void ExternalAbortOnLevel3Read()
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Root, 0, Pte.Table(0x1000_1000));
        mem.Entry(0x1000_1000, 0, Pte.Table(0x2_0000_0000));
        AssertFault(Go(Pte.TcrEl1(t0sz: 25), Root, 0x1000, mem), FaultKind.SynchronousExternalOnWalk, 3, 0x17);
    }

    [TestCase(40u, TestName = "T0SZ=40 is above the maximum 39 (no FEAT_TTST)")]
    [TestCase(15u, TestName = "T0SZ=15 is below the minimum 16 (no FEAT_LVA)")]
    [Description("an out-of-range TxSZ is a level-0 translation fault (the choice QEMU and KVM make)")]
    public void TxSzOutOfRange(uint t0sz)
    {
        var mem = Chain(-1);
        AssertFault(Go(Pte.TcrEl1(t0sz: t0sz), Root, 0x1000, mem), FaultKind.Translation, 0, 0x04);
        Assert.That(mem.Reads, Is.Empty);
    }

    [Test(Description = "a write to a read-only (AP=10) L2 block: permission fault at level 2 (0x0E)")]
    public void PermissionFaultAtBlockLevel()
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Root, 0, Pte.Table(0x1000_1000));
        mem.Entry(0x1000_1000, 0, Pte.Block(0x4000_0000, ap: 0b10));
        AssertFault(Go(Pte.TcrEl1(t0sz: 25), Root, 0x1000, mem, AccessKind.Write), FaultKind.Permission, 2, 0x0E);
        Assert.That(Go(Pte.TcrEl1(t0sz: 25), Root, 0x1000, mem).PhysicalAddress, Is.EqualTo(0x4000_1000UL));
    }
}
