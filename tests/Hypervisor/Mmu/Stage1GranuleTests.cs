using A64Jit.Hypervisor.Mmu;

namespace A64Jit.Tests.Hypervisor.Mmu;

/// <summary>
/// Pages and blocks with each granule and start level, in the EL1&amp;0 regime's TTBR0 range. Indices are chosen by
/// writing the VA as a sum of (index &lt;&lt; level shift), with the shifts of el2.md 6.4: 4K levels at 39/30/21/12,
/// 16K at 47/36/25/14, 64K at 42/29/16.
/// </summary>
[TestFixture]
public class Stage1GranuleTests
{
    const ulong Root = 0x1000_0000;

    static TranslationResult Read(ulong tcr, ulong ttbr0, ulong va, FakePhysicalMemory mem) =>
        PageTableWalker.Translate(Stage1Regime.El10(Pte.Sctlr(), tcr, ttbr0, 0, 0xFF), va, AccessKind.Read, false, false, mem);

    [Test(Description = "4K, T0SZ=16: four levels from L0, VA = 1<<39 + 2<<30 + 3<<21 + 4<<12 + 0xABC")]
    public void Granule4KFourLevelPage()
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Root, 1, Pte.Table(0x1000_1000));
        mem.Entry(0x1000_1000, 2, Pte.Table(0x1000_2000));
        mem.Entry(0x1000_2000, 3, Pte.Table(0x1000_3000));
        mem.Entry(0x1000_3000, 4, Pte.Page(0x4567_8000));
        var r = Read(Pte.TcrEl1(t0sz: 16, tg0: 0b00), Root, 0x0000_0080_8060_4ABC, mem);
        Assert.That(r.Success, r.ToString());
        Assert.That(r.PhysicalAddress, Is.EqualTo(0x4567_8ABCUL));
        Assert.That((r.SizeLog2, r.Stage1Level, r.PhysicalBase, r.InputBase), Is.EqualTo((12, 3, 0x4567_8000UL, 0x0000_0080_8060_4000UL)));
        Assert.That(mem.Reads, Is.EqualTo(new ulong[] { 0x1000_0008, 0x1000_1010, 0x1000_2018, 0x1000_3020 }));
    }

    [Test(Description = "4K, T0SZ=25 starts at L1 (el2.md 6.4); an L1 block maps 1 GiB")]
    public void Granule4KLevel1Block()
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Root, 2, Pte.Block(0x4000_0000));
        var r = Read(Pte.TcrEl1(t0sz: 25), Root, 0x9234_5678, mem);
        Assert.That((r.PhysicalAddress, r.SizeLog2, r.Stage1Level), Is.EqualTo((0x5234_5678UL, 30, 1)), r.ToString());
        Assert.That(mem.Reads, Is.EqualTo(new ulong[] { 0x1000_0010 }));
    }

    [Test(Description = "4K, T0SZ=25: an L2 block maps 2 MiB")]
    public void Granule4KLevel2Block()
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Root, 0, Pte.Table(0x1000_1000));
        mem.Entry(0x1000_1000, 5, Pte.Block(0x8020_0000));
        var r = Read(Pte.TcrEl1(t0sz: 25), Root, 5UL << 21 | 0x1_2345, mem);
        Assert.That((r.PhysicalAddress, r.SizeLog2, r.Stage1Level), Is.EqualTo((0x8021_2345UL, 21, 2)), r.ToString());
    }

    [Test(Description = "4K, T0SZ=39 (25-bit VA) starts at L2 with a 16-entry first table, which only needs 128-byte alignment")]
    public void Granule4KSmallFirstTable()
    {
        var mem = new FakePhysicalMemory();
        const ulong root = 0x1000_0080;
        mem.Entry(root, 13, Pte.Table(0x1000_1000));
        mem.Entry(0x1000_1000, 3, Pte.Page(0x7777_7000));
        var r = Read(Pte.TcrEl1(t0sz: 39), root, 13UL << 21 | 3UL << 12 | 0x456, mem);
        Assert.That((r.PhysicalAddress, r.SizeLog2), Is.EqualTo((0x7777_7456UL, 12)), r.ToString());
        Assert.That(mem.Reads, Is.EqualTo(new ulong[] { 0x1000_00E8, 0x1000_1018 }));
    }

    [Test(Description = "16K (TG0=10), T0SZ=16: L0 resolves only VA[47]; then VA[46:36], VA[35:25], VA[24:14]")]
    public void Granule16KFourLevelPage()
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Root, 1, Pte.Table(0x1000_4000));
        mem.Entry(0x1000_4000, 3, Pte.Table(0x1000_8000));
        mem.Entry(0x1000_8000, 5, Pte.Table(0x1000_C000));
        mem.Entry(0x1000_C000, 7, Pte.Page(0x1_2345_C000));
        ulong va = 1UL << 47 | 3UL << 36 | 5UL << 25 | 7UL << 14 | 0x1234;
        Assert.That(va, Is.EqualTo(0x0000_8030_0A01_D234UL));
        var r = Read(Pte.TcrEl1(tg0: 0b10), Root, va, mem);
        Assert.That((r.PhysicalAddress, r.SizeLog2, r.Stage1Level), Is.EqualTo((0x1_2345_D234UL, 14, 3)), r.ToString());
        Assert.That(mem.Reads, Is.EqualTo(new ulong[] { 0x1000_0008, 0x1000_4018, 0x1000_8028, 0x1000_C038 }));
    }

    [Test(Description = "16K, T0SZ=28 (36-bit VA) starts at L2; an L2 block maps 32 MiB")]
    public void Granule16KLevel2Block()
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Root, 9, Pte.Block(0x6000_0000));
        var r = Read(Pte.TcrEl1(t0sz: 28, tg0: 0b10), Root, 9UL << 25 | 0x12_3456, mem);
        Assert.That((r.PhysicalAddress, r.SizeLog2, r.Stage1Level), Is.EqualTo((0x6012_3456UL, 25, 2)), r.ToString());
        Assert.That(mem.Reads, Is.EqualTo(new ulong[] { 0x1000_0048 }));
    }

    [Test(Description = "64K (TG0=01), T0SZ=16 starts at L1 with VA[47:42]; then VA[41:29], VA[28:16]")]
    public void Granule64KThreeLevelPage()
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Root, 1, Pte.Table(0x1001_0000));
        mem.Entry(0x1001_0000, 2, Pte.Table(0x1002_0000));
        mem.Entry(0x1002_0000, 3, Pte.Page(0x7_0001_0000));
        var r = Read(Pte.TcrEl1(tg0: 0b01), Root, 1UL << 42 | 2UL << 29 | 3UL << 16 | 0xBEEF, mem);
        Assert.That((r.PhysicalAddress, r.SizeLog2, r.Stage1Level), Is.EqualTo((0x7_0001_BEEFUL, 16, 3)), r.ToString());
        Assert.That(mem.Reads, Is.EqualTo(new ulong[] { 0x1000_0008, 0x1001_0010, 0x1002_0018 }));
    }

    [Test(Description = "64K: an L2 block maps 512 MiB")]
    public void Granule64KLevel2Block()
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Root, 1, Pte.Table(0x1001_0000));
        mem.Entry(0x1001_0000, 1, Pte.Block(0x2_0000_0000));
        var r = Read(Pte.TcrEl1(tg0: 0b01), Root, 1UL << 42 | 1UL << 29 | 0x123_4567, mem);
        Assert.That((r.PhysicalAddress, r.SizeLog2, r.Stage1Level), Is.EqualTo((0x2_0123_4567UL, 29, 2)), r.ToString());
    }

    [Test(Description = "64K, T0SZ=39 (25-bit VA): the walk starts at L3 with a 9-bit index VA[24:16]")]
    public void Granule64KStartsAtLevel3()
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Root, 0x1AB, Pte.Page(0x3_0000));
        var r = Read(Pte.TcrEl1(t0sz: 39, tg0: 0b01), Root, 0x1AB_CDEF, mem);
        Assert.That((r.PhysicalAddress, r.SizeLog2, r.Stage1Level), Is.EqualTo((0x3_CDEFUL, 16, 3)), r.ToString());
        Assert.That(mem.Reads, Is.EqualTo(new ulong[] { 0x1000_0D58 }));
    }

    [Test(Description = "blocks only where the granule allows them: 4K L0, 16K L1 and 64K L1 blocks are translation faults at that level")]
    public void BlocksAtIllegalLevelsAreTranslationFaults()
    {
        var mem4 = new FakePhysicalMemory();
        mem4.Entry(Root, 0, Pte.Block(0));
        var r4 = Read(Pte.TcrEl1(), Root, 0x1234, mem4);
        Assert.That((r4.Fault.Kind, r4.Fault.Level, FaultStatus.Code(r4.Fault)), Is.EqualTo((FaultKind.Translation, 0, (byte)0x04)));

        var mem16 = new FakePhysicalMemory();
        mem16.Entry(Root, 0, Pte.Table(0x1000_4000));
        mem16.Entry(0x1000_4000, 0, Pte.Block(0));
        var r16 = Read(Pte.TcrEl1(tg0: 0b10), Root, 0x1234, mem16);
        Assert.That((r16.Fault.Kind, r16.Fault.Level, FaultStatus.Code(r16.Fault)), Is.EqualTo((FaultKind.Translation, 1, (byte)0x05)));

        var mem64 = new FakePhysicalMemory();
        mem64.Entry(Root, 0, Pte.Block(0));
        var r64 = Read(Pte.TcrEl1(tg0: 0b01), Root, 0x1234, mem64);
        Assert.That((r64.Fault.Kind, r64.Fault.Level, FaultStatus.Code(r64.Fault)), Is.EqualTo((FaultKind.Translation, 1, (byte)0x05)));
    }

    [Test(Description = "bits[1:0]=01 at level 3 is reserved: a level-3 translation fault")]
    public void Level3BlockEncodingIsReserved()
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Root, 0, Pte.Table(0x1000_1000));
        mem.Entry(0x1000_1000, 0, Pte.Table(0x1000_2000));
        mem.Entry(0x1000_2000, 5, Pte.Block(0x5000)); // a "block" at level 3, index VA[20:12] = 5
        var r = Read(Pte.TcrEl1(t0sz: 25), Root, 0x5123, mem);
        Assert.That((r.Fault.Kind, r.Fault.Level, FaultStatus.Code(r.Fault)), Is.EqualTo((FaultKind.Translation, 3, (byte)0x07)));
    }
}
