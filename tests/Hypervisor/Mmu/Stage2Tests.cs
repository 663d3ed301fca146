using A64Jit.Hypervisor.Mmu;

namespace A64Jit.Tests.Hypervisor.Mmu;

/// <summary>
/// Stage 2 alone and combined with stage 1: VTCR_EL2 start levels and concatenated first tables, S2AP/XN,
/// MemAttr and its combination with stage 1, S1PTW faults, and the IPA every stage-2 fault carries.
/// </summary>
[TestFixture]
public class Stage2Tests
{
    const ulong Vttbr = 0x3000_0000;

    /// <summary>4K, T0SZ=24 (40-bit IPA), SL0=1: starts at L1 with IPA[39:30], two concatenated tables.</summary>
    static readonly ulong Vtcr40 = Pte.Vtcr(t0sz: 24, sl0: 1);

    static Stage2Regime S2(ulong vtcr, ulong vttbr = Vttbr) => new(vtcr, vttbr) { Enabled = true };

    static void AssertStage2Fault(TranslationResult r, FaultKind kind, int level, byte dfsc, ulong ipa, bool s1ptw = false)
    {
        Assert.That(r.Success, Is.False, r.ToString());
        Assert.That((r.Fault.Kind, r.Fault.Level, FaultStatus.Code(r.Fault), r.Fault.Stage2, r.Fault.S1Ptw, r.Fault.Ipa),
            Is.EqualTo((kind, level, dfsc, true, s1ptw, ipa)));
    }

    [Test(Description = "two concatenated L1 tables: IPA 0x80_4000_1234 has L1 index IPA[39:30] = 513, in the second table")]
    public void ConcatenatedFirstLevel()
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Vttbr, 513, Pte.S2Block(0xC000_0000));
        var r = PageTableWalker.TranslateStage2(S2(Vtcr40), 0x80_4000_1234, AccessKind.Read, mem);
        Assert.That((r.PhysicalAddress, r.SizeLog2, r.Stage2Level), Is.EqualTo((0xC000_1234UL, 30, 1)), r.ToString());
        Assert.That(mem.Reads, Is.EqualTo(new ulong[] { 0x3000_1008 }));
    }

    [Test(Description = "16K, T0SZ=16, SL0=2: starts at L1 with IPA[47:36], two concatenated 16K tables; L2 block 32 MiB")]
    public void Stage2SixteenK()
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Vttbr, 0x800, Pte.Table(0x3001_0000));
        mem.Entry(0x3001_0000, 0, Pte.S2Block(0x4200_0000));
        var r = PageTableWalker.TranslateStage2(S2(Pte.Vtcr(t0sz: 16, sl0: 2, tg0: 0b10)), 0x8000_0123_4567, AccessKind.Read, mem);
        Assert.That((r.PhysicalAddress, r.SizeLog2, r.Stage2Level), Is.EqualTo((0x4323_4567UL, 25, 2)), r.ToString());
        Assert.That(mem.Reads, Is.EqualTo(new ulong[] { 0x3000_4000, 0x3001_0000 }));
    }

    [Test(Description = "64K (TG0=01), T0SZ=24, SL0=1: starts at L2 with IPA[39:29]; L2 block 512 MiB")]
    public void Stage2SixtyFourK()
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Vttbr, 1023, Pte.S2Block(0x2_0000_0000));
        var r = PageTableWalker.TranslateStage2(S2(Pte.Vtcr(t0sz: 24, sl0: 1, tg0: 0b01)), 0x7F_E000_1234, AccessKind.Read, mem);
        Assert.That((r.PhysicalAddress, r.SizeLog2), Is.EqualTo((0x2_0000_1234UL, 29)), r.ToString());
        Assert.That(mem.Reads, Is.EqualTo(new ulong[] { 0x3000_1FF8 }));
    }

    [TestCase(0u, false, false, TestName = "S2AP=00: no access")]
    [TestCase(1u, true, false, TestName = "S2AP=01: read-only")]
    [TestCase(2u, false, true, TestName = "S2AP=10: write-only")]
    [TestCase(3u, true, true, TestName = "S2AP=11: read/write")]
    [Description("S2AP[0] allows reads and S2AP[1] writes; a refusal is a stage-2 permission fault carrying the IPA")]
    public void S2ap(uint s2ap, bool read, bool write)
    {
        var mem = Stage2PageAt0x1000(Pte.S2Page(0x9000_1000, s2ap: s2ap));
        foreach (var (kind, allowed) in new[] { (AccessKind.Read, read), (AccessKind.Write, write) })
        {
            var r = PageTableWalker.TranslateStage2(S2(Vtcr40), 0x1234, kind, mem);
            if (allowed)
                Assert.That(r.PhysicalAddress, Is.EqualTo(0x9000_1234UL));
            else
                AssertStage2Fault(r, FaultKind.Permission, 3, 0x0F, 0x1234);
        }
    }

    [Test(Description = "stage-2 XN (bit 54) forbids execution at EL1 and EL0")]
    public void Stage2ExecuteNever()
    {
        var mem = Stage2PageAt0x1000(Pte.S2Page(0x9000_1000, xn: true));
        AssertStage2Fault(PageTableWalker.TranslateStage2(S2(Vtcr40), 0x1234, AccessKind.Execute, mem), FaultKind.Permission, 3, 0x0F, 0x1234);
        Assert.That(PageTableWalker.TranslateStage2(S2(Vtcr40), 0x1234, AccessKind.Read, mem).Success, Is.True);
    }

    static FakePhysicalMemory Stage2PageAt0x1000(ulong leaf)
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Vttbr, 0, Pte.Table(0x3001_0000));
        mem.Entry(0x3001_0000, 0, Pte.Table(0x3001_1000));
        mem.Entry(0x3001_1000, 1, leaf);
        return mem;
    }

    [TestCase(24u, 3u, 0b00u, TestName = "4K SL0=3 (level 3) needs FEAT_TTST")]
    [TestCase(16u, 1u, 0b00u, TestName = "4K T0SZ=16 cannot start at L1 (at most 39 + 4 bits)")]
    [TestCase(24u, 0u, 0b00u, TestName = "4K T0SZ=24 cannot start at L2 (at most 30 + 4 bits)")]
    [TestCase(34u, 1u, 0b00u, TestName = "4K T0SZ=34 (30 bits) must not start at L1")]
    [TestCase(16u, 3u, 0b10u, TestName = "16K SL0=3 needs 52-bit tables")]
    [TestCase(24u, 3u, 0b01u, TestName = "64K SL0=3 is reserved")]
    [TestCase(40u, 0u, 0b00u, TestName = "T0SZ=40 is above 39")]
    [Description("an invalid VTCR_EL2 start level or size: a stage-2 level-0 translation fault")]
    public void InvalidStage2Setup(uint t0sz, uint sl0, uint tg0)
    {
        var mem = new FakePhysicalMemory();
        var r = PageTableWalker.TranslateStage2(S2(Pte.Vtcr(t0sz, sl0, tg0)), 0x1000, AccessKind.Read, mem);
        AssertStage2Fault(r, FaultKind.Translation, 0, 0x04, 0x1000);
        Assert.That(mem.Reads, Is.Empty);
    }

    [Test(Description = "an IPA at or above 2^(64-T0SZ): stage-2 level-0 translation fault")]
    public void IpaOutOfRange() =>
        AssertStage2Fault(PageTableWalker.TranslateStage2(S2(Vtcr40), 0x100_0000_0000, AccessKind.Read, new FakePhysicalMemory()),
            FaultKind.Translation, 0, 0x04, 0x100_0000_0000);

    [Test(Description = "VTCR_EL2.PS=000 (32 bits): a VTTBR base or an output at 4 GiB is an address size fault")]
    public void Stage2AddressSize()
    {
        ulong vtcr = Pte.Vtcr(t0sz: 24, sl0: 1, ps: 0b000);
        AssertStage2Fault(PageTableWalker.TranslateStage2(S2(vtcr, 0x1_0000_0000), 0x1000, AccessKind.Read, new FakePhysicalMemory()),
            FaultKind.AddressSize, 0, 0x00, 0x1000);
        var mem = new FakePhysicalMemory();
        mem.Entry(Vttbr, 0, Pte.S2Block(0x1_0000_0000));
        AssertStage2Fault(PageTableWalker.TranslateStage2(S2(vtcr), 0x1000, AccessKind.Read, mem), FaultKind.AddressSize, 1, 0x01, 0x1000);
    }

    [Test(Description = "stage-2 AF=0: a stage-2 access flag fault")]
    public void Stage2AccessFlag() =>
        AssertStage2Fault(PageTableWalker.TranslateStage2(S2(Vtcr40), 0x1234, AccessKind.Read, Stage2PageAt0x1000(Pte.S2Page(0x9000_1000, af: false))),
            FaultKind.AccessFlag, 3, 0x0B, 0x1234);

    [TestCase(false, (ushort)0x5A, TestName = "VS=0: 8-bit VMID from VTTBR[55:48]")]
    [TestCase(true, (ushort)0xAB5A, TestName = "VS=1: 16-bit VMID from VTTBR[63:48]")]
    public void Vmid(bool vs, ushort vmid)
    {
        var s2 = S2(Pte.Vtcr(t0sz: 24, sl0: 1, vs: vs), Vttbr | 0xAB5AUL << 48);
        Assert.That(s2.Vmid, Is.EqualTo(vmid));
        var mem = new FakePhysicalMemory();
        mem.Entry(Vttbr, 0, Pte.S2Block(0x8000_0000));
        Assert.That(PageTableWalker.TranslateStage2(s2, 0x1234, AccessKind.Read, mem).Vmid, Is.EqualTo(vmid));
    }

    // ---- Stage 1 + stage 2 ----
    // Stage 1: 4K, T0SZ=25, tables at IPAs 0x1000_0000 (L1), 0x1000_1000 (L2), 0x1000_2000 (L3); VA 0x1000 -> IPA 0x4000_1000.
    // Stage 2 (Vtcr40): IPA [0, 1 GiB) is an L1 block at PA 0x8000_0000, so stage-1 tables live at PA IPA + 0x8000_0000;
    // IPA 0x4000_1000 goes through L2 0x3001_0000 and L3 0x3001_1000 to PA 0xA000_5000.
    const ulong S1Root = 0x1000_0000, Shift = 0x8000_0000;

    static FakePhysicalMemory TwoStages(
        ulong s1Page = 0, ulong? tableBlock = null, ulong? s2Leaf = null, ulong s1Root3 = 0)
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(S1Root + Shift, 0, Pte.Table(0x1000_1000));
        mem.Entry(S1Root + Shift, 3, s1Root3);
        mem.Entry(0x1000_1000 + Shift, 0, Pte.Table(0x1000_2000));
        mem.Entry(0x1000_2000 + Shift, 1, s1Page == 0 ? Pte.Page(0x4000_1000) : s1Page);
        mem.Entry(Vttbr, 0, tableBlock ?? Pte.S2Block(Shift));
        mem.Entry(Vttbr, 1, Pte.Table(0x3001_0000));
        mem.Entry(0x3001_0000, 0, Pte.Table(0x3001_1000));
        mem.Entry(0x3001_1000, 1, s2Leaf ?? Pte.S2Page(0xA000_5000));
        return mem;
    }

    static Stage1Regime S1(ulong mair = 0xFF, bool mmu = true) =>
        Stage1Regime.El10(Pte.Sctlr(m: mmu), Pte.TcrEl1(t0sz: 25), S1Root, 0, mair);

    static TranslationResult Both(FakePhysicalMemory mem, ulong va = 0x1234, AccessKind kind = AccessKind.Read, Stage1Regime? s1 = null, bool unprivileged = false) =>
        PageTableWalker.Translate(s1 ?? S1(), va, kind, unprivileged, false, mem, S2(Vtcr40));

    [Test(Description = "VA -> IPA -> PA, with the stage-1 descriptors fetched through stage 2")]
    public void TwoStageTranslation()
    {
        var mem = TwoStages();
        var r = Both(mem);
        Assert.That((r.IntermediateAddress, r.PhysicalAddress, r.SizeLog2), Is.EqualTo((0x4000_1234UL, 0xA000_5234UL, 12)), r.ToString());
        Assert.That((r.Stage1Level, r.Stage2Level, r.Stage2Applied), Is.EqualTo((3, 3, true)));
        Assert.That((r.InputBase, r.IntermediateBase, r.PhysicalBase), Is.EqualTo((0x1000UL, 0x4000_1000UL, 0xA000_5000UL)));
        // Each stage-1 descriptor costs one stage-2 L1 read, then the descriptor itself at IPA + 0x8000_0000.
        Assert.That(mem.Reads, Is.EqualTo(new ulong[]
        {
            0x3000_0000, 0x9000_0000, 0x3000_0000, 0x9000_1000, 0x3000_0000, 0x9000_2008,
            0x3000_0008, 0x3001_0000, 0x3001_1008,
        }));
    }

    [Test(Description = "the combined mapping is as large as the smaller stage: a 1 GiB stage-1 block over a 4K stage-2 page")]
    public void CombinedSizeIsTheSmaller()
    {
        var mem = TwoStages();
        mem.Entry(S1Root + Shift, 1, Pte.Block(0x4000_0000));
        var r = Both(mem, va: 0x4000_1234);
        Assert.That((r.PhysicalAddress, r.SizeLog2, r.Stage1Level, r.Stage2Level), Is.EqualTo((0xA000_5234UL, 12, 1, 3)), r.ToString());
    }

    [Test(Description = "stage 2 cannot translate a stage-1 table's IPA: a stage-2 fault with S1PTW, the stage-2 level and the descriptor's IPA")]
    public void S1PtwTranslationFault()
    {
        var mem = TwoStages(tableBlock: 0);
        var r = Both(mem, va: 3UL << 30 | 0x1234);
        AssertStage2Fault(r, FaultKind.Translation, 1, 0x05, S1Root + 3 * 8, s1ptw: true);
        Assert.That(Hpfar.FromFault(r.Fault), Is.EqualTo(0x10_0000UL));
    }

    [TestCase(0u, TestName = "S2AP=00: the table walk may not read")]
    [TestCase(2u, TestName = "S2AP=10: write-only is not enough")]
    [Description("a stage-1 table in memory stage 2 does not let be read: a stage-2 permission fault with S1PTW")]
    public void S1PtwPermissionFault(uint s2ap)
    {
        var r = Both(TwoStages(tableBlock: Pte.S2Block(Shift, s2ap: s2ap)));
        AssertStage2Fault(r, FaultKind.Permission, 1, 0x0D, S1Root, s1ptw: true);
    }

    [Test(Description = "read-only stage-2 memory is enough for a table walk")]
    public void S1PtwReadOnlyIsEnough() =>
        Assert.That(Both(TwoStages(tableBlock: Pte.S2Block(Shift, s2ap: 1))).PhysicalAddress, Is.EqualTo(0xA000_5234UL));

    [Test(Description = "a stage-2 access flag fault on a stage-1 table fetch")]
    public void S1PtwAccessFlagFault() =>
        AssertStage2Fault(Both(TwoStages(tableBlock: Pte.S2Block(Shift, af: false))), FaultKind.AccessFlag, 1, 0x09, S1Root, s1ptw: true);

    [Test(Description = "stage 1 succeeds and stage 2 has no L3 entry for the output: stage-2 translation fault, IPA of the access")]
    public void Stage2FaultOnOutput()
    {
        var r = Both(TwoStages(s2Leaf: 0));
        AssertStage2Fault(r, FaultKind.Translation, 3, 0x07, 0x4000_1234);
        Assert.That(Hpfar.FromFault(r.Fault), Is.EqualTo(0x40_0010UL));
    }

    [Test(Description = "a stage-1 permission fault comes before the stage-2 walk of the output")]
    public void Stage1PermissionBeforeStage2()
    {
        var r = Both(TwoStages(s1Page: Pte.Page(0x4000_1000, ap: 0b10), s2Leaf: 0), kind: AccessKind.Write);
        Assert.That((r.Fault.Kind, r.Fault.Level, r.Fault.Stage2), Is.EqualTo((FaultKind.Permission, 3, false)));
    }

    [Test(Description = "permissions intersect: stage-1 RW under stage-2 read-only; a write is a stage-2 permission fault")]
    public void PermissionsIntersect()
    {
        var mem = TwoStages(s2Leaf: Pte.S2Page(0xA000_5000, s2ap: 1));
        var r = Both(mem);
        Assert.That(r.Permissions, Is.EqualTo(PagePermissions.PrivilegedRead | PagePermissions.PrivilegedExecute | PagePermissions.UserExecute));
        AssertStage2Fault(Both(mem, kind: AccessKind.Write), FaultKind.Permission, 3, 0x0F, 0x4000_1234);
        var fault = r.PermissionFault(0x1FF8, AccessKind.Write, false, false);
        Assert.That((fault.Kind, fault.Level, fault.Stage2, fault.Ipa), Is.EqualTo((FaultKind.Permission, 3, true, 0x4000_1FF8UL)));
    }

    [Test(Description = "stage-2 XN stops EL0 and EL1 fetches that stage 1 allows")]
    public void Stage2XnCombined()
    {
        var mem = TwoStages(s2Leaf: Pte.S2Page(0xA000_5000, xn: true));
        AssertStage2Fault(Both(mem, kind: AccessKind.Execute), FaultKind.Permission, 3, 0x0F, 0x4000_1234);
        AssertStage2Fault(Both(mem, kind: AccessKind.Execute, unprivileged: true), FaultKind.Permission, 3, 0x0F, 0x4000_1234);
    }

    [TestCase(0xFFUL, 0b1111u, 0b00u, (byte)0xFF, (byte)0b11, TestName = "WB + WB: Write-Back; Inner Shareable (stage 1) beats Non-shareable")]
    [TestCase(0xFFUL, 0b0001u, 0b11u, (byte)0x04, (byte)0b10, TestName = "WB + Device-nGnRE: Device-nGnRE, Outer Shareable")]
    [TestCase(0xFFUL, 0b0101u, 0b11u, (byte)0x44, (byte)0b10, TestName = "WB + Non-cacheable: Non-cacheable, Outer Shareable")]
    [TestCase(0xFFUL, 0b1010u, 0b11u, (byte)0xBB, (byte)0b11, TestName = "WB-RWA + WT: Write-Through keeping stage 1's allocation hints")]
    [TestCase(0x08UL, 0b0001u, 0b11u, (byte)0x04, (byte)0b10, TestName = "Device-nGRE + Device-nGnRE: the more restrictive nGnRE")]
    [TestCase(0x04UL, 0b1111u, 0b11u, (byte)0x04, (byte)0b10, TestName = "Device-nGnRE + WB: Device-nGnRE")]
    [TestCase(0xFFUL, 0b1111u, 0b10u, (byte)0xFF, (byte)0b10, TestName = "Outer Shareable at stage 2 beats Inner")]
    public void CombinedAttributes(ulong mair, uint memAttr, uint s2sh, byte attr, byte sh)
    {
        var r = Both(TwoStages(s2Leaf: Pte.S2Page(0xA000_5000, memAttr: memAttr, sh: s2sh)), s1: S1(mair));
        Assert.That((r.Attributes, r.Shareability, r.MemoryType), Is.EqualTo((attr, sh, attr < 0x10 ? MemoryType.Device : MemoryType.Normal)), r.ToString());
    }

    [Test(Description = "stage 1 off under stage 2: IPA = VA; data stays Device, a fetch is Write-Through (SCTLR.I) combined with stage-2 WB")]
    public void Stage1OffStage2On()
    {
        var mem = TwoStages();
        var data = Both(mem, va: 0x4000_1234, s1: S1(mmu: false));
        Assert.That((data.IntermediateAddress, data.PhysicalAddress, data.Attributes), Is.EqualTo((0x4000_1234UL, 0xA000_5234UL, (byte)0x00)));
        var fetch = Both(mem, va: 0x4000_1234, kind: AccessKind.Execute, s1: S1(mmu: false));
        Assert.That((fetch.PhysicalAddress, fetch.Attributes), Is.EqualTo((0xA000_5234UL, (byte)0xAA)));
    }

    [Test(Description = "TranslateStage1 under stage 2 (AT S1E1R with VM=1): tables are fetched through stage 2, the output is the IPA")]
    public void Stage1OnlyOutputIsIpa()
    {
        var r = PageTableWalker.TranslateStage1(S1(), 0x1234, AccessKind.Read, false, false, TwoStages(s2Leaf: 0), S2(Vtcr40));
        Assert.That((r.Success, r.PhysicalAddress, r.Stage2Applied, r.Attributes), Is.EqualTo((true, 0x4000_1234UL, false, (byte)0xFF)));
        var ptw = PageTableWalker.TranslateStage1(S1(), 0x1234, AccessKind.Read, false, false, TwoStages(tableBlock: 0), S2(Vtcr40));
        Assert.That((ptw.Fault.Stage2, ptw.Fault.S1Ptw, ptw.Fault.Ipa), Is.EqualTo((true, true, S1Root)));
    }

    [Test(Description = "a stage 2 that is not enabled (HCR_EL2.VM=0) is ignored, but its VMID still tags the result")]
    public void DisabledStage2IsIgnored()
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(S1Root, 0, Pte.Table(0x1000_1000));
        mem.Entry(0x1000_1000, 0, Pte.Table(0x1000_2000));
        mem.Entry(0x1000_2000, 1, Pte.Page(0x4000_1000));
        Stage2Regime? s2 = new Stage2Regime(Vtcr40, Vttbr | 0x42UL << 48);
        var r = PageTableWalker.Translate(S1(), 0x1234, AccessKind.Read, false, false, mem, s2);
        Assert.That((r.PhysicalAddress, r.Stage2Applied, r.Vmid), Is.EqualTo((0x4000_1234UL, false, (ushort)0x42)));
    }
}
