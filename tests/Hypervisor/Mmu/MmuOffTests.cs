using A64Jit.Hypervisor.Mmu;

namespace A64Jit.Tests.Hypervisor.Mmu;

/// <summary>
/// Stage 1 disabled (SCTLR.M=0, or HCR_EL2.DC=1): a flat mapping with every permission, Device-nGnRnE for data and
/// Normal for instruction fetches (el2.md 6.1), and an address size fault above the 48-bit PA range.
/// </summary>
[TestFixture]
public class MmuOffTests
{
    static Stage1Regime Off(ulong tcr = 0, bool icache = true) =>
        Stage1Regime.El10(Pte.Sctlr(m: false, i: icache), tcr, 0x1000_0000, 0x2000_0000, 0xFF);

    static TranslationResult Go(Stage1Regime s1, ulong va, AccessKind kind = AccessKind.Read, bool unprivileged = false, bool pan = false) =>
        PageTableWalker.Translate(s1, va, kind, unprivileged, pan, new FakePhysicalMemory());

    [Test(Description = "data: PA = VA, Device-nGnRnE (ATTR 0x00), Outer Shareable, all permissions, no PAN")]
    public void DataIsFlatDevice()
    {
        var mem = new FakePhysicalMemory();
        var r = PageTableWalker.Translate(Off(), 0x8000_1234, AccessKind.Read, false, false, mem);
        Assert.That((r.PhysicalAddress, r.IntermediateAddress), Is.EqualTo((0x8000_1234UL, 0x8000_1234UL)));
        Assert.That((r.Attributes, r.MemoryType, r.Shareability), Is.EqualTo(((byte)0x00, MemoryType.Device, (byte)0b10)));
        Assert.That((r.Permissions, r.El0Accessible, r.NotGlobal), Is.EqualTo((PagePermissions.All, false, false)));
        Assert.That(mem.Reads, Is.Empty, "no tables are read");
        Assert.That(Go(Off(), 0x8000_1234, AccessKind.Write, pan: true).Success, Is.True);
        Assert.That(Go(Off(), 0x8000_1234, AccessKind.Write, unprivileged: true).Success, Is.True);
    }

    [Test(Description = "AT S1E1R with the MMU off: PA[47:12] | bit 11 | NS | SH=10")]
    public void ParWithMmuOff() =>
        Assert.That(Par.FromResult(Go(Off(), 0x8000_1234)), Is.EqualTo(0x0000_0000_8000_1B00UL));

    [TestCase(true, (byte)0xAA, TestName = "SCTLR.I=1: Normal Write-Through")]
    [TestCase(false, (byte)0x44, TestName = "SCTLR.I=0: Normal Non-cacheable")]
    [Description("instruction fetches with stage 1 off are Normal memory, Outer Shareable")]
    public void FetchesAreNormal(bool icache, byte attr)
    {
        var r = Go(Off(icache: icache), 0x8000_1234, AccessKind.Execute);
        Assert.That((r.PhysicalAddress, r.Attributes, r.MemoryType, r.Shareability),
            Is.EqualTo((0x8000_1234UL, attr, MemoryType.Normal, (byte)0b10)));
    }

    [TestCase(0x0001_0000_0000_0000UL, TestName = "2^48")]
    [TestCase(0xFFFF_FFFF_FFFF_F000UL, TestName = "a sign-extended upper VA")]
    [TestCase(0x5A00_0000_8000_1234UL, TestName = "a tagged VA without TBI")]
    [Description("VA bits above the 48-bit PA range: a level-0 address size fault (DFSC 0x00)")]
    public void AbovePaRange(ulong va)
    {
        var r = Go(Off(), va);
        Assert.That((r.Fault.Kind, r.Fault.Level, FaultStatus.Code(r.Fault)), Is.EqualTo((FaultKind.AddressSize, 0, (byte)0x00)));
    }

    [Test(Description = "the top of the 48-bit range is fine; with TBI0 a tag is ignored")]
    public void EdgesOfTheRange()
    {
        Assert.That(Go(Off(), 0xFFFF_FFFF_FFFF).PhysicalAddress, Is.EqualTo(0xFFFF_FFFF_FFFFUL));
        Assert.That(Go(Off(Pte.TcrEl1(tbi0: true)), 0x5A00_0000_8000_1234).PhysicalAddress, Is.EqualTo(0x8000_1234UL));
    }

    [Test(Description = "HCR_EL2.DC: stage 1 behaves as off even with SCTLR.M=1; Normal Write-Back, Non-shareable")]
    public void DefaultCacheable()
    {
        var s1 = Stage1Regime.El10(Pte.Sctlr(m: true), Pte.TcrEl1(), 0x1000_0000, 0, 0) with { DefaultCacheable = true };
        Assert.That(s1.MmuEnabled, Is.False);
        var r = Go(s1, 0x8000_1234);
        Assert.That((r.PhysicalAddress, r.Attributes, r.Shareability), Is.EqualTo((0x8000_1234UL, (byte)0xFF, (byte)0b00)));
        Assert.That(Par.FromResult(r), Is.EqualTo(0xFF00_0000_8000_1A00UL));
    }
}
