using A64Jit.Hypervisor.Mmu;

namespace A64Jit.Tests.Hypervisor.Mmu;

/// <summary>
/// The translation cases of el2.md section 9 (D: "Translation, AT, stage 2"): 29, 30, 31, 32 (DFSC and HPFAR),
/// 33 (S1PTW during AT) and 34 (PAR of AT S12E1R). AT S1E1R/W are stage-1 translations checked as EL1 reads or
/// writes with PAN ignored; AT S1E1RP honours PAN; AT S12E1R adds stage 2.
/// </summary>
[TestFixture]
public class El2DigestCaseTests
{
    const ulong Root = 0x1000_0000;

    /// <summary>MAIR with 0x00, 0x04, 0x44, 0xFF at indices 0-3.</summary>
    const ulong Mair = 0xFF_44_04_00;

    static readonly Stage1Regime S1 = Stage1Regime.El10(Pte.Sctlr(), Pte.TcrEl1(t0sz: 25), Root, 0, Mair);

    /// <summary>Case 29's VA: L1 index 0x48, L2 index 0x1A2, L3 index 0x167 (4K, T0SZ=25: the walk starts at L1).</summary>
    const ulong V = 0x48UL << 30 | 0x1A2UL << 21 | 0x167UL << 12;

    static FakePhysicalMemory Case29Tables(ulong leaf)
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Root, 0x48, Pte.Table(0x1000_1000));
        mem.Entry(0x1000_1000, 0x1A2, Pte.Table(0x1000_2000));
        mem.Entry(0x1000_2000, 0x167, leaf);
        return mem;
    }

    static ulong At(FakePhysicalMemory mem, AccessKind kind, bool pan = false, ulong va = V) =>
        Par.FromResult(PageTableWalker.Translate(S1, va, kind, false, pan, mem));

    [Test(Description = "case 29: AT S1E1R of V mapped to PA 0x4000_1000, MAIR byte 0xFF, SH=11, AF=1 -> PAR 0xFF00000040001B80")]
    public void Case29AtSuccess()
    {
        var mem = Case29Tables(Pte.Page(0x4000_1000, attrIndx: 3, sh: 0b11));
        Assert.That(At(mem, AccessKind.Read), Is.EqualTo(0xFF00000040001B80UL));
        Assert.That(At(mem, AccessKind.Read, va: V + 0xABC), Is.EqualTo(0xFF00000040001B80UL), "PAR holds PA[47:12] only");
    }

    [Test(Description = "case 30: unmapped at L3 -> PAR 0x80F; AF=0 -> 0x817; AT S1E1W to AP=10 -> 0x81F")]
    public void Case30AtFaults()
    {
        Assert.That(At(Case29Tables(0), AccessKind.Read), Is.EqualTo(0x80FUL));
        Assert.That(At(Case29Tables(Pte.Page(0x4000_1000, attrIndx: 3, af: false)), AccessKind.Read), Is.EqualTo(0x817UL));
        var readOnly = Case29Tables(Pte.Page(0x4000_1000, attrIndx: 3, ap: 0b10));
        Assert.That(At(readOnly, AccessKind.Write), Is.EqualTo(0x81FUL));
        Assert.That(At(readOnly, AccessKind.Read), Is.EqualTo(0xFF00000040001B80UL), "AT S1E1R of the same page succeeds");
    }

    [Test(Description = "case 31: PAN=1 and AP=01: AT S1E1R succeeds, AT S1E1RP fails with a permission FST, LDR at EL1 takes a permission fault")]
    public void Case31Pan()
    {
        var mem = Case29Tables(Pte.Page(0x4000_1000, attrIndx: 3, ap: 0b01));
        Assert.That(At(mem, AccessKind.Read, pan: false), Is.EqualTo(0xFF00000040001B80UL), "AT S1E1R ignores PSTATE.PAN");
        Assert.That(At(mem, AccessKind.Read, pan: true), Is.EqualTo(0x81FUL), "AT S1E1RP honours it");
        var ldr = PageTableWalker.Translate(S1, V, AccessKind.Read, unprivileged: false, pan: true, mem);
        Assert.That((ldr.Fault.Kind, FaultStatus.Code(ldr.Fault), ldr.Fault.Stage2), Is.EqualTo((FaultKind.Permission, (byte)0x0F, false)));
    }

    // Cases 32-34: stage 2 is 4K, T0SZ=16, SL0=2 (starts at L0). IPA [0, 1 GiB) is identity-mapped by an L1 block so
    // stage-1 tables at IPA = PA work. IPA 0x800_1234_5000 = L0 16, L1 0, L2 0x91, L3 0x145 reaches an L3 table whose
    // entry 0x145 is empty; L2 entry 0x92 is empty as well.
    const ulong Vttbr = 0x3000_0000;
    const ulong MissingL3Ipa = 16UL << 39 | 0x91UL << 21 | 0x145UL << 12;
    const ulong MissingL2Ipa = 16UL << 39 | 0x92UL << 21;

    static readonly Stage2Regime? S2 = new Stage2Regime(Pte.Vtcr(t0sz: 16, sl0: 2), Vttbr) { Enabled = true };

    static FakePhysicalMemory NestedTables()
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Vttbr, 0, Pte.Table(0x3000_1000));
        mem.Entry(0x3000_1000, 0, Pte.S2Block(0));
        mem.Entry(Vttbr, 16, Pte.Table(0x3000_2000));
        mem.Entry(0x3000_2000, 0, Pte.Table(0x3000_3000));
        mem.Entry(0x3000_3000, 0x91, Pte.Table(0x3000_4000));
        // Stage 1 (4K, T0SZ=25): VA 0x2000 -> IPA MissingL3Ipa, VA 0x3000 -> IPA MissingL2Ipa.
        mem.Entry(Root, 0, Pte.Table(0x1000_1000));
        mem.Entry(0x1000_1000, 0, Pte.Table(0x1000_2000));
        mem.Entry(0x1000_2000, 2, Pte.Page(MissingL3Ipa, attrIndx: 3));
        mem.Entry(0x1000_2000, 3, Pte.Page(MissingL2Ipa, attrIndx: 3));
        return mem;
    }

    [Test(Description = "case 32: STR to an IPA with no stage-2 L3 entry: DFSC 0x07 (ESR_EL2 0x93C18047 & 0x3F), HPFAR 0x800123450")]
    public void Case32Stage2DataAbort()
    {
        Assert.That(MissingL3Ipa, Is.EqualTo(0x800_1234_5000UL), "the IPA of el2.md's example");
        var r = PageTableWalker.Translate(S1, 0x2000, AccessKind.Write, false, false, NestedTables(), S2);
        Assert.That((r.Fault.Kind, r.Fault.Level, r.Fault.Stage2, r.Fault.S1Ptw), Is.EqualTo((FaultKind.Translation, 3, true, false)));
        Assert.That(FaultStatus.Code(r.Fault), Is.EqualTo((byte)(0x93C18047 & 0x3F)));
        Assert.That(r.Fault.Ipa, Is.EqualTo(0x800_1234_5000UL));
        Assert.That(Hpfar.FromFault(r.Fault), Is.EqualTo(0x800123450UL));
    }

    [Test(Description = "case 32: a 32-bit LDR with a stage-2 level-2 miss: DFSC 0x06 (ESR_EL2 0x93820006 & 0x3F)")]
    public void Case32Level2Miss()
    {
        var r = PageTableWalker.Translate(S1, 0x3000, AccessKind.Read, false, false, NestedTables(), S2);
        Assert.That((r.Fault.Kind, r.Fault.Level, r.Fault.Stage2), Is.EqualTo((FaultKind.Translation, 2, true)));
        Assert.That(FaultStatus.Code(r.Fault), Is.EqualTo((byte)(0x93820006 & 0x3F)));
        Assert.That(Hpfar.FromFault(r.Fault), Is.EqualTo(((ulong)MissingL2Ipa >> 12) << 4));
    }

    [Test(Description = "case 33: AT S1E1R at EL1 whose stage-1 table is unmapped at stage 2: a stage-2 S1PTW fault (for the caller to take to EL2), not a PAR result")]
    public void Case33S1PtwDuringAt()
    {
        var mem = NestedTables();
        // Stage-1 root at IPA 0x4000_0000: stage-2 L1 entry 1 of the identity table is empty.
        var s1 = S1 with { Ttbr0 = 0x4000_0000 };
        var r = PageTableWalker.TranslateStage1(s1, 0x2000, AccessKind.Read, false, false, mem, S2);
        Assert.That((r.Fault.Kind, r.Fault.Level, r.Fault.Stage2, r.Fault.S1Ptw, r.Fault.Ipa),
            Is.EqualTo((FaultKind.Translation, 1, true, true, 0x4000_0000UL)));
        Assert.That(Hpfar.FromFault(r.Fault), Is.EqualTo(0x40_0000UL));
    }

    [Test(Description = "case 34: AT S12E1R with stage 1 fine and stage 2 missing at L3 -> PAR 0xA0F (S=1)")]
    public void Case34Stage2MissAtLevel3() =>
        Assert.That(Par.FromResult(PageTableWalker.Translate(S1, 0x2000, AccessKind.Read, false, false, NestedTables(), S2)),
            Is.EqualTo(0xA0FUL));

    [Test(Description = "case 34: stage 2 misses at its L2 while the stage-1 walk fetches its L3 table -> PAR 0xB0D (S=1, PTW=1, FST = stage-2 level 2)")]
    public void Case34Stage2MissDuringStage1Walk()
    {
        var mem = NestedTables();
        // The stage-1 L2 entry for VA 0x20_0000 points at an L3 table at IPA 0x4020_0000, which stage 2 resolves
        // through L0 0, L1 1 (a table at 0x3000_5000) and an empty L2 entry 1.
        mem.Entry(0x1000_1000, 1, Pte.Table(0x4020_0000));
        mem.Entry(0x3000_1000, 1, Pte.Table(0x3000_5000));
        var r = PageTableWalker.Translate(S1, 0x20_0000, AccessKind.Read, false, false, mem, S2);
        Assert.That((r.Fault.Level, r.Fault.S1Ptw, r.Fault.Ipa), Is.EqualTo((2, true, 0x4020_0000UL)));
        Assert.That(Par.FromResult(r), Is.EqualTo(0xB0DUL));
    }

    [Test(Description = "case 34's success path: AT S12E1R returns the PA with the combined attributes")]
    public void Case34Success()
    {
        var mem = NestedTables();
        mem.Entry(0x3000_4000, 0x145, Pte.S2Page(0x5555_5000, memAttr: 0b1111, sh: 0b11));
        var r = PageTableWalker.Translate(S1, 0x2000, AccessKind.Read, false, false, mem, S2);
        Assert.That(Par.FromResult(r), Is.EqualTo(0xFF00_0000_5555_5B80UL));
    }
}
